@_exported import TestSupport
import CaseStore
import GRDB

extension CaseStore {
    /// A store in memory holding the sample registry and benchmarks.
    static func withSampleRegistry() throws -> CaseStore {
        let store = try CaseStore.inMemory()
        let report = store.importPaths([Repository.samples.appendingPathComponent("registry.xml").path,
                                        Repository.samples.appendingPathComponent("benchmarks").path], actor: "test")
        precondition(report.failures.isEmpty, "\(report.failures)")
        return store
    }

    /// Row counts of every table: equal snapshots mean nothing was written.
    func snapshot() throws -> [String: Int] {
        try database.read { db in
            var counts: [String: Int] = [:]
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'") {
                counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(table)\"")
            }
            return counts
        }
    }
}
