import CaseStore
import Foundation

/// Counts failed sign-ins per user name and refuses further attempts once too many fall within the window.
///
/// Keyed by the name tried, not the client address: a password guesser is stopped on each account
/// whatever addresses it comes from, and a proxy in front of the service does not share one budget.
/// The failures are kept in the store, so that every node of the service counts the same ones and
/// a restart forgives nothing.
struct LoginThrottle: Sendable {
    let store: CaseStore
    let limit: Int
    let window: Duration

    /// A name longer than any account's is cut before it is kept: it cannot sign in anyway, and a
    /// guesser's megabyte of name is not stored.
    static let longestName = 200

    /// How long until `name` may try again, or nil when it may try now.
    func retryAfter(_ name: String, now: Date = Date()) async throws -> Duration? {
        let seconds = window.seconds
        let recent = try await store.loginFailures(user: Self.key(name), since: now.timeIntervalSince1970 - seconds)
        guard recent.count >= limit, let oldest = recent.first else { return nil }
        let wait = max(0, oldest + seconds - now.timeIntervalSince1970)
        return .milliseconds(Int64((wait * 1000).rounded()))
    }

    func recordFailure(_ name: String, now: Date = Date()) async throws {
        try await store.recordLoginFailure(user: Self.key(name), at: now.timeIntervalSince1970)
    }

    /// Forgives the name's failures; a read first, so that the usual sign-in without failures
    /// writes nothing here.
    func recordSuccess(_ name: String) async throws {
        guard try await !store.loginFailures(user: Self.key(name), since: -.greatestFiniteMagnitude).isEmpty else { return }
        try await store.clearLoginFailures(user: Self.key(name))
    }

    private static func key(_ name: String) -> String { String(name.prefix(longestName)) }
}

extension Duration {
    /// The duration in seconds, fractions included.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
