import Foundation
import Logging
import NIOConcurrencyHelpers

/// A PostgreSQL primary with a streaming replica (`--read-db`): writes go to the primary, reads to
/// the replica, so that audits, exports and listings load the replica's server and not the one
/// that takes the writes.
///
/// A process reads its own writes, and everything committed before it opened the store: it notes
/// the primary's WAL position on opening and after each write, and a later read waits (briefly)
/// until the replica has replayed that far, or else reads from the primary. What another process
/// writes after this one opened the store shows on the replica after the replication delay.
final class ReplicatedBackend: StoreBackend, @unchecked Sendable {
    var kind: SQLBackendKind { .postgres }
    let primary: PostgresBackend
    let replica: PostgresBackend
    /// How long a read waits for the replica to catch up with this process's last write.
    let catchUpTimeout: TimeInterval
    /// The primary's WAL position after this process's last write, and whether the replica is known
    /// to have replayed it.
    private let position = NIOLockedValueBox<(written: String?, replayed: Bool)>((nil, true))

    init(primary: PostgresBackend, replica: PostgresBackend, catchUpTimeout: TimeInterval = 5) throws {
        self.primary = primary
        self.replica = replica
        self.catchUpTimeout = catchUpTimeout
        // A command run just after an import must audit what was imported.
        try CallerThread.run { try await self.noteWrite() }
    }

    func read<T>(_ body: (any SQLConnection) async throws -> T) throws -> T {
        try CallerThread.run { try await self.awaitRead(body) }
    }

    func readPrimary<T>(_ body: (any SQLConnection) async throws -> T) throws -> T {
        try primary.read(body)
    }

    func write<T>(_ body: (any SQLConnection) async throws -> T) throws -> T {
        try CallerThread.run { try await self.awaitWrite(body) }
    }

    func writeLockingLate<T>(_ body: (any SQLConnection, _ lockWriters: () async throws -> Void) async throws -> T) throws -> T {
        let result = try primary.writeLockingLate(body)
        try CallerThread.run { try await self.noteWrite() }
        return result
    }

    func writeOutsideJournal<T>(_ body: (any SQLConnection) async throws -> T) throws -> T {
        try CallerThread.run { try await self.awaitWriteOutsideJournal(body) }
    }

    func awaitRead<T>(_ body: (any SQLConnection) async throws -> T) async throws -> T {
        try await replicaHasCaughtUp() ? replica.awaitRead(body) : primary.awaitRead(body)
    }

    func awaitReadPrimary<T>(_ body: (any SQLConnection) async throws -> T) async throws -> T {
        try await primary.awaitRead(body)
    }

    func awaitWrite<T>(_ body: (any SQLConnection) async throws -> T) async throws -> T {
        let result = try await primary.awaitWrite(body)
        try await noteWrite()
        return result
    }

    func awaitWriteOutsideJournal<T>(_ body: (any SQLConnection) async throws -> T) async throws -> T {
        let result = try await primary.awaitWriteOutsideJournal(body)
        try await noteWrite()
        return result
    }

    func close() {
        primary.close()
        replica.close()
    }

    private static let logger = Logger(label: "zhifa.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    private func noteWrite() async throws {
        let lsn = try await primary.awaitConnection {
            try await PostgresSQLConnection($0, logger: Self.logger).fetchValue(String.self, "SELECT CAST(pg_current_wal_insert_lsn() AS TEXT)")
        }
        position.withLockedValue { $0 = (lsn, false) }
    }

    /// Whether the replica has replayed this process's last write, waiting up to `catchUpTimeout`.
    private func replicaHasCaughtUp() async throws -> Bool {
        let (written, replayed) = position.withLockedValue { $0 }
        guard let written, !replayed else { return true }
        let deadline = Date().addingTimeInterval(catchUpTimeout)
        repeat {
            let caughtUp =
                try await replica.awaitConnection {
                    try await PostgresSQLConnection($0, logger: Self.logger).fetchValue(
                        Bool.self, "SELECT COALESCE(pg_last_wal_replay_lsn() >= CAST(? AS pg_lsn), FALSE)", [written])
                } ?? false
            if caughtUp {
                position.withLockedValue { if $0.written == written { $0.replayed = true } }
                return true
            }
            try await Task.sleep(for: .milliseconds(5))
        } while Date() < deadline
        return false
    }
}
