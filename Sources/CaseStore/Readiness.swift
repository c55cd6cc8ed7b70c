extension CaseStore {
    /// The migrations this program knows that the store has not applied: empty when the store is
    /// ready for it. A store another, newer program migrated further is ready as long as none of
    /// ours is missing. Throws when the store cannot be asked (`StoreCondition.unavailable`).
    public func pendingMigrations() throws -> [String] {
        let applied = try readPrimary { db in
            switch db.kind {
            case .sqlite: Set(try db.fetchValues(String.self, "SELECT identifier FROM grdb_migrations"))
            case .postgres: Set(try db.fetchValues(String.self, "SELECT identifier FROM schemaMigration"))
            }
        }
        return Schema.migrator.migrations.filter { !applied.contains($0) }
    }
}
