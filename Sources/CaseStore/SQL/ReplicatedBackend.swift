import Foundation
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
        try noteWrite()
    }

    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try replicaHasCaughtUp() ? replica.read(body) : primary.read(body)
    }

    func readPrimary<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try primary.read(body)
    }

    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        let result = try primary.write(body)
        try noteWrite()
        return result
    }

    func writeLockingLate<T>(_ body: (any SQLConnection, _ lockWriters: () throws -> Void) throws -> T) throws -> T {
        let result = try primary.writeLockingLate(body)
        try noteWrite()
        return result
    }

    func writeOutsideJournal<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        let result = try primary.writeOutsideJournal(body)
        try noteWrite()
        return result
    }

    func close() {
        primary.close()
        replica.close()
    }

    private func noteWrite() throws {
        let lsn = try primary.withConnection { try $0.fetchValue(String.self, "SELECT CAST(pg_current_wal_insert_lsn() AS TEXT)") }
        position.withLockedValue { $0 = (lsn, false) }
    }

    /// Whether the replica has replayed this process's last write, waiting up to `catchUpTimeout`.
    private func replicaHasCaughtUp() throws -> Bool {
        let (written, replayed) = position.withLockedValue { $0 }
        guard let written, !replayed else { return true }
        let deadline = Date().addingTimeInterval(catchUpTimeout)
        repeat {
            let caughtUp =
                try replica.withConnection {
                    try $0.fetchValue(Bool.self, "SELECT COALESCE(pg_last_wal_replay_lsn() >= CAST(? AS pg_lsn), FALSE)", [written])
                } ?? false
            if caughtUp {
                position.withLockedValue { if $0.written == written { $0.replayed = true } }
                return true
            }
            Thread.sleep(forTimeInterval: 0.005)
        } while Date() < deadline
        return false
    }
}
