import GRDB
import NIOCore
import PostgresNIO

/// The values a statement binds, in the order of its `?` placeholders. GRDB's value types serve
/// both backends: dates, money and records convert to them once (`DatabaseValues.swift`).
typealias SQLArguments = [(any DatabaseValueConvertible)?]

/// A query made ahead of reading its rows (`SQLConnection.ahead`): its text and values, and on
/// PostgreSQL the answer on its way.
struct QueryAhead {
    var sql: String
    var arguments: SQLArguments
    var answer: EventLoopFuture<PostgresQueryResult>? = nil
    /// The names of the fields of a row selected as one composite value (`aheadRows`), for messages.
    var names: [String] = []
}

/// Which server a connection speaks to, for the few statements whose text must differ.
public enum SQLBackendKind: String, Sendable {
    case sqlite
    case postgres
}

/// One connection inside a transaction that `StoreBackend.read` or `.write` opened: the seam between
/// the store's SQL and the server that runs it.
///
/// The store writes one SQL text for both backends: `?` placeholders (the PostgreSQL connection
/// numbers them), unquoted camelCase names (folded to lower case by PostgreSQL, matched without
/// regard to case by GRDB's `Row`), `RETURNING`, `ON CONFLICT … DO UPDATE`, no functions but
/// `COALESCE`, `SUM`, `MIN`, `COUNT`, `substr` and `lower`. Rows come back as GRDB `Row`s, so records
/// decode the same way from either.
protocol SQLConnection: AnyObject {
    var kind: SQLBackendKind { get }
    func execute(_ sql: String, _ arguments: SQLArguments) async throws
    func fetchAll(_ sql: String, _ arguments: SQLArguments) async throws -> [Row]
    /// Visits the rows one by one without holding them all: a cursor on either backend.
    func forEach(_ sql: String, _ arguments: SQLArguments, _ body: (Row) async throws -> Void) async throws
    /// Visits the rows one by one, each read by position (`PositionalRow`): what batch reads of
    /// many rows use. On SQLite a cursor; on PostgreSQL one answer, as `fetchAll`.
    func forEachPositional(_ sql: String, _ arguments: SQLArguments, _ body: (PositionalRow) throws -> Void) async throws
    /// A query whose rows are read later with `forEachPositional(_:_:)`, in the order the queries
    /// were made: on PostgreSQL sent now, so that the server answers the queries of a batch one
    /// after another while the caller reads the rows of those before; on SQLite run when read.
    func ahead(_ sql: String, _ arguments: SQLArguments) -> QueryAhead
    /// The rows of a query made with `ahead`, each read by position.
    func forEachPositional(_ query: QueryAhead, _ body: (PositionalRow) throws -> Void) async throws
    /// The first column of every row.
    func fetchColumn(_ sql: String, _ arguments: SQLArguments) async throws -> [DatabaseValue]
    /// Inserts many rows into one table: prepared single-row inserts on SQLite (cheapest there),
    /// multi-row `INSERT … VALUES (…), (…)` statements on PostgreSQL (one round trip per chunk).
    func insertRows(into table: String, columns: [String], rows: [[DatabaseValue]]) async throws
    /// Inserts one row, now (SQLite, through a cached statement) or with the table's next rows in
    /// one multi-row insert (PostgreSQL). Pending rows are written before any other statement runs
    /// on the connection and before it commits, so a transaction always reads its own writes.
    func append(into table: String, columns: [String], row: SQLArguments) async throws
    /// Writes pending appended rows.
    func flush() async throws
}

extension SQLConnection {
    func execute(_ sql: String) async throws { try await execute(sql, []) }

    func fetchAll(_ sql: String) async throws -> [Row] { try await fetchAll(sql, []) }

    func fetchOne(_ sql: String, _ arguments: SQLArguments = []) async throws -> Row? {
        try await fetchAll(sql, arguments).first
    }

