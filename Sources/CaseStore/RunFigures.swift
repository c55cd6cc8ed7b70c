import GRDB

/// Figures worked out from a whole run, kept with it (`runFigures`, v16): a run's results never
/// change once it is complete, so what is counted over all of them (the dashboard's year) is
/// counted once, by whichever process asks first, and read as one row by every later request on
/// any node. Removed with their run (`RunRetention`).
extension CaseStore {
    /// The figures stored under `name` for run `runId`, as their writer encoded them.
    public func storedFigures(runId: Int64, name: String) throws -> String? {
        try read { try await $0.fetchValue(String.self, "SELECT body FROM runFigures WHERE runId = ? AND name = ?", [runId, name]) }
    }

    /// Keeps figures of a complete run; the first stored under a name stays (any other is equal).
    public func storeFigures(runId: Int64, name: String, body: String) throws {
        try writeOutsideJournal { db in
            try await db.execute(
                "INSERT INTO runFigures (runId, name, body) VALUES (?, ?, ?) ON CONFLICT (runId, name) DO NOTHING", [runId, name, body])
        }
    }
}

extension Schema {
    /// v16: figures counted over a whole run, kept with it.
    static func createRunFigures(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE runFigures (runId INTEGER NOT NULL, name TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (runId, name))")
    }
}
