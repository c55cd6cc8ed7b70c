import CaseStore
import CaseXML
import Crypto
import Foundation
import Hummingbird
import HummingbirdAuth
import NIOConcurrencyHelpers

/// What the session cookie points at, kept on the server: who signed in and their form token.
public struct WebSession: Codable, Sendable {
    public var user: String
    /// Every form of a page carries this token; a form posted without it was not made by this service.
    public var csrf: String

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

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let session = context.sessions.session {
            if let account = try store.account(named: session.user) {
                context.identity = WebUser(account)
            } else {
                context.sessions.clearSession()
            }
        }
        return try await next(request, context)
    }
}

extension WebRequestContext {
    /// The `{id}` of a case route, percent-decoded: the router matches raw path segments, and ids
    /// may hold any character (Chinese, spaces, `%`, `?`, `#`, `/`), which links percent-encode.
    func caseId() throws -> String {
        let raw = try parameters.require("id")
        guard let id = raw.removingPercentEncoding else { throw WebError.notFound("没有编号为 \(raw) 的案件。") }
        return id
    }

    /// The signed-in user, or `signInRequired`.
    func user() throws -> WebUser {
        guard let identity else { throw WebError.signInRequired }
        return identity
    }

    /// Refuses a form whose token is not this session's.
    func checkCSRF(_ token: String?) throws {
        guard let expected = sessions.session?.csrf, let token,
              Data(token.utf8).withUnsafeBytes({ given in Data(expected.utf8).withUnsafeBytes { safeCompare(given, $0) } }) else {
            throw WebError.csrfRejected
        }
    }

    var csrfToken: String { sessions.session?.csrf ?? "" }
}

/// Compares in time that does not depend on where the first difference is.
private func safeCompare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for index in 0..<a.count { difference |= a[index] ^ b[index] }
    return difference == 0
}

/// The sign-in form's token, before any session exists: an expiry time signed with a key that
/// lives as long as the process, so that another site cannot sign a visitor in under its account.
struct LoginTokens: Sendable {
    /// Raw bytes, since `SymmetricKey` is not `Sendable`.
    private let keyBytes: [UInt8] = {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }()
    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }
    let lifetime: TimeInterval = 3600

    /// `EXPIRY-NONCE.SIGNATURE`: the nonce makes every token distinct, so that one used to sign
    /// in can be refused when it comes again.
    func issue(now: Date = Date()) -> String {
        let stamp = String(Int(now.timeIntervalSince1970 + lifetime)) + "-" + RandomToken.hex(bytes: 16)
        return stamp + "." + signature(stamp)
    }

    /// Tokens already used to sign in, with their expiry: a token signs in once.
    private let used = NIOLockedValueBox<[String: TimeInterval]>([:])

    /// Whether the token is valid and unused; it is used up by this call.
    func consume(_ token: String?, now: Date = Date()) -> Bool {
        guard let token, isValid(token, now: now) else { return false }
        return used.withLockedValue { used in
            if used.count > 10_000 { used = used.filter { $0.value > now.timeIntervalSince1970 } }
            guard used[token] == nil else { return false }
            used[token] = now.timeIntervalSince1970 + lifetime
            return true
        }
    }

    func isValid(_ token: String?, now: Date = Date()) -> Bool {
        guard let token, let dot = token.firstIndex(of: ".") else { return false }
        let stamp = String(token[..<dot])
        guard let expiry = stamp.split(separator: "-").first, let seconds = TimeInterval(String(expiry)),
              seconds > now.timeIntervalSince1970 else { return false }
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
