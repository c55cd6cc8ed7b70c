import ArgumentParser
import CaseStore
import Foundation

/// `zhifa store`: the store as a whole.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Work on a whole store: copy it between SQLite and PostgreSQL, back it up, restore it.",
        subcommands: [StoreCopyCommand.self, StoreBackupCommand.self, StoreRestoreCommand.self]
    )
}

/// `zhifa store copy --from SRC --to DST`: every table, journal included, into an empty store.
struct StoreCopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a whole store, journal included, into an empty one (SQLite file or PostgreSQL, either way).",
        discussion:
            "The copy is one transaction: it lands whole or not at all. Afterwards `zhifa verify --db DST` passes and prints the same journal head as the source."
    )

    @Option(name: .long, help: ArgumentHelp("The store to copy: an SQLite file or postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE.", valueName: "path-or-url"))
    var from: String

    @Option(name: .long, help: ArgumentHelp("The empty store to copy into (a new SQLite file is created).", valueName: "path-or-url"))
    var to: String

    func validate() throws {
        guard from != to else { throw ValidationError("--from 与 --to 是同一个库。") }
    }

    func run() throws {
        let source = StoreAddress(from)
        let destination = StoreAddress(to)
        let sourceStore = try source.open()
        let destinationStore = try destination.open(creating: true)
        let counts: StoreCopyCounts
        do {
            counts = try sourceStore.copy(into: destinationStore)
        } catch {
            throw CommandFailure("未复制（\(destination.displayName) 保持原样）：\(error)")
        }
        print(
            "已将 \(source.displayName) 复制到 \(destination.displayName)：案件 \(counts.cases) 件，日志 \(counts.journalEntries) 条，共 \(counts.rows) 行；日志链头 \(counts.head)")
    }
}