    /// The first column of the first row, decoded; nil when there is no row or the value is NULL.
    func fetchValue<Value: DatabaseValueConvertible>(
        _ type: Value.Type, _ sql: String,
        _ arguments: SQLArguments = []
    ) async throws -> Value? {
        guard let value = try await fetchColumn(sql, arguments).first, !value.isNull else { return nil }
        return try decodeValue(value, as: Value.self)
    }

    /// The first column of every row, decoded; a NULL or a value of another type is an error.
    func fetchValues<Value: DatabaseValueConvertible>(
        _ type: Value.Type, _ sql: String,
        _ arguments: SQLArguments = []
    ) async throws -> [Value] {
        try await fetchColumn(sql, arguments).map { try decodeValue($0, as: Value.self) }
    }

    /// Decodes every row as a record.
    func fetchRecords<Record: FetchableRecord>(
        _ type: Record.Type, _ sql: String,
        _ arguments: SQLArguments = []
    ) async throws -> [Record] {
        try await fetchAll(sql, arguments).map { try Record(row: $0) }
    }

    func exists(_ sql: String, _ arguments: SQLArguments) async throws -> Bool {
        try await !fetchColumn(sql, arguments).isEmpty
    }

    /// An insert that returns its row's generated `id`.
    func insertReturningID(_ sql: String, _ arguments: SQLArguments) async throws -> Int64 {
        guard let id = try await fetchValue(Int64.self, sql + " RETURNING id", arguments) else {
            throw StoreError.corrupt("an insert returned no id: \(sql)")
        }
        return id
    }
}

private func decodeValue<Value: DatabaseValueConvertible>(_ value: DatabaseValue, as: Value.Type) throws -> Value {
    guard let decoded = Value.fromDatabaseValue(value) else {
        throw StoreError.corrupt("\(value) is not a valid \(Value.self)")
    }
    return decoded
}

/// Where a store's transactions run. Reads see one consistent snapshot; writes are serialized, one
/// at a time across every process on the store, so that the journal stays one chain.
///
/// A transaction's body is `async` (PostgresNIO answers only asynchronously) and is run one of two
/// ways: awaited (`awaitRead`, …), which is what the web service and its jobs use, so that no
/// cooperative thread ever waits for a server; or to its end on the calling thread (`read`, …;
/// `CallerThread`), which is what the command line uses.
protocol StoreBackend: Sendable {
    var kind: SQLBackendKind { get }
    func read<T>(_ body: (any SQLConnection) async throws -> T) throws -> T
    /// A read that must see every process's latest writes (sessions, accounts, a shared run's
    /// work): on the primary when reads otherwise go to a replica.
    func readPrimary<T>(_ body: (any SQLConnection) async throws -> T) throws -> T
    func write<T>(_ body: (any SQLConnection) async throws -> T) throws -> T
    /// A short write that no journal entry follows (the web service's sessions), which need not
    /// wait behind a long import where the server allows it: it is not serialized with `write`.
    func writeOutsideJournal<T>(_ body: (any SQLConnection) async throws -> T) throws -> T
    /// Closes connections; the store is not used afterwards.
    func close()
    /// After a large write: moves what the write-ahead log holds into the database and empties it.
    func checkpoint()
    /// Runs an import, whose inserts go through many indexes at once, with the cache such writes want.
    func bulkWriting<T>(_ body: () throws -> T) rethrows -> T
    /// A write that does its work first and appends to the journal last, calling `lockWriters`
    /// in between: on PostgreSQL the writers' lock is held only from then to the commit, so that
    /// other writers go on while a large import writes (`LateLockedImport`). On SQLite the one
    /// writer is held throughout, as by `write`.
    func writeLockingLate<T>(_ body: (any SQLConnection, _ lockWriters: () async throws -> Void) async throws -> T) throws -> T
    /// A write whose rows may refer to rows not yet stored (a large import's staged cases,
    /// `StagedImport`) or whose keys are checked at its end (`FirstLoad`): on SQLite with foreign
    /// keys off for its transaction.
    func writeWithoutForeignKeys<T>(_ body: (any SQLConnection) async throws -> T) throws -> T
    /// `read`, awaited: the caller's thread is never held while the transaction runs.
    func awaitRead<T>(_ body: (any SQLConnection) async throws -> T) async throws -> T
    /// `readPrimary`, awaited.
    func awaitReadPrimary<T>(_ body: (any SQLConnection) async throws -> T) async throws -> T
    /// `write`, awaited.
    func awaitWrite<T>(_ body: (any SQLConnection) async throws -> T) async throws -> T
    /// `writeOutsideJournal`, awaited.
    func awaitWriteOutsideJournal<T>(_ body: (any SQLConnection) async throws -> T) async throws -> T
    /// `CaseStore.changeStamp`: nil where a stamp costs a trip to a server.
    func changeStamp() -> StoreStamp?
}

