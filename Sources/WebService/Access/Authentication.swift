import CaseStore
import Foundation
import Hummingbird
import HummingbirdBcrypt
import NIOPosix

/// Passwords: bcrypt through hummingbird-auth, computed off the event loops because a hash takes
/// a quarter of a second by design.
public enum Passwords {
    /// Cost 12: about 0.25 s a hash on this class of machine, what OWASP asks of bcrypt today.
    public static let defaultCost: UInt8 = 12

    public static func hash(_ password: String, cost: UInt8 = defaultCost) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    /// Without a hash (an unknown name) the password is checked against a decoy and refused, so that
    /// a wrong name takes as long as a wrong password.
    public static func verify(_ password: String, hash: String?) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash ?? decoy) && hash != nil }
    }

    private static let decoy = Bcrypt.hash("zhifa-decoy", cost: defaultCost)
}

extension WebApp {
    /// Checks a name and password under the throttle; the same for the sign-in page and the API.
    func authenticate(name: String, password: String) async throws -> WebUser {
        if let wait = try await throttle.retryAfter(name) {
            throw WebError.throttled(retryAfterSeconds: Int(wait.components.seconds) + 1)
        }
        let account = try await store.readingPrimary { try await $0.accounts.account(named: name) }
        let matches = try await Passwords.verify(password, hash: account?.passwordHash)
        guard let account, matches else {
            try await throttle.recordFailure(name)
            throw WebError.wrongPassword
        }
        try await throttle.recordSuccess(name)
        return WebUser(account)
    }

    /// Signs the user in with a new session id. A session the browser already had is ended in the
    /// store, not only replaced in the cookie, so that signing in again leaves no older session alive.
    func startSession(for user: WebUser, request: Request, context: WebRequestContext) async {
        if let previous = request.cookies[Self.sessionCookie]?.value {
            try? await sessions.remove(key: Self.sessionKeyPrefix + previous)
        }
        context.sessions.createSession(.new(user: user.name), expiresIn: configuration.sessionLifetime)
    }
}
