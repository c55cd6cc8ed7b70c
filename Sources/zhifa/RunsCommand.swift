import ArgumentParser
import CaseStore
import Foundation
import WorkCalendar

/// `zhifa runs`: the stored audit runs, and removing old ones.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List the stored audit runs, or remove old ones to reclaim space.",
        subcommands: [RunsListCommand.self, RunsPruneCommand.self]
    )
}

/// `zhifa runs list`
struct RunsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The stored audit runs, newest first.")

    @OptionGroup var store: StoreOptions

    func run() throws {
        let runs = try store.open().auditRunListing()
        guard !runs.isEmpty else {
            print("库中没有评查记录。")
            return
        }
        print("编号\t评查基准日\t评查标准\t案卷数\t自有结果\t基于\t状态\t时间\t操作人")
        for listing in runs {
            let run = listing.run
            print(
                [
                    "\(run.id ?? 0)", run.asOf.description, run.checklistName, "\(run.caseCount)", "\(listing.ownResults)",
                    run.baseRun.map { "第 \($0) 次" } ?? "-", run.complete ? "完成" : "未完成", run.createdAt, run.actor
                ].joined(separator: "\t"))
        }
    }
}

/// `zhifa runs prune --keep N [--since DAY] [--dry-run]`
struct RunsPruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Remove complete audit runs but the newest N (and those since a day), keeping every run a kept one takes results from.",
        discussion: """
            A fresh run of every case stores about 2 KB a case. Runs not yet complete are kept. Each run's results are \
            removed a chunk at a time, so the service keeps writing meanwhile. Afterwards an SQLite file keeps its size \
            until `sqlite3 FILE 'VACUUM'` (with the service stopped) gives the space back; PostgreSQL reuses it by itself \
            (autovacuum), and `VACUUM FULL auditResult` returns it to the system.
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: ArgumentHelp("Keep the newest N complete runs (at least 1).", valueName: "n"))
    var keep: Int

    @Option(name: .long, help: ArgumentHelp("Also keep every run made on or after this day.", valueName: "yyyy-mm-dd"))
    var since: String?

    @Flag(name: .customLong("dry-run"), help: "Say what would be removed; remove nothing.")
    var dryRun = false

    func validate() throws {
        guard keep >= 1, keep <= 1_000_000 else { throw ValidationError("--keep 须为 1 到 1000000 之间的整数（至少保留最新的一次评查）。") }
        if let since, CalendarDate(since) == nil { throw ValidationError("--since“\(since)”不是 YYYY-MM-DD 形式的日期。") }
    }

    func run() throws {
        let report = try store.open().pruneAuditRuns(keepLatest: keep, since: since, actor: store.actorName, dryRun: dryRun)
        let removed = report.removed.isEmpty ? "无" : report.removed.map { "第 \($0) 次" }.joined(separator: "、")
        let needed = report.keptAsNeeded.isEmpty ? "" : "；另保留 " + report.keptAsNeeded.map { "第 \($0) 次" }.joined(separator: "、") + "（所留评查沿用其结果）"
        if report.removed.isEmpty {
            print("没有可删除的评查：保留 \(report.kept.count) 次\(needed)")
        } else if dryRun {
            print("将删除评查：\(removed)\(needed)；未做任何改动（--dry-run）")
        } else {
            print("已删除评查：\(removed)，结果 \(report.results) 行\(needed)；保留 \(report.kept.count) 次")
        }
    }
}
