import Foundation
import GRDB
import Logging
import NIOConcurrencyHelpers
import NIOCore
import PostgresNIO

/// A PostgreSQL connection seen through the store's SQL seam: `?` placeholders numbered, values
/// bound in binary, rows turned into GRDB `Row`s.
final class PostgresSQLConnection: SQLConnection {
    let connection: PostgresConnection
    let logger: Logger
    var kind: SQLBackendKind { .postgres }
    private var cursors = 0
    /// Appended rows not yet written, by table. Tables are written in the order they were first
    /// appended to in this transaction (kept across flushes): a case's row always comes before its
    /// events' and an event's before its officers' and records', so that order satisfies every
    /// foreign key whichever case a flush falls in the middle of.
    private var tableOrder: [PendingKey] = []
    private var pending: [PendingKey: [[DatabaseValue]]] = [:]
    private var pendingRows = 0

    private struct PendingKey: Hashable {
        var table: String
        var columns: [String]
    }

    /// How long one statement may take (`PostgresBackend.answer`).
    let deadline: Duration

    init(_ connection: PostgresConnection, logger: Logger, deadline: Duration = PostgresBackend.statementDeadline) {
        self.connection = connection
        self.logger = logger
        self.deadline = deadline
    }

    func append(into table: String, columns: [String], row: SQLArguments) async throws {
        let key = PendingKey(table: table, columns: columns)
        if pending[key] == nil, !tableOrder.contains(key) { tableOrder.append(key) }
        pending[key, default: []].append(row.databaseValues)
        pendingRows += 1
        if pendingRows >= 5000 { try await flush() }
    }

    func flush() async throws {
        guard pendingRows > 0 else { return }
        let batches = pending
        pending = [:]
        pendingRows = 0
        for key in tableOrder {
            if let rows = batches[key] { try await insertRows(into: key.table, columns: key.columns, rows: rows) }
        }
    }

