import ArgumentParser
import Audit
import AuditRuns
import CaseStore
import Checklists
import Foundation
import Reports
import WorkCalendar

/// Options shared by every command that audits: which checklist, as of when.
struct AuditOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A checklist name in Checklists/ or an XML file.", valueName: "name|file"))
    var checklist: String = "national"

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The day to audit as of (default: today, Beijing time).", valueName: "YYYY-MM-DD"))
    var asOf: String?

    func validate() throws {
        if let asOf, CalendarDate(asOf) == nil { throw ValidationError("--as-of \(asOf) 不是有效日期，应写作 YYYY-MM-DD，如 2024-10-22。") }
    }

    func date() throws -> CalendarDate {
        guard let asOf else { return Today.process() }
        guard let date = CalendarDate(asOf) else { throw ValidationError("--as-of \(asOf) 不是有效日期，应写作 YYYY-MM-DD，如 2024-10-22。") }
        return date
    }

    func runner(store: CaseStore) throws -> AuditRunner {
        do {
            let loader = try ChecklistLoader.bundled()
            return AuditRunner(store: store, checklist: try loader.load(checklist), calendar: try WorkingDayCalendar.bundled())
        } catch {
            throw CommandFailure("\(error)")
        }
    }
}

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit stored cases against a checklist and print their findings and scores (案卷评查).",
        discussion: """
            The run is stored; rerunning with the same checklist, date, cases and store reuses it. Otherwise a \
            case's result from the last run is reused when the case, its manual scores, the registry, the \
            benchmarks, the checklist and the calendar are unchanged and no date of the case lies between the \
            two as-of days; --fresh audits every case again.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var options: AuditOptions

    @Option(name: .customLong("case"), help: ArgumentHelp("Only this case (repeatable).", valueName: "id"))
    var caseIds: [String] = []

    @Option(help: ArgumentHelp("Only this agency's cases.", valueName: "code"))
    var agency: String?

    @Flag(help: "List passing and not-applicable findings too.")
    var all = false

    @Flag(help: "Audit every case again instead of reusing results that still hold.")
    var fresh = false

    @Option(help: ArgumentHelp("Share the run among N processes on this machine; other machines may --join it.", valueName: "N"))
    var workers: Int?

    @Option(help: ArgumentHelp("Work on shared run RUN (begun with --workers elsewhere) until it is done, then exit.", valueName: "run"))
    var join: Int64?

    @Option(help: ArgumentHelp("Seconds after which a shared run's chunk held by a silent worker is claimed again.", valueName: "seconds"))
    var lease: Int = 120

    @Option(help: "html is a printable, self-contained page (give --out); summary prints the totals alone.")
    var format: ReportFormat = .text

    @Option(help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var out: String?

    @OptionGroup var progress: ProgressOptions

    func validate() throws {
        if format == .html, out == nil { throw ValidationError("html 报告须以 --out 文件 指定输出文件。") }
        if let workers, !(1...64).contains(workers) { throw ValidationError("--workers 应在 1 到 64 之间。") }
        if !(5...86_400).contains(lease) { throw ValidationError("--lease 应在 5 到 86400 秒之间。") }
        if join != nil, workers != nil || !caseIds.isEmpty || agency != nil || all || fresh || out != nil || options.asOf != nil {
            throw ValidationError("--join 只参与已发起的评查（其范围、日期由发起者定），不能再加 --workers、--case、--agency、--all、--fresh、--as-of 或 --out。")
        }
    }

    func run() throws {
        try checkOutput(out)
        let caseStore = try store.open()
        let runner = try options.runner(store: caseStore)
        if let join {
            let chunks = try SharedAuditCommand.join(join, runner: runner, actor: store.actorName, lease: lease)
            printError("已参与第 \(join) 次评查，本进程完成 \(chunks) 段。")
            return
        }
        let asOf = try options.date()
        if !caseIds.isEmpty {
            let existing = Set(try caseStore.caseIds(ids: caseIds))
            if let missing = caseIds.first(where: { !existing.contains($0) }) {
                throw CommandFailure("库 \(store.displayName) 中没有案件 \(missing)。")
            }
        }
        let selection = AuditSelection(caseIds: caseIds, agency: agency, keepAllFindings: all)
        let summary =
            try workers.map {
                try SharedAuditCommand.run(
                    asOf: asOf, selection: selection, runner: runner, store: store, checklist: options.checklist,
                    workers: $0, lease: lease, fresh: fresh)
            }
            ?? {
                let bar = progress.bar("评查")
                defer { bar.finish() }
                return try runner.run(asOf: asOf, selection: selection, actor: store.actorName, reuse: !fresh, incremental: !fresh) {
                    bar.update(done: $0, total: $1)
                }
            }()
        let sink = try ReportSink(path: out)
        switch format {
        case .json: try JSONAuditReport.write(run: summary.run, store: caseStore, includeAll: all, to: sink)
        case .html:
            try HTMLAuditReport.write(
                run: summary.run, store: caseStore, includeAll: all,
                grades: runner.checklist.gradeNames, to: sink)
        case .text:
            try TextAuditReport.write(run: summary.run, store: caseStore, includeAll: all, grades: runner.checklist.gradeNames, to: sink)
        case .summary:
            try TextAuditReport.writeSummary(run: summary.run, store: caseStore, grades: runner.checklist.gradeNames, to: sink)
        }
        try sink.close()
        let note =
            summary.reused
            ? "（输入未变，沿用已存的评查结果）"
            : summary.casesReused > 0 ? "（\(summary.casesReused) 件案件未变，沿用上次的评查结果）" : ""
        if let out {
            printError("已写入 \(out)\(note)")
        } else if !note.isEmpty {
            printError("第 \(summary.run.id ?? 0) 次评查\(note)")
        }
    }
}
