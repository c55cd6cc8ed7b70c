import CSQLiteConfig
import CaseModel
import CaseXML
import Foundation
import GRDB

/// The durable store of registries, benchmarks and cases: one SQLite file through GRDB (the
/// default), or a PostgreSQL database through PostgresNIO that many processes share.
///
/// Every write runs in one transaction and appends to the journal in that same transaction, so a
/// change and its journal entry land together or not at all. Writes are serialized on both
/// backends, so the journal stays one chain whoever writes.
public final class CaseStore: Sendable {
    let backend: any StoreBackend

    /// Which server holds the store.
    public var backendKind: SQLBackendKind { backend.kind }

    /// Opens (creating on first use) a store file in WAL mode with foreign keys on. A write that
    /// finds another process writing waits at most `busyTimeout` seconds, then fails with a
    /// `StoreCondition.busy` error (the web service answers 503 and "try again").
    public convenience init(path: String, busyTimeout: TimeInterval = 10) throws {
        _ = Self.sqliteConfigured
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = Self.busyMode(busyTimeout)
        configuration.prepareDatabase { db in
            // Readers walk an audit's batches through the case and event indexes: 64 MiB of pages
            // spares them more than half their reads of the file (190,000 instead of 437,000 with
            // 8 MiB, reading 100,000 cases). The writer's is smaller but while importing
            // (`SQLiteBackend.bulkWriting`). NORMAL sync is durable at every commit
            // boundary in WAL mode, minus the last transaction on power loss.
            let cache = db.configuration.readonly ? SQLiteBackend.pageCache.large : SQLiteBackend.pageCache.small
            try db.execute(sql: "PRAGMA cache_size = \(cache); PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY")
        }
        try self.init(database: DatabasePool(path: path, configuration: configuration))
    }

    /// A writer finding the lock taken tries again every 2 ms, for at most `timeout` seconds.
    /// SQLite's own timeout sleeps up to 100 ms between tries, and so missed the short pauses a
    /// long run of writes leaves for other writers (`WriterYield`).
    static func busyMode(_ timeout: TimeInterval) -> Database.BusyMode {
        let tries = Int(max(0.002, min(timeout, 3600)) / 0.002)
        return .callback { numberOfTries in
            guard numberOfTries < tries else { return false }
            usleep(2_000)
            return true
        }
    }

    /// Opens the store on a PostgreSQL database, applying the migrations it lacks.
    public convenience init(postgres location: PostgresLocation, busyTimeout: TimeInterval = 10, maximumConnections: Int = 8) throws {
        let backend = try PostgresBackend(location, busyTimeout: busyTimeout, maximumConnections: maximumConnections)
        try PostgresSchema.migrate(backend)
        self.init(backend: backend)
    }

    /// Opens the store on a PostgreSQL primary whose reads go to a streaming replica of it
    /// (`ReplicatedBackend`); migrations are applied on the primary and reach the replica by replication.
    public convenience init(
        postgres location: PostgresLocation, readReplica: PostgresLocation, busyTimeout: TimeInterval = 10,
        maximumConnections: Int = 8
    ) throws {
        let primary = try PostgresBackend(location, busyTimeout: busyTimeout, maximumConnections: maximumConnections)
        try PostgresSchema.migrate(primary)
        let replica = try PostgresBackend(readReplica, busyTimeout: busyTimeout, maximumConnections: maximumConnections)
        self.init(backend: try ReplicatedBackend(primary: primary, replica: replica))
    }

    /// Opens the store `--db` names: a `postgres://` URL, or else the path of an SQLite file.
    public convenience init(location: String, busyTimeout: TimeInterval = 10) throws {
        if let postgres = try PostgresLocation.parse(location) {
            try self.init(postgres: postgres, busyTimeout: busyTimeout)
        } else {
            try self.init(path: location, busyTimeout: busyTimeout)
        }
    }

    /// SQLite's process-wide settings, made once before its first connection (`CSQLiteConfig`).
    private static let sqliteConfigured: Void = { _ = zhifa_sqlite3_stop_counting_memory() }()

    /// A throwaway store in memory, for tests.
    public static func inMemory() throws -> CaseStore {
        _ = sqliteConfigured
        return try CaseStore(database: DatabaseQueue())
    }

    public convenience init(database: any DatabaseWriter) throws {
        try Schema.migrator.migrate(database)
        self.init(backend: SQLiteBackend(database: database))
    }

    init(backend: any StoreBackend) {
        self.backend = backend
    }

    /// Closes the store's connections (a PostgreSQL store's pool); the store is not used afterwards.
    public func close() {
        backend.close()
    }

    func read<T>(_ body: (any SQLConnection) async throws -> T) throws -> T { try backend.read(body) }
    func readPrimary<T>(_ body: (any SQLConnection) async throws -> T) throws -> T { try backend.readPrimary(body) }
    func write<T>(_ body: (any SQLConnection) async throws -> T) throws -> T { try backend.write(body) }

    // MARK: Reading

    // The synchronous readers below, which the command line uses, each read in a transaction of
    // their own through the repository that owns the question (`Repositories/`).

    public func caseCount() throws -> Int {
        try read { try await CaseRepository(db: $0).count() }
    }

    public func loadCase(id: String) throws -> EnforcementCase? {
        try read { try await CaseRepository(db: $0).load(id: id) }
    }

    /// `CaseRepository.loadWithVersion`.
    public func loadCaseWithVersion(id: String) throws -> (enforcementCase: EnforcementCase, version: Int)? {
        try read { try await CaseRepository(db: $0).loadWithVersion(id: id) }
    }

    /// Summaries for listings, ordered by agency then id.
    public func caseSummaries(agency: String? = nil) throws -> [CaseSummary] {
        try read { db in
            let partyNames = try await Dictionary(
                db.fetchAll("SELECT caseId, name FROM party WHERE position = 0").map { ($0["caseId"] as String, $0["name"] as String) },
                uniquingKeysWith: { first, _ in first })
            let sql = "SELECT * FROM enforcementCase" + (agency == nil ? "" : " WHERE agency = ?") + " ORDER BY agency, id"
            return try await db.fetchRecords(CaseRecord.self, sql, agency.map { [$0] } ?? []).map { row in
                CaseSummary(
                    id: row.id, agency: row.agency, type: CaseType(rawValue: row.type) ?? .other,
                    procedure: Procedure(rawValue: row.procedure) ?? .general,
                    decisionDate: row.decisionDate, decisionNumber: row.decisionNumber,
                    party: partyNames[row.id] ?? "", version: row.version)
            }
        }
    }

    public func registry() throws -> Registry {
        try read { try await RegistryRepository(db: $0).registry() }
    }

    public func benchmarkSets() throws -> [BenchmarkSet] {
        try read { try await RegistryRepository(db: $0).benchmarkSets() }
    }

    public func history(caseId: String) throws -> [CaseHistoryRecord] {
        try read { try await $0.fetchRecords(CaseHistoryRecord.self, "SELECT * FROM caseHistory WHERE caseId = ? ORDER BY version", [caseId]) }
    }

    public func journal() throws -> [JournalEntry] {
        try read { try await $0.fetchRecords(JournalEntry.self, "SELECT * FROM journal ORDER BY seq") }
    }

    /// Walks the journal's hash chain and checks every stored case against what the journal vouched for.
    /// With `anchor` (a head printed by an earlier verify), also checks that the journal still
    /// reaches that entry with that hash.
    public func verify(expecting anchor: JournalHead? = nil) throws -> VerificationReport {
        try read { try await JournalVerifier.verify($0, expecting: anchor) }
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
