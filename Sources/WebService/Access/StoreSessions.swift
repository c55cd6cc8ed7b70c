import CaseStore
import Foundation
import Hummingbird
import ServiceLifecycle

/// Sessions kept in the store (`CaseStore/WebState.swift`), so that every `zhifa serve` process on
/// one store knows every session: sign in through one, continue through another; a restart signs
/// no one out; signing out through one node ends the session on all of them.
struct StoreSessions: PersistDriver {
    let store: CaseStore
    /// Sessions as last read, while the store has not changed (`StampedCache`): a signed-in page
    /// otherwise reads the store for its session before anything else. Every write of a session
    /// is a commit, which moves the stamp, so nothing here drops an entry by hand but an expired one.
    let kept = StampedCache<String, KeptSession?>(budget: 10_000)
    /// How often expired sessions, used tokens and old failed sign-ins are swept.
    var tidyInterval: Duration = .seconds(600)
    /// Failed sign-ins older than this are swept (the throttle's window is shorter).
    var failureMemory: TimeInterval = 86_400

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let (text, user) = try Self.encode(value)
        let expiry = expires.map(Self.expiry)
        let created = try await store.writingSessions { try await $0.createWebSession(key: key, user: user, value: text, expiresAt: expiry) }
        guard created else { throw PersistError.duplicate }
    }

    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let (text, user) = try Self.encode(value)
        let expiry = expires.map(Self.expiry)
        try await store.writingSessions { try await $0.setWebSession(key: key, user: user, value: text, expiresAt: expiry) }
    }

    func get<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: type)?.object
    }

    func getWithTTL<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> (object: Object, ttl: Duration?)? {
        let now = Date().timeIntervalSince1970
        var session: KeptSession?
        do {
            session = try await kept.value(for: key, stamp: store.changeStamp()) {
                try await store.readingPrimary { try await $0.accounts.webSessionWithAccount(key: key, now: now) }.map {
                    KeptSession(value: $0.session.value, expiresAt: $0.session.expiresAt, account: $0.account)
                }
            }
        } catch {
            // The session middleware would take this for "no session"; see `SessionLoad`.
            SessionLoad.failed(error)
            throw error
        }
        // A kept session may have expired since it was read, with nothing written meanwhile.
        if let expiry = session?.expiresAt, expiry <= now {
            kept.remove(key)
            session = nil
        }
        guard let session else { return nil }
        // A session written by an older release, or altered by hand, signs no one in.
        guard let object = try? JSONDecoder().decode(Object.self, from: Data(session.value.utf8)) else { return nil }
        // The account joined by the row's user name serves only the user the session itself names.
        if let signedIn = object as? WebSession, let account = session.account, account.name == signedIn.user {
            SessionLoad.read(account: account, of: signedIn.user)
        }
        return (object, session.expiresAt.map { .milliseconds(Int64(min(max(0, ($0 - now) * 1000), 1e15))) })
    }

    /// A session's row as read, with the account it names.
    struct KeptSession: Sendable {
        var value: String
        var expiresAt: Double?
        var account: AccountRecord?
    }

    func remove(key: String) async throws {
        try await store.writingSessions { try await $0.removeWebSession(key: key) }
    }

    /// Sweeps expired state now and then while the server runs; every node sweeps, which is harmless.
    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while true {
                try await Task.sleep(for: tidyInterval)
                let now = Date().timeIntervalSince1970
                try? await store.removeExpiredWebState(now: now, failuresBefore: now - failureMemory)
            }
        }
    }

    /// The session's JSON, and the account it signs in when it is one of ours: the store ends an
    /// account's sessions when the account is removed.
    private static func encode<Object: Codable>(_ value: Object) throws -> (String, String?) {
        let data = try JSONEncoder().encode(value)
        return (String(decoding: data, as: UTF8.self), (value as? WebSession)?.user)
    }

    private static func expiry(_ duration: Duration) -> Double {
        Date().timeIntervalSince1970 + duration.seconds
    }
}
