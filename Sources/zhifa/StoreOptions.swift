import ArgumentParser
import CaseStore
import Foundation

/// Options of every command that touches the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite store (default: $ZHIFA_DB, else zhifa.sqlite here; only import creates one).", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("Who is making the change, for the journal (default: $ZHIFA_USER, else $USER).", valueName: "name"))
    var actor: String?

    var path: String {
        db ?? ProcessInfo.processInfo.environment["ZHIFA_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "zhifa.sqlite"
    }

    var actorName: String {
        let environment = ProcessInfo.processInfo.environment
        return actor ?? environment["ZHIFA_USER"] ?? environment["USER"] ?? "cli"
    }

    /// Opens the store. Only `import` may create one (`creating: true`): for any other command a
    /// path that does not exist is a typo, which must not silently become an empty store.
    func open(busyTimeout: TimeInterval = 10, creating: Bool = false) throws -> CaseStore {
        guard creating || FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure("库文件 \(path) 不存在。请检查 --db（或 $ZHIFA_DB）；新库由 zhifa import 创建。")
        }
        do {
            return try CaseStore(path: path, busyTimeout: busyTimeout)
        } catch {
            throw CommandFailure("无法打开库 \(path)：\(error)")
        }
    }
}

/// Each command's own output formats, so that `--help` lists only what the command writes.
enum ListFormat: String, ExpressibleByArgument, CaseIterable { case table, json }
enum CaseFormat: String, ExpressibleByArgument, CaseIterable { case text, json, xml }
enum ReportFormat: String, ExpressibleByArgument, CaseIterable { case text, json, html }
enum FileFormat: String, ExpressibleByArgument, CaseIterable { case csv, xlsx, json }
enum ScorecardFormat: String, ExpressibleByArgument, CaseIterable { case text, json, xlsx, html }
enum AnnualFormat: String, ExpressibleByArgument, CaseIterable { case text, html, xlsx }
enum WarningFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

/// Writes to standard error, for messages that scripts reading standard output must not see.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// A failure of the work itself (not of how the command was typed): printed as `Error: …` without usage.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
