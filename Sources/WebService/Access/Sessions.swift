import CaseStore
import CaseXML
import Crypto
import Foundation
import Hummingbird
import HummingbirdAuth

/// What the session cookie points at, kept on the server: who signed in and their form token.
public struct WebSession: Codable, Sendable {
    public var user: String
    /// Every form of a page carries this token; a form posted without it was not made by this service.
    public var csrf: String
    /// What the last form saved, said once on the page it redirects to (a flash message): the
    /// words come from the server, never from the query, so no link can make the page say them.
    public var notice: String?

    static func new(user: String) -> WebSession {
        WebSession(user: user, csrf: RandomToken.hex(bytes: 32))
    }
}

enum RandomToken {
    static func hex(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return Hex.string((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
}

/// Signs in the session's user for each request, reading the account afresh so that a removed
/// account loses its sessions at once.
struct SignedInUser: RouterMiddleware {
    typealias Context = WebRequestContext
    let store: CaseStore
    /// Agencies' names by code (the registry's, as pages show them).
    let agencyNames: @Sendable () async -> [String: String]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if SessionLoad.current?.error == nil, let session = context.sessions.session {
            do {
                let user = session.user
                let account: AccountRecord?
                if let preRead = SessionLoad.current?.account(of: user) {
                    account = preRead
                } else {
                    account = try await store.readingPrimary { try await $0.accounts.account(named: user) }
                }
                if let account {
                    var user = WebUser(account)
                    if let agency = user.agency { user.agencyName = await agencyNames()[agency] }
                    context.identity = user
                } else {
                    context.sessions.clearSession()
                }
            } catch {
                // Answered by `StoreOutageGate` inside the error pages, not here.
                SessionLoad.failed(error)
            }
        }
        return try await next(request, context)
    }
}

extension WebRequestContext {
    /// The `{id}` of a case route, percent-decoded: the router matches raw path segments, and ids
    /// may hold any character (Chinese, spaces, `%`, `?`, `#`, `/`), which links percent-encode.
    func caseId() throws -> String {
        try pathText("id") { "没有编号为 \($0) 的案件。" }
    }

    /// A route's `{name}` percent-decoded (`caseId`); what cannot be decoded is "not found".
    func pathText(_ name: String, notFound: (String) -> String) throws -> String {
        let raw = try parameters.require(name)
        guard let text = raw.removingPercentEncoding else { throw WebError.notFound(notFound(raw)) }
        return text
    }

    /// The signed-in user, or `signInRequired`.
    func user() throws -> WebUser {
        guard let identity else { throw WebError.signInRequired }
        return identity
    }

    /// Refuses a form whose token is not this session's.
    func checkCSRF(_ token: String?) throws {
        guard let expected = sessions.session?.csrf, let token,
            Data(token.utf8).withUnsafeBytes({ given in Data(expected.utf8).withUnsafeBytes { safeCompare(given, $0) } })
        else {
            throw WebError.csrfRejected
        }
    }

    var csrfToken: String { sessions.session?.csrf ?? "" }

    /// Keeps `notice` in the session for the next page this user opens.
    func flash(_ notice: String) {
        guard var session = sessions.session else { return }
        session.notice = String(notice.prefix(2000))
        _ = sessions.updateSession(session)
    }

    /// The notice a form left, removed from the session as it is shown.
    func takeNotice() -> String? {
        guard var session = sessions.session, let notice = session.notice else { return nil }
        session.notice = nil
        _ = sessions.updateSession(session)
        return notice
    }
}

/// A path under `prefix` naming `text` as one segment: every character a path segment may not
/// hold as it is (and `/`) percent-encoded, so any id or name links back to itself.
func pathHref(_ prefix: String, _ text: String) -> String {
    prefix + (text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? text)
}

/// Compares in time that does not depend on where the first difference is.
private func safeCompare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for index in 0..<a.count { difference |= a[index] ^ b[index] }
    return difference == 0
}

/// The sign-in form's token, before any session exists: an expiry time signed with a key kept in
/// the store, so that another site cannot sign a visitor in under its account, and a form served by
/// one node of the service signs in through any other.
struct LoginTokens: Sendable {
    let store: CaseStore
    /// Raw bytes, since `SymmetricKey` is not `Sendable`: the stored secret's text. Whoever can read
    /// the store could forge a sign-in form, which gains them nothing the password hashes beside it
    /// do not.
    private let keyBytes: [UInt8]
    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }
    let lifetime: TimeInterval = 3600

    init(store: CaseStore) throws {
        self.store = store
        keyBytes = Array(try store.webSecret(named: "loginTokenKey") { RandomToken.hex(bytes: 32) }.utf8)
    }

    /// `EXPIRY-NONCE.SIGNATURE`: the nonce makes every token distinct, so that one used to sign
    /// in can be refused when it comes again.
    func issue(now: Date = Date()) -> String {
        let stamp = String(Int(now.timeIntervalSince1970 + lifetime)) + "-" + RandomToken.hex(bytes: 16)
        return stamp + "." + signature(stamp)
    }

    /// Whether the token is valid and unused; it is used up by this call, on every node.
    func consume(_ token: String?, now: Date = Date()) async throws -> Bool {
        guard let token, isValid(token, now: now) else { return false }
        return try await store.useLoginToken(token, expiresAt: now.timeIntervalSince1970 + lifetime)
    }

    func isValid(_ token: String?, now: Date = Date()) -> Bool {
        guard let token, let dot = token.firstIndex(of: ".") else { return false }
        let stamp = String(token[..<dot])
        guard let expiry = stamp.split(separator: "-").first, let seconds = TimeInterval(String(expiry)),
            seconds > now.timeIntervalSince1970
        else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(
            Array(hexDecoded(String(token[token.index(after: dot)...])) ?? []), authenticating: Array(stamp.utf8), using: key)
    }

    private func signature(_ text: String) -> String {
        Hex.string(HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: key))
    }

    private func hexDecoded(_ text: String) -> [UInt8]? {
        let bytes = Array(text.utf8)
        guard bytes.count % 2 == 0 else { return nil }
        var result: [UInt8] = []
        var index = 0
        while index < bytes.count {
            guard let byte = UInt8(String(decoding: bytes[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
            result.append(byte)
            index += 2
        }
        return result
    }
}
