import CaseStore
import Foundation
import Hummingbird
import NIOConcurrencyHelpers

/// What the store said while a request's session was loaded. Hummingbird's session middleware
/// treats any failure to load a session as "no session", which would send a signed-in user to the
/// sign-in page (and the API would answer 401) while the database is down; the failure is kept
/// here instead, and the request is answered 503 (`StoreOutageGate`).
///
/// It also keeps the account the session signs in, read with the session (`StoreSessions`), so
/// that `SignedInUser` need not read it again.
final class SessionLoad: Sendable {
    private let failure = NIOLockedValueBox<(any Error)?>(nil)
    private let signedIn = NIOLockedValueBox<(user: String, account: AccountRecord?)?>(nil)

    @TaskLocal static var current: SessionLoad?

    /// Records a failure of the store during this request's session work.
    static func failed(_ error: any Error) {
        current?.failure.withLockedValue { $0 = $0 ?? error }
    }

    var error: (any Error)? { failure.withLockedValue { $0 } }

    /// Notes the account read with the session of `user` (nil: no such account).
    static func read(account: AccountRecord?, of user: String) {
        current?.signedIn.withLockedValue { $0 = (user, account) }
    }

    /// The account read with the session, when it was read for `user`; nil when it was not read.
    func account(of user: String) -> AccountRecord?? {
        signedIn.withLockedValue { $0?.user == user ? .some($0!.account) : nil }
    }
}

/// Opens the scope in which `SessionLoad` collects, around the session middleware.
struct SessionLoadScope: RouterMiddleware {
    typealias Context = WebRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await SessionLoad.$current.withValue(SessionLoad()) { try await next(request, context) }
    }
}

/// Answers 503 when the store failed while the session was read: the user is not signed out,
/// the database is away. Inside the error pages, so that pages get a page and the API JSON.
struct StoreOutageGate: RouterMiddleware {
    typealias Context = WebRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let error = SessionLoad.current?.error { throw WebError.from(error) }
        return try await next(request, context)
    }
}

/// Headers every response carries, pages, JSON, downloads, redirects and errors alike: no
/// referrer (case ids travel in paths), no content-type sniffing, and nothing kept in caches
/// unless a route says otherwise (the style sheet).
struct SecurityHeaders: RouterMiddleware {
    typealias Context = WebRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        } catch {
            context.logger.error("request failed", metadata: ["path": .string(request.uri.path), "error": .string("\(error)")])
            response = try WebError.from(error).response(from: request, context: context)
        }
        Self.apply(to: &response.headers)
        return response
    }

    static func apply(to headers: inout HTTPFields) {
        headers[.init("Referrer-Policy")!] = "no-referrer"
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        headers[.init("X-Frame-Options")!] = "DENY"
        if headers[.cacheControl] == nil { headers[.cacheControl] = "no-store" }
    }
}
