import CaseXML

/// Accounts and the web service's sessions, read within one transaction.
public struct AccountRepository {
    let db: any SQLConnection

    public func account(named name: String) async throws -> AccountRecord? {
        try await db.fetchRecords(AccountRecord.self, "SELECT * FROM account WHERE name = ?", [name]).first
    }

    public func accounts() async throws -> [AccountRecord] {
        try await db.fetchRecords(AccountRecord.self, "SELECT * FROM account ORDER BY name")
    }

    /// How many sessions sign someone in and have not expired by `now`.
    public func signedInCount(now: Double) async throws -> Int {
        try await db.fetchValue(Int.self, "SELECT COUNT(*) FROM webSession WHERE userName IS NOT NULL AND (expiresAt IS NULL OR expiresAt >= ?)", [now]) ?? 0
    }

    /// The session with this key, unless it has expired by `now`.
    public func webSession(key: String, now: Double) async throws -> CaseStore.StoredWebSession? {
        try await db.fetchOne(
            "SELECT value, expiresAt FROM webSession WHERE keyHash = ? AND (expiresAt IS NULL OR expiresAt >= ?)",
            [Hex.sha256(key), now]
        )
        .map { CaseStore.StoredWebSession(value: $0["value"], expiresAt: $0["expiresAt"]) }
    }

    /// Stores a new session; false when one with this key exists already (the key is not reused).
    /// Only the key's SHA-256 is kept (`CaseStore.createWebSession`).
    public func createWebSession(key: String, user: String?, value: String, expiresAt: Double?) async throws -> Bool {
        try await !db.fetchAll(
            "INSERT INTO webSession (keyHash, userName, value, expiresAt) VALUES (?, ?, ?, ?) ON CONFLICT (keyHash) DO NOTHING RETURNING keyHash",
            [Hex.sha256(key), user, value, expiresAt]
        ).isEmpty
    }

    /// Stores a session's new contents; a nil expiry keeps the one it had.
    public func setWebSession(key: String, user: String?, value: String, expiresAt: Double?) async throws {
        try await db.execute(
            """
            INSERT INTO webSession (keyHash, userName, value, expiresAt) VALUES (?, ?, ?, ?)
            ON CONFLICT (keyHash) DO UPDATE SET userName = excluded.userName, value = excluded.value,
              expiresAt = COALESCE(excluded.expiresAt, webSession.expiresAt)
            """, [Hex.sha256(key), user, value, expiresAt])
    }

    public func removeWebSession(key: String) async throws {
        try await db.execute("DELETE FROM webSession WHERE keyHash = ?", [Hex.sha256(key)])
    }

    /// The session with this key and the account it signs in, read together: what every request
    /// of a signed-in user needs first. The account is nil when the session signs no one in.
    public func webSessionWithAccount(key: String, now: Double) async throws -> (session: CaseStore.StoredWebSession, account: AccountRecord?)? {
        guard
            let row = try await db.fetchOne(
                "SELECT value, expiresAt, userName FROM webSession WHERE keyHash = ? AND (expiresAt IS NULL OR expiresAt >= ?)",
                [Hex.sha256(key), now])
        else { return nil }
        let session = CaseStore.StoredWebSession(value: row["value"], expiresAt: row["expiresAt"])
        let user: String? = row["userName"]
        return (session, try await user.asyncFlatMap { try await account(named: $0) })
    }
}
