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
    /// Appended rows not yet written, a table's (and column list's) each. Tables are written in
    /// the order they were first appended to on this connection (kept across flushes): a case's
    /// row always comes before its events' and an event's before its officers' and records', so
    /// that order satisfies every foreign key whichever case a flush falls in the middle of. Found
    /// by walking the few tables, their names and the callers' static column lists compared.
    private var pending: [PostgresPendingRows] = []
    /// About how many bytes `pending` holds.
    private var pendingBytes = 0
    /// Appended rows sent and not yet answered (`flush(waiting:)`).
    private var inFlight: EventLoopFuture<Void>?

    /// Appended rows are sent when they hold about this many bytes of `COPY` text (some 50,000 of
    /// an import's rows). The server makes each `COPY`'s tuple slots anew (up to a thousand, each
    /// pinning the table's descriptor with the transaction's resource owner) and drops them at its
    /// end: sent every 5,000 rows, a first import took a sixth longer (docs/performance.md).
    static let flushBytes = 4 << 20

    /// How long one statement may take (`PostgresBackend.answer`).
    let deadline: Duration

    init(_ connection: PostgresConnection, logger: Logger, deadline: Duration = PostgresBackend.statementDeadline) {
        self.connection = connection
        self.logger = logger
        self.deadline = deadline
    }

    func append(into table: String, columns: [String], row: SQLArguments) async throws {
        let index =
            pending.firstIndex { $0.table == table && $0.columns == columns }
            ?? {
                pending.append(PostgresPendingRows(table: table, columns: columns))
                return pending.count - 1
            }()
        let before = pending[index].bytes
        try pending[index].append(row)
        pendingBytes += pending[index].bytes - before
        if pendingBytes >= Self.flushBytes { try await flush(waiting: false) }
    }

    /// Sends the appended rows, table after table in the order they were first appended to, and
    /// waits until the server has them.
    func flush() async throws { try await flush(waiting: true) }

    /// `waiting` false (enough rows appended): the rows go to the server and the caller goes on
    /// making the next ones, which the server would otherwise wait for; one such write is in flight
    /// at a time, awaited before the next is sent and before any other statement.
    private func flush(waiting: Bool) async throws {
        pendingBytes = 0
        var writes: [PostgresBulkWrite] = []
        for index in pending.indices {
            if let write = pending[index].take() { writes.append(write) }
        }
        try await awaitWriteInFlight()
        if waiting { return try await send(writes) }
        guard !writes.isEmpty else { return }
        guard !connection.isClosed else { throw PostgresFailure.lost }
        inFlight = PostgresBulkWrite.start(writes, on: connection, logger: logger)
    }

    private func awaitWriteInFlight() async throws {
        guard let write = inFlight else { return }
        inFlight = nil
        try await answer(write)
    }

    /// Sends prepared writes under the same deadline and loss checks as any statement.
    private func send(_ writes: [PostgresBulkWrite]) async throws {
        guard !writes.isEmpty else { return }
        guard !connection.isClosed else { throw PostgresFailure.lost }
        try await answer(PostgresBulkWrite.start(writes, on: connection, logger: logger))
    }

    /// What the server answered, under the statements' deadline; its failures as `PostgresFailure`.
    private func answer<T: Sendable>(_ future: EventLoopFuture<T>) async throws -> T {
        do {
            return try await PostgresBackend.answer(future, on: connection, deadline: deadline)
        } catch {
            throw PostgresFailure(error)
        }
    }

    private static func query(_ sql: String, _ values: [DatabaseValue]) -> PostgresQuery {
        PostgresQuery(unsafeSQL: PostgresPlaceholders.numbered(sql), binds: PostgresBulkWrite.bindings(values))
    }

    @discardableResult
    private func run(_ sql: String, _ values: [DatabaseValue]) async throws -> PostgresQueryResult {
        try await flush()
        // PostgresNIO never answers a query written to a closed connection.
        guard !connection.isClosed else { throw PostgresFailure.lost }
        return try await answer(connection.query(Self.query(sql, values), logger: logger))
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
        try Self.forEachPositional(in: await run(sql, arguments.databaseValues), body)
    }

    /// Written to the connection now, behind the queries before it: PostgresNIO sends each as soon
    /// as the server has answered the one before, so the server answers it while the caller reads
    /// those. Rows appended and not yet written must go first: then it is sent when it is read.
    func ahead(_ sql: String, _ arguments: SQLArguments) -> QueryAhead {
        guard pendingBytes == 0, inFlight == nil, !connection.isClosed else { return QueryAhead(sql: sql, arguments: arguments) }
        let answer = connection.query(Self.query(sql, arguments.databaseValues), logger: logger)
        return QueryAhead(sql: sql, arguments: arguments, answer: answer)
    }

    func forEachPositional(_ query: QueryAhead, _ body: (PositionalRow) throws -> Void) async throws {
        let result: PostgresQueryResult
        if let future = query.answer {
            result = try await answer(future)
        } else {
            result = try await run(query.sql, query.arguments.databaseValues)
        }
        try Self.forEachPositional(in: result, names: query.names, body)
    }

    /// A row of one composite column (`ROW(…)`, `SQLConnection.aheadRows`) is read field by field
    /// from its bytes, and one of an array of them (`array_agg(ROW(…))`) as a row for each; any
    /// other row cell by cell.
    private static func forEachPositional(
        in result: PostgresQueryResult, names: [String] = [], _ body: (PositionalRow) throws -> Void
    ) throws {
        for row in result.rows {
            var cells = row.makeIterator()
            if row.count == 1, let cell = cells.next(), cell.dataType == .record || cell.dataType == .recordArray {
                if cell.dataType == .record {
                    try PostgresRecordRow.read(cell, names: names) { try body(PositionalRow(source: .postgresRecord($0))) }
                } else {
                    try PostgresRecordRow.forEachElement(of: cell, names: names) { try body(PositionalRow(source: .postgresRecord($0))) }
                }
            } else {
                try body(PositionalRow(source: .postgres(PostgresCellsRow(row))))
            }
        }
    }

    func fetchColumn(_ sql: String, _ arguments: SQLArguments) async throws -> [DatabaseValue] {
        try await run(sql, arguments.databaseValues).rows.map { row in
            var cells = row.makeIterator()
            guard let cell = cells.next() else { return .null }
            return try Self.value(cell)
        }
    }

    /// Many rows as one `COPY`, a few as multi-row inserts (`PostgresBulkWrite`).
    func insertRows(into table: String, columns: [String], rows: [[DatabaseValue]]) async throws {
        guard !columns.isEmpty, !rows.isEmpty else { return }
        try await flush()
        try await send([PostgresBulkWrite(into: table, columns: columns, rows: rows)])
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
