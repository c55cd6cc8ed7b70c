import GRDB
import Logging
import NIOCore
import PostgresNIO

/// Rows for one table made ready to send: 64 rows or more as one `COPY … FROM STDIN`
/// (`PostgresCopyText`), fewer as multi-row inserts of at most 1,000 rows and 30,000 values (the
/// protocol allows 65,535 binds). Prepared on the caller's thread, sent by `start`, which talks to
/// the connection directly; the caller (`PostgresSQLConnection`) awaits it before its next statement.
enum PostgresBulkWrite: Sendable {
    case copy(table: String, columns: [String], chunks: [ByteBuffer])
    case insert([PostgresQuery])

    /// `table` and `columns` are the store's own names, never a caller's.
    init(into table: String, columns: [String], rows: [[DatabaseValue]]) throws {
        if rows.count >= PostgresCopyText.fewestRows {
            self = .copy(into: table, columns: columns, chunks: try PostgresCopyText.chunks(rows, columns: columns.count))
        } else {
            self = .inserts(into: table, columns: columns, rows: rows)
        }
    }

    /// Multi-row inserts of the rows, however many.
    static func inserts(into table: String, columns: [String], rows: [[DatabaseValue]]) -> PostgresBulkWrite {
        let chunk = max(1, min(1000, 30000 / max(1, columns.count)))
        let head = "INSERT INTO \(table) (\(columns.map(SQLName.quoted).joined(separator: ", "))) VALUES "
        var queries: [PostgresQuery] = []
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
            queries.append(PostgresQuery(unsafeSQL: PostgresPlaceholders.numbered(sql), binds: Self.bindings(values)))
            start = end
        }
        return .insert(queries)
    }

    /// A `COPY` of rows already encoded (`PostgresCopyText`).
    static func copy(into table: String, columns: [String], chunks: [ByteBuffer]) -> PostgresBulkWrite {
        // PostgresNIO quotes the names of a COPY; the schema created them unquoted, which the
        // server folds to lower case.
        .copy(table: table.lowercased(), columns: columns.map { $0.lowercased() }, chunks: chunks)
    }

    static func bindings(_ values: [DatabaseValue]) -> PostgresBindings {
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
        return bindings
    }

    func send(on connection: PostgresConnection, logger: Logger) async throws {
        switch self {
        case .copy(let table, let columns, let chunks):
            try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                for chunk in chunks { try await writer.write(chunk) }
            }
        case .insert(let queries):
            for query in queries { _ = try await connection.query(query, logger: logger).get() }
        }
    }

    /// Sends `writes` in order on a task of the answers' threads (PostgresNIO's `copyFrom` is async
    /// only, and the cooperative threads may all be held by synchronous callers waiting for it);
    /// the future completes when the last is written or the first fails.
    static func start(_ writes: [PostgresBulkWrite], on connection: PostgresConnection, logger: Logger) -> EventLoopFuture<Void> {
        let promise = connection.eventLoop.makePromise(of: Void.self)
        Task(executorPreference: PostgresBackend.answers) {
            do {
                for write in writes { try await write.send(on: connection, logger: logger) }
                promise.succeed()
            } catch {
                promise.fail(error)
            }
        }
        return promise.futureResult
    }
}
