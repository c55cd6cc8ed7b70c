import GRDB

/// A mark of the store's committed state: two stamps taken at different times are equal only if
/// no write was committed between them, by this process or any other. A node keeps what it read
/// (a session, a case page's data) beside the stamp taken before reading it, and uses it again
/// while the stamp has not moved (`StampedCache` in the web service).
public struct StoreStamp: Hashable, Sendable {
    let commits: Int64
    let ownChanges: Int64
}

extension CaseStore {
    /// The store's stamp now, or nil where it cannot be had for a few microseconds (PostgreSQL,
    /// whose equivalent is a round trip to the server): then nothing is kept and every read goes
    /// to the store. Nil as well when the stamp cannot be read, so that a failure costs only speed.
    public func changeStamp() -> StoreStamp? {
        backend.changeStamp()
    }
}

/// The SQLite side of `StoreStamp`: `PRAGMA data_version`, which changes on a connection whenever
/// another connection (of any process) has committed to the file since it last asked.
///
/// A `DatabasePool`'s writer and readers each have their own count, so the stamp is read on a
/// connection of its own that never writes: every commit is another connection's. A
/// `DatabaseQueue` has one connection, which also writes: its own commits are counted by
/// `sqlite3_total_changes`, which only grows.
struct SQLiteStampReader: Sendable {
    private let connection: DatabaseQueue
    private let isOwnWriter: Bool

    init(database: any DatabaseWriter) throws {
        if let pool = database as? DatabasePool {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.label = "zhifa-stamp"
            // A read of the stamp never waits for a writer in WAL mode; only the log's recovery
            // after a crash could make it, briefly.
            configuration.busyMode = .timeout(1)
            connection = try DatabaseQueue(path: pool.path, configuration: configuration)
            isOwnWriter = false
        } else if let queue = database as? DatabaseQueue {
            connection = queue
            isOwnWriter = true
        } else {
            throw DatabaseError(message: "no stamp for this kind of database")
        }
    }

    func stamp() -> StoreStamp? {
        try? connection.inDatabase { db in
            let commits = try Int64.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0
            return StoreStamp(commits: commits, ownChanges: isOwnWriter ? Int64(db.totalChangesCount) : 0)
        }
    }
}
