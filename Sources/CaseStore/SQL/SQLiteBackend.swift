import GRDB

/// The embedded store: one SQLite file (a `DatabasePool` in WAL mode) or a queue in memory for tests.
struct SQLiteBackend: StoreBackend {
    let database: any DatabaseWriter
    private let stampReader: SQLiteStampReader?
    var kind: SQLBackendKind { .sqlite }

    init(database: any DatabaseWriter) {
        self.database = database
        stampReader = try? SQLiteStampReader(database: database)
    }

    func changeStamp() -> StoreStamp? { stampReader?.stamp() }

    func read<T>(_ body: (any SQLConnection) async throws -> T) throws -> T {
        try database.read { db in try CallerThread.run { try await body(SQLiteConnection(db)) } }
    }

    func write<T>(_ body: (any SQLConnection) async throws -> T) throws -> T {
        try database.write { db in try CallerThread.run { try await body(SQLiteConnection(db)) } }
    }

    /// `PRAGMA foreign_keys` takes effect only outside a transaction, so it is set around one.
    func writeWithoutForeignKeys<T>(_ body: (any SQLConnection) async throws -> T) throws -> T {
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            var result: T?
            try db.inTransaction(.immediate) {
                result = try CallerThread.run { try await body(SQLiteConnection(db)) }
                return .commit
            }
            return result!
        }
    }

    /// SQLite has one writer whatever the transaction: the same as `write`.
    func writeOutsideJournal<T>(_ body: (any SQLConnection) async throws -> T) throws -> T {
        try write(body)
    }

    /// On a thread that may wait (the web service's request threads, `DispatchExecutor(mayWait:)`)
    /// the read runs right there, as the command line's does: two hand-offs fewer a page. Anywhere
    /// else GRDB runs the transaction on its connection's queue and resumes the caller when it is
    /// done; the body, whose statements never suspend, runs straight through on that queue.
    func awaitRead<T>(_ body: (any SQLConnection) async throws -> T) async throws -> T {
        if DispatchExecutor.mayWaitHere { return try read(body) }
        return try await withoutActuallyEscaping(body) { body in
            let work = UncheckedSendable(body)
            return try await database.read { db in
                UncheckedSendable(try CallerThread.run { try await work.value(SQLiteConnection(db)) })
            }.value
        }
    }

    func awaitWrite<T>(_ body: (any SQLConnection) async throws -> T) async throws -> T {
        try await withoutActuallyEscaping(body) { body in
            let work = UncheckedSendable(body)
            return try await database.write { db in
                UncheckedSendable(try CallerThread.run { try await work.value(SQLiteConnection(db)) })
            }.value
        }
    }

    func awaitWriteOutsideJournal<T>(_ body: (any SQLConnection) async throws -> T) async throws -> T {
        try await awaitWrite(body)
    }

    func close() {
        try? (database as? DatabasePool)?.close()
        try? (database as? DatabaseQueue)?.close()
    }

    /// While an audit's reader thread always holds a snapshot, SQLite's automatic checkpoints can
    /// copy the log into the file but never start it again from the beginning, so without this the
    /// log grew by every run's results (2.6 GB after six runs of 100,000 cases), and every read
    /// after it slowed down (a read of every case took 13.5 s instead of 7). Best effort: a reader
    /// of another process may hold it back, and the next large write tries again.
    func checkpoint() {
        guard let pool = database as? DatabasePool else { return }
        _ = try? pool.writeWithoutTransaction { try $0.checkpoint(.truncate) }
    }

    /// The page caches of the connections (KiB, negative as `PRAGMA cache_size` takes them): large
    /// for readers, and for the writer while it imports; small for the writer otherwise. An import's
    /// inserts touch ten tables' B-trees and their indexes at once and want them in memory (64 MiB
    /// keeps a million-case store's); other writes (an audit's results, appended in key order; a web
    /// page's edit) touch few pages, and an audit whose writer kept 64 MiB of its results' pages
    /// held more than the 300 MB it may at a million cases.
    static let pageCache = (large: -65_536, small: -16_384)

    func bulkWriting<T>(_ body: () throws -> T) rethrows -> T {
        guard let pool = database as? DatabasePool else { return try body() }
        // A large file is staged in many short transactions (`StagedImport`); checkpointing after
        // each of them, as SQLite does once the log holds 1,000 pages, wrote the same pages of the
        // case tables to the file again and again, and the writer waits for every checkpoint. The
        // log is checkpointed every 256 MiB instead (an eighth of the writer's time went to
        // checkpoints every 16 MiB; docs/performance.md), and emptied when the import ends
        // (`checkpoint`): a store's file may grow by that much while an import runs.
        _ = try? pool.writeWithoutTransaction {
            try $0.execute(sql: "PRAGMA cache_size = \(Self.pageCache.large); PRAGMA wal_autocheckpoint = 65536")
        }
        defer {
            _ = try? pool.writeWithoutTransaction {
                try $0.execute(sql: "PRAGMA cache_size = \(Self.pageCache.small); PRAGMA wal_autocheckpoint = 1000")
            }
        }
        return try body()
    }
}

