extension CaseStore {
    /// The migrations this program knows that the store has not applied: empty when the store is
    /// ready for it. A store another, newer program migrated further is ready as long as none of
    /// ours is missing. Throws when the store cannot be asked (`StoreCondition.unavailable`).
    public func pendingMigrations() throws -> [String] {
        Self.pending(applied: try readPrimary(Self.appliedMigrations))
    }

    /// `pendingMigrations`, awaited: what a load balancer's readiness check asks every second.
    public func pendingMigrations() async throws -> [String] {
        Self.pending(applied: try await backend.awaitReadPrimary(Self.appliedMigrations))
    }

    @Sendable private static func appliedMigrations(_ db: any SQLConnection) async throws -> Set<String> {
        switch db.kind {
        case .sqlite: await Set(try db.fetchValues(String.self, "SELECT identifier FROM grdb_migrations"))
        case .postgres: await Set(try db.fetchValues(String.self, "SELECT identifier FROM schemaMigration"))
        }
    }

    private static func pending(applied: Set<String>) -> [String] {
        Schema.migrator.migrations.filter { !applied.contains($0) }
    }
}
