import GRDB

/// The embedded store: one SQLite file (a `DatabasePool` in WAL mode) or a queue in memory for tests.
struct SQLiteBackend: StoreBackend {
    let database: any DatabaseWriter
    var kind: SQLBackendKind { .sqlite }

    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try database.read { try body(SQLiteConnection($0)) }
    }

    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try database.write { try body(SQLiteConnection($0)) }
    }

    func close() {
        try? (database as? DatabasePool)?.close()
        try? (database as? DatabaseQueue)?.close()
    }
}

/// A GRDB connection seen through the store's SQL seam. Statements are cached per connection: the
/// store's SQL texts are few (IN lists come in fixed chunk sizes), so each compiles once.
final class SQLiteConnection: SQLConnection {
    let db: Database
    var kind: SQLBackendKind { .sqlite }

    init(_ db: Database) { self.db = db }

    private func statement(_ sql: String) throws -> Statement {
        try db.cachedStatement(sql: sql)
    }

    func execute(_ sql: String, _ arguments: SQLArguments) throws {
        if arguments.isEmpty, sql.contains(";") {
            try db.execute(sql: sql)  // several statements (DDL): not cached
        } else {
            try statement(sql).execute(arguments: StatementArguments(arguments.databaseValues))
        }
    }

    func fetchAll(_ sql: String, _ arguments: SQLArguments) throws -> [Row] {
        try Row.fetchAll(statement(sql), arguments: StatementArguments(arguments.databaseValues))
    }

    func forEach(_ sql: String, _ arguments: SQLArguments, _ body: (Row) throws -> Void) throws {
        let cursor = try Row.fetchCursor(statement(sql), arguments: StatementArguments(arguments.databaseValues))
        while let row = try cursor.next() { try body(row) }
    }

    func fetchColumn(_ sql: String, _ arguments: SQLArguments) throws -> [DatabaseValue] {
        try DatabaseValue.fetchAll(statement(sql), arguments: StatementArguments(arguments.databaseValues))
    }

    func insertRows(into table: String, columns: [String], rows: [[DatabaseValue]]) throws {
        guard !rows.isEmpty else { return }
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let insert = try statement("INSERT INTO \(table) (\(columns.map(SQLName.quoted).joined(separator: ", "))) VALUES (\(placeholders))")
        for row in rows { try insert.execute(arguments: StatementArguments(row)) }
    }

    func append(into table: String, columns: [String], row: [DatabaseValue]) throws {
        try insertRows(into: table, columns: columns, rows: [row])
    }

    func flush() throws {}
}

/// Column names that are key words in one dialect or the other are written quoted.
enum SQLName {
    static func quoted(_ name: String) -> String {
        name == "end" ? "\"end\"" : name
    }
}
