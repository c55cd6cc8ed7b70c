import Foundation
import ServiceLifecycle

/// The store as a service of a `ServiceGroup` (the web server's): it holds the store open while
/// the group runs and closes it when the group shuts down, after the services listed after it
/// (the HTTP server, whose requests in progress finish first). On PostgreSQL closing it ends the
/// pool of connections (`PostgresClient`), whose own run loop the store started when it opened,
/// because the store is used before any group runs (migrations, the server's start).
public struct StoreService: Service {
    public let store: CaseStore

    public init(_ store: CaseStore) { self.store = store }

    public func run() async throws {
        // Returns when the group shuts down gracefully; throws when it is cancelled. Either way
        // nothing will use the store afterwards.
        try? await gracefulShutdown()
        store.close()
    }
}

extension CaseStore {
    /// Runs synchronous store work (opening a store, a command's synchronous call) on a thread
    /// apart from Swift's cooperative threads and awaits it: such work waits for the server on
    /// its own thread (`CallerThread`), which must not be one that other tasks need.
    public static func apart<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await CallerThread.apart(work)
    }
}
