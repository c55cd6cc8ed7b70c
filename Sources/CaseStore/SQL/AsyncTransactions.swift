import Dispatch
import GRDB

/// Transactions a caller awaits instead of waiting for: what the web service's requests use, so
/// that a request whose store work takes long never holds one of Swift's cooperative threads (one
/// a core), which every other request needs.
///
/// The store's SQL is written once, in synchronous bodies over `SQLConnection`, for both backends.
/// On SQLite GRDB's async access runs such a body on the connection's own dispatch queue and
/// resumes the caller when it is done. PostgresNIO answers only asynchronously, so a synchronous
/// body waits for each statement; on PostgreSQL the body therefore runs on a thread of
/// `StoreWaitThreads`, never on the caller's.
extension StoreBackend {
    func awaitRead<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        try await StoreWaitThreads.run { try self.read(body) }
    }

    func awaitReadPrimary<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        try await StoreWaitThreads.run { try self.readPrimary(body) }
    }

    func awaitWrite<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        try await StoreWaitThreads.run { try self.write(body) }
    }

    func awaitWriteOutsideJournal<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        try await StoreWaitThreads.run { try self.writeOutsideJournal(body) }
    }
}

extension SQLiteBackend {
    func awaitRead<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        try await database.read { try body(SQLiteConnection($0)) }
    }

    func awaitReadPrimary<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        try await awaitRead(body)
    }

    func awaitWrite<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        try await database.write { try body(SQLiteConnection($0)) }
    }

    func awaitWriteOutsideJournal<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        try await awaitWrite(body)
    }
}

/// Threads on which synchronous store work waits for a server's answers, apart from the threads
/// that run Swift's tasks: libdispatch adds threads to a queue's pool while its threads wait.
enum StoreWaitThreads {
    private static let queue = DispatchQueue(label: "zhifa-store-wait", qos: .userInitiated, attributes: .concurrent)

    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }
}
