import Foundation
import NIOConcurrencyHelpers

/// Counts failed sign-ins per user name and refuses further attempts once too many fall within the window.
///
/// Keyed by the name tried, not the client address: a password guesser is stopped on each account
/// whatever addresses it comes from, and a proxy in front of the service does not share one budget.
final class LoginThrottle: Sendable {
    private let limit: Int
    private let window: Duration
    private let failures = NIOLockedValueBox<[String: [ContinuousClock.Instant]]>([:])

    init(limit: Int, window: Duration) {
        self.limit = limit
        self.window = window
    }

    /// How long until `name` may try again, or nil when it may try now.
    func retryAfter(_ name: String, now: ContinuousClock.Instant = .now) -> Duration? {
        failures.withLockedValue { table in
            let recent = (table[name] ?? []).filter { now - $0 < window }
            table[name] = recent.isEmpty ? nil : recent
            guard recent.count >= limit, let oldest = recent.first else { return nil }
            return window - (now - oldest)
        }
    }

    func recordFailure(_ name: String, now: ContinuousClock.Instant = .now) {
        failures.withLockedValue { $0[name, default: []].append(now) }
    }

    func recordSuccess(_ name: String) {
        _ = failures.withLockedValue { $0.removeValue(forKey: name) }
    }
}
