import CaseModel
import CaseXML
import Foundation
import GRDB

/// The durable store of registries, benchmarks and cases: one SQLite file through GRDB.
///
/// Every write runs in one transaction and appends to the journal in that same transaction, so a
/// change and its journal entry land together or not at all.
public final class CaseStore: Sendable {
    public let database: any DatabaseWriter

    /// Opens (creating on first use) a store file in WAL mode with foreign keys on. A write that
    /// finds another process writing waits at most `busyTimeout` seconds, then fails with a
    /// `StoreCondition.busy` error (the web service answers 503 and "try again").
    public convenience init(path: String, busyTimeout: TimeInterval = 10) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            // A 64 MiB page cache keeps the indexes of a million-case store in memory while importing;
            // NORMAL sync is durable at every commit boundary in WAL mode, minus the last transaction on power loss.
            try db.execute(sql: "PRAGMA cache_size = -65536; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY")
        }
        try self.init(database: DatabasePool(path: path, configuration: configuration))
    }

    /// A throwaway store in memory, for tests.
    public static func inMemory() throws -> CaseStore {
        try CaseStore(database: DatabaseQueue())
    }

    public init(database: any DatabaseWriter) throws {
        self.database = database
        try Schema.migrator.migrate(database)
    }

    // MARK: Reading

    public func caseCount() throws -> Int {
        try database.read { try CaseRecord.fetchCount($0) }
    }

    public func loadCase(id: String) throws -> EnforcementCase? {
        try database.read { try CaseRows.load(id: id, from: $0) }
    }

    /// Summaries for listings, ordered by agency then id.
    public func caseSummaries(agency: String? = nil) throws -> [CaseSummary] {
        try database.read { db in
            var request = CaseRecord.order(CaseRecord.Columns.agency, CaseRecord.Columns.id)
            if let agency { request = request.filter(CaseRecord.Columns.agency == agency) }
            let partyNames = try Dictionary(
                Row.fetchAll(db, sql: "SELECT caseId, name FROM party WHERE position = 0").map { ($0["caseId"] as String, $0["name"] as String) },
                uniquingKeysWith: { first, _ in first })
            return try request.fetchAll(db).map { row in
                CaseSummary(id: row.id, agency: row.agency, type: CaseType(rawValue: row.type) ?? .other,
                            procedure: Procedure(rawValue: row.procedure) ?? .general,
                            decisionDate: row.decisionDate, decisionNumber: row.decisionNumber,
                            party: partyNames[row.id] ?? "", version: row.version)
            }
        }
    }

    public func registry() throws -> Registry {
        try database.read { try RegistryRows.loadRegistry($0) }
    }

    public func benchmarkSets() throws -> [BenchmarkSet] {
        try database.read { try RegistryRows.loadBenchmarks($0) }
    }

    public func history(caseId: String) throws -> [CaseHistoryRecord] {
        try database.read { db in
            try CaseHistoryRecord.filter(CaseHistoryRecord.Columns.caseId == caseId).order(CaseHistoryRecord.Columns.version).fetchAll(db)
        }
    }

    public func journal() throws -> [JournalEntry] {
        try database.read { try JournalEntry.order(JournalEntry.Columns.seq).fetchAll($0) }
    }

    /// Walks the journal's hash chain and checks every stored case against what the journal vouched for.
    /// With `anchor` (a head printed by an earlier verify), also checks that the journal still
    /// reaches that entry with that hash.
    public func verify(expecting anchor: JournalHead? = nil) throws -> VerificationReport {
        try database.read { try JournalVerifier.verify($0, expecting: anchor) }
    }

    static func timestamp() -> String {
        Date().ISO8601Format()
    }
}

/// A case as listings show it.
public struct CaseSummary: Codable, Sendable, Equatable {
    public var id: String
    public var agency: String
    public var type: CaseType
    public var procedure: Procedure
    public var decisionDate: CalendarDate?
    public var decisionNumber: String?
    public var party: String
    public var version: Int
}
