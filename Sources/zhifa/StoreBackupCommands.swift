import ArgumentParser
import CaseStore
import Foundation
import Reports

/// `zhifa store backup --to FILE`: a consistent copy of the whole store while others write.
struct StoreBackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Back the store up into one SQLite file, consistent while the service writes.",
        discussion: """
            An SQLite store is copied page by page from one snapshot (SQLite's online backup); a PostgreSQL store, \
            every table from one snapshot, without the web service's sessions. The backup's journal is verified \
            before it is renamed into place, and its head is printed: keep it with the backup, for \
            `zhifa verify --head` after a restore.
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: ArgumentHelp("The backup file to write (an earlier backup there is replaced once this one is complete).", valueName: "file"))
    var to: String

    func run() throws {
        let destination = URL(fileURLWithPath: to)
        let temporary = try OutputFile.unusedPath(beside: destination)
        let summary: BackupSummary
        do {
            summary = try store.open().backup(toNewFile: temporary.path)
            try OutputFile.moveIntoPlace(temporary, at: destination)
        } catch {
            for suffix in ["", "-wal", "-shm", "-journal"] { unlink(temporary.path + suffix) }
            throw CommandFailure("未备份（\(to) 保持原样）：\(error)")
        }
        print("已备份到 \(to)：案件 \(summary.cases) 件；日志链头 \(summary.head)（恢复后以 zhifa verify --head \(summary.head) 核对）")
    }
}

/// `zhifa store restore --from FILE --db DST`: a backup into a new store.
struct StoreRestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup into a new store (an SQLite file that does not exist, or an empty PostgreSQL database).",
        discussion: "The backup's journal is verified first; a backup whose chain does not hold is refused and nothing is written."
    )

    @Option(name: .long, help: ArgumentHelp("The backup file (from zhifa store backup).", valueName: "file"))
    var from: String

    @Option(
        name: .long, help: ArgumentHelp("The new store: an SQLite file that does not exist yet, or an empty PostgreSQL database.", valueName: "path-or-url"))
    var db: String

    func run() throws {
        guard FileManager.default.fileExists(atPath: from) else { throw CommandFailure("备份文件 \(from) 不存在。") }
        let backup = try StoreAddress(from).open()
        let report = try backup.verify()
        guard report.isIntact else { throw CommandFailure("备份 \(from) 的日志链不完整，未恢复：\(report.firstBrokenLink?.reason ?? "案件与日志不符")") }
        let destination = StoreAddress(db)
        if try destination.postgres() == nil {
            guard !FileManager.default.fileExists(atPath: db) else { throw CommandFailure("\(db) 已存在：只恢复到新库，原有文件未被改动。") }
            let temporary = try OutputFile.unusedPath(beside: URL(fileURLWithPath: db))
            do {
                _ = try backup.backup(toNewFile: temporary.path)
                try OutputFile.moveIntoPlace(temporary, at: URL(fileURLWithPath: db))
            } catch {
                for suffix in ["", "-wal", "-shm", "-journal"] { unlink(temporary.path + suffix) }
                throw CommandFailure("未恢复：\(error)")
            }
        } else {
            let target = try destination.open()
            do {
                _ = try backup.copy(into: target)
            } catch {
                throw CommandFailure("未恢复（\(destination.displayName) 保持原样）：\(error)")
            }
        }
        print("已将 \(from) 恢复到 \(destination.displayName)：案件 \(report.casesChecked) 件；日志链头 \(report.head)")
    }
}
