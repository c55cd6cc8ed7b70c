import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import PostgresNIO

/// The shared store on a PostgreSQL server, through PostgresNIO's pool of connections
/// (`PostgresClient`).
///
/// Transactions are awaited: a body's statements wait for the server's answers without holding a
/// thread (the command line runs them on its own thread, `CallerThread`). The client runs for as
/// long as the store is open, in a task of the backend's own: a store is used before any service
/// group runs (its migrations, a command's whole work). The web service's `ServiceGroup` runs the
/// store's `StoreService`, which closes the store, and so the client, when the server shuts down.
final class PostgresBackend: StoreBackend, @unchecked Sendable {
    var kind: SQLBackendKind { .postgres }
    let location: PostgresLocation
    private let client: PostgresClient
    private let running: Task<Void, Never>
    private let poolThread: ThreadExecutor
    private let logger: Logger

    /// Checks that the server can be reached and takes us, then starts a pool of at most
    /// `maximumConnections`, which connects as transactions need connections.
    init(_ location: PostgresLocation, busyTimeout: TimeInterval = 10, maximumConnections: Int = 8) throws {
        self.location = location
        var logger = Logger(label: "zhifa.postgres")
        logger.logLevel = .critical
        self.logger = logger
        let lockTimeout = Int(max(0.001, min(busyTimeout, 3600)) * 1000)
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.user,
            password: location.password, database: location.database, tls: try location.clientTLS())
        configuration.options.maximumConnections = max(1, maximumConnections)
        configuration.options.connectTimeout = Self.connectDeadline
        // A writer that waits longer than this for another's transaction fails as busy, as
        // SQLite's busy timeout does.
        configuration.options.additionalStartupParameters = [
            ("lock_timeout", String(lockTimeout)), ("client_min_messages", "warning")
        ]
        let parameters = configuration.options.additionalStartupParameters
        // Fail at once, with the server's reason, when the server cannot be reached or refuses us:
        // the pool would keep trying for a minute before failing a transaction.
        try CallerThread.run { try await Self.probe(location, parameters: parameters, logger: logger) }
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        // The pool makes its connections in its run loop. On a thread of its own that loop never
        // waits for a cooperative thread, which a command or a test blocked on one may be holding
        // while it waits for that very connection.
        let thread = ThreadExecutor(threads: 1, name: "zhifa-postgres-pool")
        poolThread = thread
        running = Task(executorPreference: thread) { await client.run() }
    }

    deinit { close() }

    /// Stops the pool, which closes its connections, and then its thread.
    func close() {
        running.cancel()
        let (running, thread) = (running, poolThread)
        Task {
            await running.value
            thread.shutdown()
        }
    }

    func read<T>(_ body: (any SQLConnection) async throws -> T) throws -> T {
        try CallerThread.run { try await self.reading(body) }
    }

    func write<T>(_ body: (any SQLConnection) async throws -> T) throws -> T {
        try CallerThread.run { try await self.writing(body) }
    }

    func writeOutsideJournal<T>(_ body: (any SQLConnection) async throws -> T) throws -> T {
        try CallerThread.run { try await self.transaction(begin: "BEGIN", body) }
    }

    /// The writers' lock is taken when `body` asks for it, before its journal entries.
    func writeLockingLate<T>(_ body: (any SQLConnection, _ lockWriters: () async throws -> Void) async throws -> T) throws -> T {
        try CallerThread.run {
            try await self.transaction(begin: "BEGIN") { connection in
                try await body(connection) { try await connection.execute(Self.takeWriteLock) }
            }
        }
    }

    // Awaited transactions resume on libdispatch's threads (`answers`) whatever the caller's
    // executor: a writer resumed on Swift's cooperative threads, while synchronous work elsewhere
    // in the process held them all, kept the writers' lock until one was free, and the writers
    // queued behind it timed out.

    func awaitRead<T>(_ body: (any SQLConnection) async throws -> T) async throws -> T {
        try await withTaskExecutorPreference(Self.answers) { try await reading(body) }
    }

    func awaitWrite<T>(_ body: (any SQLConnection) async throws -> T) async throws -> T {
        try await withTaskExecutorPreference(Self.answers) { try await writing(body) }
    }

    /// Without the write lock: these statements touch only the web service's own tables, and each
    /// is safe beside another writer (`ON CONFLICT`, single-row changes).
    func awaitWriteOutsideJournal<T>(_ body: (any SQLConnection) async throws -> T) async throws -> T {
        try await withTaskExecutorPreference(Self.answers) { try await transaction(begin: "BEGIN", body) }
    }

    /// Where awaited transactions, and the tasks that feed a `COPY`, resume: never Swift's
    /// cooperative threads, which a synchronous caller (a test, a command) may be holding.
    static let answers = DispatchExecutor(name: "zhifa-postgres")

    private func reading<T>(_ body: (any SQLConnection) async throws -> T) async throws -> T {
        try await transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", body)
    }

    /// Writers take the one row of `writeLock` first: like SQLite's single writer, every write
    /// transaction of every process runs after the one before it has committed, so the journal's
    /// head read inside it is the chain's true head.
    private func writing<T>(_ body: (any SQLConnection) async throws -> T) async throws -> T {
        try await transaction(begin: "BEGIN") { connection in
            try await connection.execute(Self.takeWriteLock)
            return try await body(connection)
        }
    }

    private static let takeWriteLock = "SELECT id FROM writeLock WHERE id = 1 FOR UPDATE"

    /// Runs `body` in a transaction on a connection of its own, which only `body` uses.
    func transaction<T>(begin: String, _ body: (any SQLConnection) async throws -> T) async throws -> T {
        try await awaitConnection { raw in
            let connection = PostgresSQLConnection(raw, logger: logger)
            do {
                try await connection.execute(begin)
                let result = try await body(connection)
                try await connection.flush()
                try await connection.execute("COMMIT")
                return result
            } catch {
                // A closed connection is never asked to roll back: PostgresNIO would never answer.
                // One that cannot roll back is closed, so that the pool does not lend it again.
                var rolledBack = false
                if !raw.isClosed { rolledBack = (try? await connection.execute("ROLLBACK")) != nil }
                if !rolledBack {
                    let closing: EventLoopFuture<Void> = raw.close()
                    _ = closing
                }
                throw error
            }
        }
    }

    /// Runs statements outside a transaction (migrations that manage their own), on this thread.
    func withConnection<T>(_ body: (PostgresSQLConnection) async throws -> T) throws -> T {
        try CallerThread.run { try await self.awaitConnection { try await body(PostgresSQLConnection($0, logger: self.logger)) } }
    }

    /// Lends `body` a connection of the pool. While none is free the wait is bounded only by
    /// `statementDeadline` (a long audit may hold them all), but after a second, and then every
    /// `connectDeadline`, the server is tried: a server that cannot be reached fails the wait with
    /// its reason at once, where the pool would go on trying for a minute.
    func awaitConnection<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await withoutActuallyEscaping(body) { body in
            let work = UncheckedSendable(body)
            let lent = NIOLockedValueBox(false)
            let (client, location, logger) = (client, location, logger)
            return try await withThrowingTaskGroup(of: UncheckedSendable<T>?.self) { group in
                group.addTask {
                    do {
                        return try await client.withConnection { raw in
                            lent.withLockedValue { $0 = true }
                            return UncheckedSendable(try await work.value(raw))
                        }
                    } catch  where !lent.withLockedValue({ $0 }) {
                        // The pool's own failure: no connection could be made or lent.
                        throw PostgresFailure(error, connecting: location)
                    }
                }
                group.addTask {
                    let start = ContinuousClock.now
                    var pause = Duration.seconds(1)
                    while !lent.withLockedValue({ $0 }) {
                        try await Task.sleep(for: pause)
                        pause = Self.connectDeadline
                        guard !lent.withLockedValue({ $0 }) else { break }
                        try await Self.probe(location, parameters: [], logger: logger)
                        if ContinuousClock.now - start > Self.statementDeadline {
                            throw PostgresFailure.deadline(Int(Self.statementDeadline.components.seconds))
                        }
                    }
                    return nil
                }
                while let outcome = try await group.next() {
                    if let result = outcome {
                        group.cancelAll()
                        return result.value
                    }
                }
                throw PostgresFailure.lost
            }
        }
    }

    /// Connects once and closes again: what the server says when it refuses, in our words.
    private static func probe(_ location: PostgresLocation, parameters: [(String, String)], logger: Logger) async throws {
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user,
            password: location.password, database: location.database, tls: try location.tls())
        configuration.options.additionalStartupParameters = parameters
        let connecting: EventLoopFuture<PostgresConnection> = PostgresConnection.connect(
            on: PostgresConnection.defaultEventLoopGroup.next(), configuration: configuration, id: 0, logger: logger)
        let connection: PostgresConnection
        do {
            connection = try await answer(connecting, deadline: connectDeadline)
        } catch {
            // A connection that comes after all is closed, never left open.
            connecting.whenSuccess { late in
                let closing: EventLoopFuture<Void> = late.close()
                _ = closing
            }
            throw PostgresFailure(error, connecting: location)
        }
        _ = try? await answer(connection.close(), deadline: .seconds(5))
    }

    /// How long one statement may take before the connection is given up: long enough for the
    /// largest statement of an audit at a province's size, short of forever.
    static let statementDeadline: Duration = .seconds(600)
    /// How long connecting (TCP, TLS, authentication, the session's settings) may take.
    static let connectDeadline: Duration = .seconds(10)

    /// Awaits a future, at most until `deadline`. A connection that closes while its request is
    /// outstanding fails the wait within a second or two: PostgresNIO drops a request written to a
    /// closed channel and never answers it, so waiting for the future alone would wait forever.
    static func answer<T: Sendable>(
        _ future: EventLoopFuture<T>, on connection: PostgresConnection? = nil,
        deadline: Duration = statementDeadline
    ) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let waiting = NIOLockedValueBox<CheckedContinuation<T, any Error>?>(continuation)
            let resume: @Sendable (Result<T, any Error>) -> Void = { outcome in
                waiting.withLockedValue { $0.take() }?.resume(with: outcome)
            }
            let start = NIODeadline.now()
            let closedAt = NIOLockedValueBox<NIODeadline?>(nil)
            let limit = TimeAmount.nanoseconds(Int64(deadline.components.seconds) * 1_000_000_000)
            let watch = future.eventLoop.scheduleRepeatedTask(initialDelay: .milliseconds(250), delay: .milliseconds(250)) { task in
                let now = NIODeadline.now()
                if let connection, connection.isClosed {
                    let since = closedAt.withLockedValue { at in
                        if at == nil { at = now }
                        return at!
                    }
                    if now - since > .seconds(1) {
                        task.cancel()
                        resume(.failure(PostgresFailure.lost))
                    }
                }
                if now - start > limit {
                    task.cancel()
                    if let connection {
                        let closing: EventLoopFuture<Void> = connection.close()
                        _ = closing
                    }
                    resume(.failure(PostgresFailure.deadline(Int(deadline.components.seconds))))
                }
            }
            future.whenComplete { outcome in
                watch.cancel()
                resume(outcome.mapError { $0 })
            }
        }
    }
}
