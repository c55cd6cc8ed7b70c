import Foundation
import GRDB
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PostgresNIO

/// The shared store on a PostgreSQL server, through PostgresNIO.
///
/// The store's API is synchronous (as GRDB's is), so each call waits for PostgresNIO's futures on
/// the caller's thread. The connections run on an event loop group of their own: a caller on a web
/// server's event loop then waits on another group's loop and never on its own.
final class PostgresBackend: StoreBackend, @unchecked Sendable {
    var kind: SQLBackendKind { .postgres }
    let location: PostgresLocation
    private let group: MultiThreadedEventLoopGroup
    private let lock = NSCondition()
    private var idle: [PostgresConnection] = []
    private var open = 0
    private let maximum: Int
    private let lockTimeoutMilliseconds: Int
    private let logger: Logger
    private let nextConnectionID = NIOLockedValueBox(0)

    /// Connects lazily, at most `maximumConnections` at once; a caller finding all in use waits.
    init(_ location: PostgresLocation, busyTimeout: TimeInterval = 10, maximumConnections: Int = 8) throws {
        self.location = location
        self.lockTimeoutMilliseconds = Int(max(0.001, min(busyTimeout, 3600)) * 1000)
        self.maximum = max(1, maximumConnections)
        self.group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        var logger = Logger(label: "zhifa.postgres")
        logger.logLevel = .critical
        self.logger = logger
        // Fail at once, with the server's reason, when the server cannot be reached or refuses us.
        let first = try connect()
        checkIn(first)
    }

    deinit { close() }

    func close() {
        lock.lock()
        let connections = idle
        idle = []
        lock.unlock()
        for connection in connections {
            let closing: EventLoopFuture<Void> = connection.close()
            _ = try? Self.wait(closing, deadline: .seconds(5))
        }
        try? group.syncShutdownGracefully()
    }

    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", body)
    }

    /// Writers take the one row of `writeLock` first: like SQLite's single writer, every write
    /// transaction of every process runs after the one before it has committed, so the journal's
    /// head read inside it is the chain's true head.
    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try transaction(begin: "BEGIN") { connection in
            try connection.execute("SELECT id FROM writeLock WHERE id = 1 FOR UPDATE")
            return try body(connection)
        }
    }

    /// The writers' lock is taken when `body` asks for it, before its journal entries.
    func writeLockingLate<T>(_ body: (any SQLConnection, _ lockWriters: () throws -> Void) throws -> T) throws -> T {
        try transaction(begin: "BEGIN") { connection in
            try body(connection) { try connection.execute("SELECT id FROM writeLock WHERE id = 1 FOR UPDATE") }
        }
    }

    /// Without the write lock: these statements touch only the web service's own tables, and each
    /// is safe beside another writer (`ON CONFLICT`, single-row changes).
    func writeOutsideJournal<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try transaction(begin: "BEGIN", body)
    }

    /// Runs `body` in a transaction on a connection of its own, which only `body` uses.
    func transaction<T>(begin: String, _ body: (any SQLConnection) throws -> T) throws -> T {
        let raw = try checkOut()
        let connection = PostgresSQLConnection(raw, logger: logger)
        do {
            try connection.execute(begin)
            let result = try body(connection)
            try connection.flush()
            try connection.execute("COMMIT")
            checkIn(raw)
            return result
        } catch {
            // A closed connection is never asked to roll back: PostgresNIO would never answer.
            if !raw.isClosed, (try? connection.execute("ROLLBACK")) != nil { checkIn(raw) } else { discard(raw) }
            throw error
        }
    }

    /// Runs statements outside a transaction (migrations that manage their own).
    func withConnection<T>(_ body: (PostgresSQLConnection) throws -> T) throws -> T {
        let raw = try checkOut()
        do {
            let result = try body(PostgresSQLConnection(raw, logger: logger))
            checkIn(raw)
            return result
        } catch {
            if raw.isClosed { discard(raw) } else { checkIn(raw) }
            throw error
        }
    }

    private func checkOut() throws -> PostgresConnection {
        lock.lock()
        while true {
            while let connection = idle.popLast() {
                if !connection.isClosed {
                    lock.unlock()
                    return connection
                }
                open -= 1
            }
            if open < maximum { break }
            lock.wait()
        }
        open += 1
        lock.unlock()
        do {
            return try connect()
        } catch {
            lock.lock()
            open -= 1
            lock.signal()
            lock.unlock()
            throw error
        }
    }

    private func checkIn(_ connection: PostgresConnection) {
        lock.lock()
        idle.append(connection)
        lock.signal()
        lock.unlock()
    }

    private func discard(_ connection: PostgresConnection) {
        let closing: EventLoopFuture<Void> = connection.close()
        _ = closing
        lock.lock()
        open -= 1
        lock.signal()
        lock.unlock()
    }

    private func connect() throws -> PostgresConnection {
        let configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user,
            password: location.password, database: location.database, tls: try location.tls())
        let id = nextConnectionID.withLockedValue {
            $0 += 1
            return $0
        }
        let connection: PostgresConnection
        do {
            connection = try Self.wait(
                PostgresConnection.connect(on: group.next(), configuration: configuration, id: id, logger: logger),
                deadline: Self.connectDeadline)
        } catch {
            throw PostgresFailure(error, connecting: location)
        }
        // A writer that waits longer than this for another's transaction fails as busy, as SQLite's busy timeout does.
        let session = PostgresSQLConnection(connection, logger: logger, deadline: Self.connectDeadline)
        do {
            try session.execute("SET lock_timeout = \(lockTimeoutMilliseconds)")
            try session.execute("SET client_min_messages = warning")
        } catch {
            let closing: EventLoopFuture<Void> = connection.close()
            _ = closing
            throw error
        }
        return connection
    }

    /// How long one statement may take before the connection is given up: long enough for the
    /// largest statement of an audit at a province's size, short of forever.
    static let statementDeadline: Duration = .seconds(600)
    /// How long connecting (TCP, TLS, authentication, the session's settings) may take.
    static let connectDeadline: Duration = .seconds(10)

    /// Waits for a future on the calling thread (never one of this backend's event loops), at most
    /// until `deadline`. A connection that closes while its request is outstanding fails the wait
    /// within a second or two: PostgresNIO drops a request written to a closed channel and never
    /// answers it, so waiting for the future alone would wait forever.
    static func wait<T: Sendable>(
        _ future: EventLoopFuture<T>, on connection: PostgresConnection? = nil,
        deadline: Duration = statementDeadline
    ) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let result = NIOLockedValueBox<Result<T, any Error>?>(nil)
        future.whenComplete { outcome in
            result.withLockedValue { $0 = outcome }
            done.signal()
        }
        let start = ContinuousClock.now
        var closedAt: ContinuousClock.Instant?
        while done.wait(timeout: .now() + .milliseconds(250)) == .timedOut {
            let now = ContinuousClock.now
            if let connection, connection.isClosed {
                if let closedAt, now - closedAt > .seconds(1) { throw PostgresFailure.lost }
                if closedAt == nil { closedAt = now }
            }
            if now - start > deadline {
                if let connection {
                    let closing: EventLoopFuture<Void> = connection.close()
                    _ = closing
                }
                throw PostgresFailure.deadline(Int(deadline.components.seconds))
            }
        }
        return try result.withLockedValue { $0! }.get()
    }
}
