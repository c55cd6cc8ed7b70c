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
            CaseStore.removeStoreFile(at: temporary.path)
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
        let destination = StoreAddress(db)
        let summary: BackupSummary
        if try destination.postgres() == nil {
            guard !FileManager.default.fileExists(atPath: db) else { throw CommandFailure(StoreError.fileExists(db).description) }
            let temporary = try OutputFile.unusedPath(beside: URL(fileURLWithPath: db))
            do {
                summary = try CaseStore.copy(ofBackup: from, toNewFile: temporary.path)
                try OutputFile.moveIntoPlace(temporary, at: URL(fileURLWithPath: db))
            } catch {
                CaseStore.removeStoreFile(at: temporary.path)
                throw CommandFailure("未恢复（\(from) 未被改动）：\(error)")
            }
        } else {
            // Copied first into a file of its own, which is migrated and verified there: the
            // backup itself is only read.
            let working = FileManager.default.temporaryDirectory.appendingPathComponent("zhifa-restore-\(UUID().uuidString).sqlite").path
            defer { CaseStore.removeStoreFile(at: working) }
            let target = try destination.open()
            do {
                summary = try CaseStore.copy(ofBackup: from, toNewFile: working)
                let source = try CaseStore(path: working)
                defer { source.close() }
                _ = try source.copy(into: target)
            } catch {
                throw CommandFailure("未恢复（\(destination.displayName) 保持原样）：\(error)")
            }
        }
        print("已将 \(from) 恢复到 \(destination.displayName)：案件 \(summary.cases) 件；日志链头 \(summary.head)")
    }
}