/// A GRDB connection seen through the store's SQL seam. Statements are cached per connection: the
/// store's SQL texts are few (IN lists come in fixed chunk sizes), so each compiles once.
final class SQLiteConnection: SQLConnection {
    let db: Database
    var kind: SQLBackendKind { .sqlite }

    private var inserts: [String: (columns: [String], statement: Statement)] = [:]

    init(_ db: Database) { self.db = db }

    private func statement(_ sql: String) throws -> Statement {
        try db.cachedStatement(sql: sql)
    }

    func execute(_ sql: String, _ arguments: SQLArguments) async throws {
        if arguments.isEmpty, sql.contains(";") {
            try db.execute(sql: sql)  // several statements (DDL): not cached
        } else {
            try statement(sql).execute(arguments: StatementArguments(arguments))
        }
    }

    func fetchAll(_ sql: String, _ arguments: SQLArguments) async throws -> [Row] {
        try Row.fetchAll(statement(sql), arguments: StatementArguments(arguments))
    }

    func forEach(_ sql: String, _ arguments: SQLArguments, _ body: (Row) async throws -> Void) async throws {
        let cursor = try Row.fetchCursor(statement(sql), arguments: StatementArguments(arguments))
        while let row = try cursor.next() { try await body(row) }
    }

    func forEachPositional(_ sql: String, _ arguments: SQLArguments, _ body: (PositionalRow) throws -> Void) async throws {
        let statement = try statement(sql)
        // GRDB steps the statement and reports its errors; the values are read from it directly.
        let cursor = try Row.fetchCursor(statement, arguments: StatementArguments(arguments))
        let row = PositionalRow(source: .sqlite(SQLiteStatementRow(statement: statement.sqliteStatement)))
        while try cursor.next() != nil { try body(row) }
    }

    /// SQLite answers on the caller's thread: the query runs when it is read.
    func ahead(_ sql: String, _ arguments: SQLArguments) -> QueryAhead { QueryAhead(sql: sql, arguments: arguments) }

    func forEachPositional(_ query: QueryAhead, _ body: (PositionalRow) throws -> Void) async throws {
        try await forEachPositional(query.sql, query.arguments, body)
    }

    func fetchColumn(_ sql: String, _ arguments: SQLArguments) async throws -> [DatabaseValue] {
        try DatabaseValue.fetchAll(statement(sql), arguments: StatementArguments(arguments))
    }

    func insertRows(into table: String, columns: [String], rows: [[DatabaseValue]]) async throws {
        guard !rows.isEmpty else { return }
        let insert = try insertStatement(table, columns)
        for row in rows { try SQLiteRowInsert.run(insert, row) }
    }

    func append(into table: String, columns: [String], row: SQLArguments) async throws {
        try SQLiteRowInsert.run(insertStatement(table, columns), row)
    }

    /// An import appends tens of rows per case: the statement is looked up by table, not rebuilt
    /// from its text for every row (which once cost half the import's time).
    private func insertStatement(_ table: String, _ columns: [String]) throws -> Statement {
        if let cached = inserts[table], cached.columns == columns { return cached.statement }
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let insert = try statement("INSERT INTO \(table) (\(columns.map(SQLName.quoted).joined(separator: ", "))) VALUES (\(placeholders))")
        inserts[table] = (columns, insert)
        return insert
    }

    func flush() async throws {}
}

/// Column names that are key words in one dialect or the other are written quoted.
enum SQLName {
    static func quoted(_ name: String) -> String {
        name == "end" ? "\"end\"" : name
    }
}
