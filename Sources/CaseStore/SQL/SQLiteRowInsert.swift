import GRDB
import GRDBSQLite

/// One row bound straight to a prepared insert and stepped: what an import's tens of rows a case
/// go through on SQLite. GRDB's `Statement.execute(arguments:)` first turns the row into
/// `StatementArguments` (an array of `DatabaseValue`s made through each value's existential) and
/// checks it against the statement, which cost more than SQLite's own work on the row
/// (docs/performance.md, "Both stores nearer their own speed").
///
/// The statement is left reset with its values bound (SQLite copies text, `SQLITE_TRANSIENT`), as
/// GRDB leaves one it executed; GRDB binds every value again the next time it executes it.
enum SQLiteRowInsert {
    /// Binds `row`'s values to `statement`'s parameters in order and runs it to its end.
    static func run(_ statement: Statement, _ row: SQLArguments) throws {
        try run(statement, count: row.count) { row[$0]?.databaseValue ?? .null }
    }

    /// The same for values already converted (`SQLConnection.insertRows`).
    static func run(_ statement: Statement, _ row: [DatabaseValue]) throws {
        try run(statement, count: row.count) { row[$0] }
    }

    private static func run(_ statement: Statement, count: Int, _ value: (Int) -> DatabaseValue) throws {
        let handle = statement.sqliteStatement
        guard Int(sqlite3_bind_parameter_count(handle)) == count else {
            throw DatabaseError(
                resultCode: .SQLITE_MISUSE, message: "\(count) values for \(sqlite3_bind_parameter_count(handle)) parameters",
                sql: statement.sql)
        }
        var code = sqlite3_reset(handle)
        guard code == SQLITE_OK else { throw error(code, statement) }
        for offset in 0..<count {
            code = bind(value(offset), to: handle, at: Int32(offset + 1))
            guard code == SQLITE_OK else { throw error(code, statement) }
        }
        code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            // The message belongs to the failed step; `sqlite3_reset` would repeat its code.
            let failure = error(code == SQLITE_ROW ? SQLITE_MISUSE : code, statement)
            sqlite3_reset(handle)
            throw failure
        }
        sqlite3_reset(handle)
    }

    private static func bind(_ value: DatabaseValue, to handle: SQLiteStatement, at index: Int32) -> Int32 {
        switch value.storage {
        case .null:
            return sqlite3_bind_null(handle, index)
        case .int64(let integer):
            return sqlite3_bind_int64(handle, index, integer)
        case .double(let double):
            return sqlite3_bind_double(handle, index, double)
        case .string(let text):
            // A native string is its own NUL-terminated UTF-8: no copy is made to hand it over.
            guard let length = Int32(exactly: text.utf8.count) else { return SQLITE_TOOBIG }
            return text.withCString { sqlite3_bind_text(handle, index, $0, length, transient) }
        case .blob(let data):
            guard let length = Int32(exactly: data.count) else { return SQLITE_TOOBIG }
            return data.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, length, transient) }
        }
    }

    /// SQLite copies the value before the call returns.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    private static func error(_ code: Int32, _ statement: Statement) -> DatabaseError {
        let connection = sqlite3_db_handle(statement.sqliteStatement)
        return DatabaseError(
            resultCode: ResultCode(rawValue: code), message: connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) },
            sql: statement.sql)
    }
}
