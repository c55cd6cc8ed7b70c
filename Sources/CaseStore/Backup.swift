import Foundation
import GRDB

/// What a backup holds, read back from the backup itself.
public struct BackupSummary: Sendable, Equatable {
    public var cases: Int
    /// The journal's head in the backup: `zhifa verify --head` on a store restored from it passes.
    public var head: JournalHead
}

extension CaseStore {
    /// Writes a consistent copy of the whole store into a new SQLite file at `path` (which must not
    /// exist), while other processes go on writing: on SQLite through SQLite's online backup, page
    /// for page from one snapshot (the web service's sessions and sign-in key included); on
    /// PostgreSQL by copying every table from one snapshot (`copy(into:)`, which leaves the web
    /// service's state behind). The backup's journal is then verified; a backup whose chain does
    /// not hold is an error, and the caller removes the file (`removeStoreFile`).
    public func backup(toNewFile path: String) throws -> BackupSummary {
        guard !FileManager.default.fileExists(atPath: path) else { throw StoreError.fileExists(path) }
        if let sqlite = backend as? SQLiteBackend {
            return try Self.copyAndVerify(sqlite.database, toNewFile: path)
        }
        do {
            let target = try CaseStore(path: path)
            defer { target.close() }
            _ = try copy(into: target)
        }
        return try Self.copyAndVerify(nil, toNewFile: path)
    }

    /// Copies the backup file at `backup` into a new SQLite file at `path`, reading the backup
    /// without ever writing to it (a backup made by an earlier version is migrated in the copy,
    /// not in place), and verifies the copy's journal. What a restore starts from.
    public static func copy(ofBackup backup: String, toNewFile path: String) throws -> BackupSummary {
        guard !FileManager.default.fileExists(atPath: path) else { throw StoreError.fileExists(path) }
        var configuration = Configuration()
        configuration.readonly = true
        let source = try DatabaseQueue(path: backup, configuration: configuration)
        defer { try? source.close() }
        return try copyAndVerify(source, toNewFile: path)
    }

    /// A store file and the files SQLite keeps beside it, removed (an unfinished backup or restore).
    public static func removeStoreFile(at path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
    }

    /// `source` copied page for page into the new file at `path` (nil: the file is written
    /// already), migrated to this program's schema, its journal verified, and made one
    /// self-contained file: out of write-ahead logging, which leaves a log and an index beside it
    /// (a store opened on the file goes back to it by itself).
    private static func copyAndVerify(_ source: (any DatabaseReader)?, toNewFile path: String) throws -> BackupSummary {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        try source?.backup(to: queue)
        let report = try CaseStore(database: queue).verify()
        guard report.isIntact else {
            throw StoreError.corrupt("the backup's journal does not hold: \(report.firstBrokenLink?.reason ?? report.anchorProblem ?? "cases differ")")
        }
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = DELETE") }
        return BackupSummary(cases: report.casesChecked, head: report.head)
    }
}
