import CaseXML
import Foundation
import GRDB

/// What the web service keeps in the store rather than in a process, so that any number of
/// `zhifa serve` processes on one store serve the same users, and a restart signs no one out:
/// sessions, failed sign-ins, the sign-in form's key and the sign-in tokens already used.
///
/// None of it is journaled: it is not case data, and a session's comings and goings would bury
/// the chain's entries. Times are wall-clock seconds since 1970, shared by every machine.
extension CaseStore {
    // MARK: Sessions

    /// A session as stored: its contents (JSON, as the web service encodes them) and its expiry.
    public struct StoredWebSession: Sendable, Equatable {
        public var value: String
        public var expiresAt: Double?
    }

    /// Stores a new session; false when one with this key exists already (the key is not reused).
    ///
    /// Only the key's SHA-256 is kept, so that whoever reads the database (a backup, a replica)
    /// holds no cookie that signs anyone in.
    public func createWebSession(key: String, user: String?, value: String, expiresAt: Double?) throws -> Bool {
        try writeOutsideJournal { try await AccountRepository(db: $0).createWebSession(key: key, user: user, value: value, expiresAt: expiresAt) }
    }

    /// Stores a session's new contents; a nil expiry keeps the one it had.
    public func setWebSession(key: String, user: String?, value: String, expiresAt: Double?) throws {
        try writeOutsideJournal { try await AccountRepository(db: $0).setWebSession(key: key, user: user, value: value, expiresAt: expiresAt) }
    }

    /// The session with this key, unless it has expired by `now`.
    public func webSession(key: String, now: Double) throws -> StoredWebSession? {
        try readPrimary { try await AccountRepository(db: $0).webSession(key: key, now: now) }
    }

    public func removeWebSession(key: String) throws {
        try writeOutsideJournal { try await AccountRepository(db: $0).removeWebSession(key: key) }
    }

    /// How many unexpired sessions sign `user` in (for tests and the admin page).
    public func webSessionCount(user: String, now: Double) throws -> Int {
        try readPrimary {
            try await $0.fetchValue(Int.self, "SELECT COUNT(*) FROM webSession WHERE userName = ? AND (expiresAt IS NULL OR expiresAt >= ?)", [user, now]) ?? 0
        }
    }

    // MARK: Failed sign-ins

    public func recordLoginFailure(user: String, at time: Double) async throws {
        try await backend.awaitWriteOutsideJournal { try await $0.execute("INSERT INTO loginFailure (userName, at) VALUES (?, ?)", [user, time]) }
    }

    /// The times of `user`'s failed sign-ins since `start`, oldest first.
    public func loginFailures(user: String, since start: Double) async throws -> [Double] {
        try await backend.awaitReadPrimary {
            try await $0.fetchValues(Double.self, "SELECT at FROM loginFailure WHERE userName = ? AND at > ? ORDER BY at", [user, start])
        }
    }

    public func clearLoginFailures(user: String) async throws {
        try await backend.awaitWriteOutsideJournal { try await $0.execute("DELETE FROM loginFailure WHERE userName = ?", [user]) }
    }

    // MARK: The sign-in form's key and its used tokens

    /// The secret stored under `name`, made by `make` and stored by the first process to ask: every
    /// process on the store then signs and checks with the same one.
    public func webSecret(named name: String, make: () -> String) throws -> String {
        let candidate = make()
        return try writeOutsideJournal { db in
            try await db.execute("INSERT INTO webSecret (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", [name, candidate])
            guard let value = try await db.fetchValue(String.self, "SELECT value FROM webSecret WHERE name = ?", [name]) else {
                throw StoreError.corrupt("密钥 \(name) 写入后读不到")
            }
            return value
        }
    }

    /// Marks a sign-in token used; false when it was used already, by this process or another.
    public func useLoginToken(_ token: String, expiresAt: Double) async throws -> Bool {
        try await backend.awaitWriteOutsideJournal { db in
            try await !db.fetchAll(
                "INSERT INTO usedLoginToken (tokenHash, expiresAt) VALUES (?, ?) ON CONFLICT (tokenHash) DO NOTHING RETURNING tokenHash",
                [Hex.sha256(token), expiresAt]
            ).isEmpty
        }
    }

    // MARK: Tidying

    /// Drops expired sessions and used tokens, and failed sign-ins older than `failuresBefore`.
    public func removeExpiredWebState(now: Double, failuresBefore: Double) async throws {
        try await backend.awaitWriteOutsideJournal { db in
            try await db.execute("DELETE FROM webSession WHERE expiresAt < ?", [now])
            try await db.execute("DELETE FROM usedLoginToken WHERE expiresAt < ?", [now])
            try await db.execute("DELETE FROM loginFailure WHERE at < ?", [failuresBefore])
        }
    }

    func writeOutsideJournal<T>(_ body: (any SQLConnection) async throws -> T) throws -> T {
        try backend.writeOutsideJournal(body)
    }
}