    @discardableResult
    private func run(_ sql: String, _ values: [DatabaseValue]) async throws -> PostgresQueryResult {
        try await flush()
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value.storage {
            case .null: bindings.appendNull()
            case .int64(let integer): bindings.append(integer)
            case .double(let double): bindings.append(double)
            case .string(let string): bindings.append(string)
            case .blob(let data): bindings.append(ByteBuffer(bytes: data))
            }
        }
        let query = PostgresQuery(unsafeSQL: PostgresPlaceholders.numbered(sql), binds: bindings)
        // PostgresNIO never answers a query written to a closed connection.
        guard !connection.isClosed else { throw PostgresFailure.lost }
        do {
            return try await PostgresBackend.answer(connection.query(query, logger: logger), on: connection, deadline: deadline)
        } catch {
            throw PostgresFailure(error)
        }
    }

    func execute(_ sql: String, _ arguments: SQLArguments) async throws {
        try await run(sql, arguments.databaseValues)
    }

    func fetchAll(_ sql: String, _ arguments: SQLArguments) async throws -> [Row] {
        try await run(sql, arguments.databaseValues).rows.map(Self.row)
    }

    /// A server-side cursor fetched a thousand rows at a time: memory holds one page, as SQLite's
    /// cursor holds one row. Only inside a transaction, which every store call opens.
    func forEach(_ sql: String, _ arguments: SQLArguments, _ body: (Row) async throws -> Void) async throws {
        cursors += 1
        let name = "zhifa_cursor_\(cursors)"
        try await run("DECLARE \(name) NO SCROLL CURSOR FOR \(sql)", arguments.databaseValues)
        while true {
            let page = try await run("FETCH FORWARD 1000 FROM \(name)", [])
            for row in page.rows { try await body(Self.row(row)) }
            if page.rows.count < 1000 { break }
        }
        try await run("CLOSE \(name)", [])
    }

    func forEachPositional(_ sql: String, _ arguments: SQLArguments, _ body: (PositionalRow) throws -> Void) async throws {
        for row in try await run(sql, arguments.databaseValues).rows {
            try body(PositionalRow(source: .postgres(PostgresCellsRow(row))))
        }
    }

    func fetchColumn(_ sql: String, _ arguments: SQLArguments) async throws -> [DatabaseValue] {
        try await run(sql, arguments.databaseValues).rows.map { row in
            var cells = row.makeIterator()
            guard let cell = cells.next() else { return .null }
            return try Self.value(cell)
        }
    }

    /// Many rows go through `COPY … FROM STDIN` (`PostgresCopyText`): one statement, its rows parsed
    /// by the server as text, with no placeholder bound per value. A few rows go as multi-row
    /// inserts of at most 1,000 rows and 30,000 values (the protocol allows 65,535 binds).
    func insertRows(into table: String, columns: [String], rows: [[DatabaseValue]]) async throws {
        guard !columns.isEmpty, !rows.isEmpty else { return }
        if rows.count >= PostgresCopyText.fewestRows {
            try await copy(into: table, columns: columns, rows: rows)
            return
        }
        let chunk = max(1, min(1000, 30000 / columns.count))
        let head = "INSERT INTO \(table) (\(columns.map(SQLName.quoted).joined(separator: ", "))) VALUES "
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + chunk)
            var sql = head
            var values: [DatabaseValue] = []
            values.reserveCapacity((end - start) * columns.count)
            for index in start..<end {
                sql += index == start ? "(" : ", ("
                sql += Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
                values += rows[index]
            }
            try await run(sql, values)
            start = end
        }
    }

    /// The rows as one `COPY`, under the same deadline and loss checks as any statement. Names are
    /// the store's own (never a caller's), lower-cased as the server folds the unquoted names the
    /// schema was created with, since PostgresNIO quotes them.
    private func copy(into table: String, columns: [String], rows: [[DatabaseValue]]) async throws {
        try await flush()
        let chunks = try PostgresCopyText.chunks(rows, columns: columns.count)
        guard !connection.isClosed else { throw PostgresFailure.lost }
        // PostgresNIO's `copyFrom` is async only; its task runs on the answers' threads, since the
        // cooperative ones may all be held by synchronous callers waiting for this very statement.
        let promise = connection.eventLoop.makePromise(of: Void.self)
        Task(executorPreference: PostgresBackend.answers) { [connection, logger] in
            do {
                try await connection.copyFrom(
                    table: table.lowercased(), columns: columns.map { $0.lowercased() }, logger: logger
                ) { writer in
                    for chunk in chunks { try await writer.write(chunk) }
                }
                promise.succeed()
            } catch {
                promise.fail(error)
            }
        }
        do {
            try await PostgresBackend.answer(promise.futureResult, on: connection, deadline: deadline)
        } catch {
            throw PostgresFailure(error)
        }
    }

    static func row(_ row: PostgresRow) throws -> Row {
        var values: [String: (any DatabaseValueConvertible)?] = [:]
        for cell in row { values[cell.columnName] = try value(cell) }
        return Row(values)
    }

    /// Integers, floating point, booleans (as 1 and 0, as SQLite keeps them), text and bytes.
    static func value(_ cell: PostgresCell) throws -> DatabaseValue {
        guard cell.bytes != nil else { return .null }
        do {
            switch cell.dataType {
            case .int2, .int4, .int8: return try cell.decode(Int64.self).databaseValue
            case .float4, .float8: return try cell.decode(Double.self).databaseValue
            case .bool: return (try cell.decode(Bool.self) ? 1 : 0).databaseValue
            case .bytea: return Data(buffer: try cell.decode(ByteBuffer.self)).databaseValue
            case .numeric:
                let text = try cell.decode(String.self)
                return Int64(text)?.databaseValue ?? Double(text)?.databaseValue ?? text.databaseValue
            default: return try cell.decode(String.self).databaseValue
            }
        } catch {
            throw StoreError.corrupt("column \(cell.columnName) of type \(cell.dataType) could not be read: \(error)")
        }
    }
}

/// `?` placeholders become `$1`, `$2`, … outside quoted text and names.
enum PostgresPlaceholders {
    private static let cache = NIOLockedValueBox<[String: String]>([:])

    static func numbered(_ sql: String) -> String {
        if let known = cache.withLockedValue({ $0[sql] }) { return known }
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        var quote: Character?
        for character in sql {
            if let open = quote {
                if character == open { quote = nil }
                result.append(character)
            } else if character == "'" || character == "\"" {
                quote = character
                result.append(character)
            } else if character == "?" {
                number += 1
                result += "$\(number)"
            } else {
                result.append(character)
            }
        }
        // Statements of bulk inserts vary with their row count; only the store's fixed texts are kept.
        if sql.utf8.count < 4096 { cache.withLockedValue { if $0.count < 2048 { $0[sql] = result } } }
        return result
    }
}
