import ArgumentParser
import CaseModel
import CaseStore
import Foundation
import Reports

/// Options of every command that touches the store.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The store: an SQLite file, or postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE (default: $ZHIFA_DB, else zhifa.sqlite here; only import creates a file). A PostgreSQL password may also come from $PGPASSWORD or ~/.pgpass.",
            valueName: "path-or-url"))
    var db: String?

    @Option(
        name: .customLong("read-db"),
        help: ArgumentHelp(
            "A streaming replica of the --db PostgreSQL server: audits, exports, listings and pages read there, writes go to --db (default: $ZHIFA_READ_DB).",
            valueName: "url"))
    var readDB: String?

    @Option(name: .long, help: ArgumentHelp("Who is making the change, for the journal (default: $ZHIFA_USER, else $USER).", valueName: "name"))
    var actor: String?

    /// What `--db` (or `$ZHIFA_DB`) says, as given: a path or a URL. Never printed (a URL may hold a password).
    var location: String {
        db ?? ProcessInfo.processInfo.environment["ZHIFA_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "zhifa.sqlite"
    }

    /// What `--read-db` (or `$ZHIFA_READ_DB`) says, if anything.
    var readLocation: String? {
        readDB ?? ProcessInfo.processInfo.environment["ZHIFA_READ_DB"].flatMap { $0.isEmpty ? nil : $0 }
    }

    func postgres() throws -> PostgresLocation? { try StoreAddress(location).postgres() }

    /// The store as messages name it: the file's path, or the server without its password.
    var displayName: String { StoreAddress(location).displayName }

    var actorName: String {
        let environment = ProcessInfo.processInfo.environment
        return actor ?? environment["ZHIFA_USER"] ?? environment["USER"] ?? "cli"
    }

    /// Opens the store. Only `import` may create a file (`creating: true`): for any other command a
    /// path that does not exist is a typo, which must not silently become an empty store.
    func open(busyTimeout: TimeInterval = 10, creating: Bool = false) throws -> CaseStore {
        guard let readLocation else { return try StoreAddress(location).open(busyTimeout: busyTimeout, creating: creating) }
        guard let primary = try postgres(), let replica = try StoreAddress(readLocation).postgres() else {
            throw CommandFailure("--read-db 只用于 PostgreSQL：--db 与 --read-db 都应是 postgres:// 地址（后者为前者的只读副本）。")
        }
        do {
            return try CaseStore(postgres: primary, readReplica: replica, busyTimeout: busyTimeout)
        } catch {
            throw CommandFailure("无法打开库 \(primary)（只读副本 \(replica)）：\(error)")
        }
    }
}

/// What `--db`, `$ZHIFA_DB`, `--from` or `--to` says: a `postgres://` URL or an SQLite file's path.
struct StoreAddress {
    var text: String

    init(_ text: String) { self.text = text }

    /// The PostgreSQL server named, or nil for a path.
    func postgres() throws -> PostgresLocation? {
        do {
            return try PostgresLocation.parse(text)
        } catch {
            throw CommandFailure("\(error)")
        }
    }

    /// The file's path, or the server without its password: what messages print.
    var displayName: String {
        ((try? postgres()) ?? nil)?.description ?? text
    }

    /// Opens the store. A PostgreSQL database must exist (an administrator creates it); its
    /// tables are made on first use. A file is created only when `creating`.
    func open(busyTimeout: TimeInterval = 10, creating: Bool = false) throws -> CaseStore {
        if let server = try postgres() {
            do {
                return try CaseStore(postgres: server, busyTimeout: busyTimeout)
            } catch {
                throw CommandFailure("无法打开库 \(server)：\(error)")
            }
        }
        guard creating || FileManager.default.fileExists(atPath: text) else {
            throw CommandFailure("库文件 \(text) 不存在。请检查 --db（或 $ZHIFA_DB）；新库由 zhifa import 创建。")
        }
        do {
            return try CaseStore(path: text, busyTimeout: busyTimeout)
        } catch {
            throw CommandFailure("无法打开库 \(text)：\(error)")
        }
    }
}

/// Each command's own output formats, so that `--help` lists only what the command writes.
enum ListFormat: String, ExpressibleByArgument, CaseIterable { case table, json }
enum CaseFormat: String, ExpressibleByArgument, CaseIterable { case text, json, xml }
enum ReportFormat: String, ExpressibleByArgument, CaseIterable { case text, json, html, summary }
enum FileFormat: String, ExpressibleByArgument, CaseIterable { case csv, xlsx, json }
enum ScorecardFormat: String, ExpressibleByArgument, CaseIterable { case text, json, xlsx, html }
enum AnnualFormat: String, ExpressibleByArgument, CaseIterable { case text, html, xlsx }
enum WarningFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

/// Writes to standard error, for messages that scripts reading standard output must not see.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Refuses an `--out` that names a folder, a device, a link or a pipe before any work is done: an
/// output only ever replaces a regular file (`OutputFile`), and the operator learns it at once.
func checkOutput(_ out: String?) throws {
    guard let out else { return }
    do {
        try OutputFile.checkDestination(out)
    } catch let error as OutputError {
        throw CommandFailure("--out " + error.description)
    }
}

/// A failure of the work itself (not of how the command was typed): printed as `Error: …` without usage.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// `--from` and `--to`: the days of decisions a list takes, both included.
struct PeriodOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only cases decided (or, undecided, begun) on or after this day.", valueName: "YYYY-MM-DD"))
    var from: String?

    @Option(help: ArgumentHelp("… and on or before this day.", valueName: "YYYY-MM-DD"))
    var to: String?

    var fromDate: CalendarDate? { from.flatMap { CalendarDate($0) } }
    var toDate: CalendarDate? { to.flatMap { CalendarDate($0) } }

    func validate() throws {
        for (name, value) in [("--from", from), ("--to", to)] {
            if let value, CalendarDate(value) == nil { throw ValidationError("\(name) \(value) 不是有效日期，应写作 YYYY-MM-DD，如 2024-10-22。") }
        }
        if let from = fromDate, let to = toDate, to < from { throw ValidationError("--to \(to) 早于 --from \(from)。") }
    }
}
