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
    /// service's state behind). The backup is then opened and its journal verified; a backup
    /// whose chain does not hold is an error, and the caller removes the file.
    public func backup(toNewFile path: String) throws -> BackupSummary {
        guard !FileManager.default.fileExists(atPath: path) else { throw StoreError.copyTargetNotEmpty(path) }
        if let sqlite = backend as? SQLiteBackend {
            let target = try DatabaseQueue(path: path)
            try sqlite.database.backup(to: target)
            try target.close()
        } else {
            let target = try CaseStore(path: path)
            defer { target.close() }
            _ = try copy(into: target)
        }
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        let report = try CaseStore(database: queue).verify()
        guard report.isIntact else {
            throw StoreError.corrupt("the backup's journal does not hold: \(report.firstBrokenLink?.reason ?? report.anchorProblem ?? "cases differ")")
        }
        // One self-contained file: out of write-ahead logging, which left a log and an index beside
        // it (a store opened on the restored file goes back to it by itself).
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = DELETE") }
        return BackupSummary(cases: report.casesChecked, head: report.head)
    }
}