extension StoreBackend {
    func changeStamp() -> StoreStamp? { nil }

    /// Without a replica, every read sees the primary.
    func readPrimary<T>(_ body: (any SQLConnection) async throws -> T) throws -> T { try read(body) }

    func awaitReadPrimary<T>(_ body: (any SQLConnection) async throws -> T) async throws -> T { try await awaitRead(body) }

    /// A server keeps its own log.
    func checkpoint() {}

    /// A server sizes its own cache.
    func bulkWriting<T>(_ body: () throws -> T) rethrows -> T { try body() }

    func writeLockingLate<T>(_ body: (any SQLConnection, _ lockWriters: () async throws -> Void) async throws -> T) throws -> T {
        try write { db in try await body(db, {}) }
    }

    /// A server keeps its foreign keys (imports there are never staged; a first load sets them
    /// aside itself).
    func writeWithoutForeignKeys<T>(_ body: (any SQLConnection) async throws -> T) throws -> T { try write(body) }
}

extension Array where Element == (any DatabaseValueConvertible)? {
    var databaseValues: [DatabaseValue] { map { $0?.databaseValue ?? .null } }
}

extension SQLConnection {
    /// Inserts a record by its encoded columns; a nil `id` is left for the table to generate.
    func insert<Record: EncodableRecord & TableRecord>(_ record: Record) async throws {
        let (sql, values) = try Self.insertion(of: record)
        try await execute(sql, values)
    }

    /// Inserts a record whose `id` the table generates, and returns that id.
    func insertReturningID<Record: EncodableRecord & TableRecord>(_ record: Record) async throws -> Int64 {
        let (sql, values) = try Self.insertion(of: record)
        return try await insertReturningID(sql, values)
    }

    private static func insertion<Record: EncodableRecord & TableRecord>(of record: Record) throws -> (String, SQLArguments) {
        var columns = try record.databaseDictionary
        if columns["id"]?.isNull == true { columns["id"] = nil }
        let names = columns.keys.sorted()
        let sql =
            "INSERT INTO \(Record.databaseTableName) (\(names.map(SQLName.quoted).joined(separator: ", "))) VALUES ("
            + Array(repeating: "?", count: names.count).joined(separator: ", ") + ")"
        return (sql, names.map { columns[$0]! })
    }
}

/// Values for `IN (…)` in chunks of a fixed size, the last padded by repeating its last value, so
/// that a statement's text is one of few: each compiles once and stays cached.
enum SQLInList {
    static func chunks(_ values: [String], size: Int) -> [(placeholders: String, values: [String])] {
        let placeholders = "(" + Array(repeating: "?", count: size).joined(separator: ", ") + ")"
        return stride(from: 0, to: values.count, by: size).map { start in
            var slice = Array(values[start..<min(values.count, start + size)])
            slice += Array(repeating: slice[slice.count - 1], count: size - slice.count)
            return (placeholders, slice)
        }
    }
}
