import ArgumentParser
import Audit
import AuditRuns
import CaseModel
import CaseStore
import Foundation
import Reports
import WorkCalendar

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export lists for the supervision bureau, and ledgers.",
        subcommands: [Violations.self, LedgerExportCommand.self, PublicityExportCommand.self])

    struct Violations: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write every failed finding, one row each (执法主体, 案件编号, 决定文号, …), as CSV, XLSX or JSON.",
            discussion: "Audits with the given as-of date and checklist, or reuses a stored run of exactly those inputs.")

        @OptionGroup var store: StoreOptions
        @OptionGroup var options: AuditOptions
        @OptionGroup var period: PeriodOptions

        @Option(help: ArgumentHelp("Only this agency.", valueName: "code"))
        var agency: String?

        @Option(help: ArgumentHelp("Only this rule.", valueName: "id"))
        var rule: String?

        @Option(help: "csv is UTF-8 with a byte-order mark, for Excel and WPS.")
        var format: FileFormat = .csv

        @Option(help: ArgumentHelp("The file to write.", valueName: "file"))
        var out: String

        @OptionGroup var progress: ProgressOptions

        func validate() throws {
            if let rule, RuleCatalogue.rule(rule) == nil { throw ValidationError("\(rule) 不是规则目录中的规则；zhifa rules 列出全部规则。") }
        }

        func run() throws {
            try checkOutput(out)
            let caseStore = try store.open()
            let runner = try options.runner(store: caseStore)
            let bar = progress.bar("评查")
            defer { bar.finish() }
            let summary = try runner.run(asOf: try options.date(), actor: store.actorName) { bar.update(done: $0, total: $1) }
            bar.finish()
            let filter = ViolationFilter(agency: agency, rule: rule, from: period.fromDate, to: period.toDate)
            let writing = progress.bar("导出")
            let count = try ViolationExport.write(
                run: summary.run, store: caseStore, filter: filter,
                format: ExportFormat(rawValue: format.rawValue)!, to: URL(fileURLWithPath: out)
            ) {
                writing.update(done: $0, total: nil, unit: "条")
            }
            writing.finish()
            print("已写入 \(count) 条违规记录到 \(out)（截至 \(summary.run.asOf)\(summary.reused ? "，输入未变，沿用已存的评查结果" : "")）")
        }
    }
}

struct ScorecardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scorecard",
        abstract: "Per agency: cases, average score, grades, failures by rule family, disclosure, recording and review rates, appraisal deductions.")

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("A checklist name in Checklists/ or an XML file.", valueName: "name|file"))
    var checklist: String = "national"

    @Option(
        help:
            "The year (default: the complete year with the most decisions stored, as annual reports look back); audited as of its last day, or today if earlier."
    )
    var year: Int?

    @Option(help: "xlsx and html need --out; html is the dashboard: per agency and per month, with 12-month charts, printable.")
    var format: ScorecardFormat = .text

    @Option(help: ArgumentHelp("Write to this file.", valueName: "file"))
    var out: String?

    func validate() throws {
        if format == .xlsx || format == .html, out == nil { throw ValidationError("\(format.rawValue) 须以 --out 文件 指定输出文件。") }
        if let year, !CalendarDate.reportingYears.contains(year) {
            throw ValidationError("--year 须为 \(CalendarDate.reportingYears.lowerBound) 到 \(CalendarDate.reportingYears.upperBound) 之间的年份。")
        }
    }

    func run() throws {
        try checkOutput(out)
        let caseStore = try store.open()
        var audit = AuditOptions()
        audit.checklist = checklist
        let today = Today.process()
        let runner = try audit.runner(store: caseStore)
        let chosenYear = try year ?? caseStore.reportingYear(today: today)
        if format == .html {
            let dashboard = try DashboardBuilder(runner: runner).build(year: chosenYear, today: today, actor: store.actorName)
            try emit(DashboardReport.html(dashboard, links: false))
            printError("已写入 \(chosenYear) 年度看板：\(out!)")
            return
        }
        let scorecards = try ScorecardBuilder(runner: runner).build(year: chosenYear, today: today, actor: store.actorName)
        let cards = scorecards.cards
        switch format {
        case .xlsx:
            try ScorecardReport.workbook(scorecards, to: URL(fileURLWithPath: out!))
            print("已写入 \(cards.count) 个执法主体的评分到 \(out!)")
        case .json:
            try emit(try JSONOutput.string(cards))
        case .text:
            try emit(ScorecardReport.text(scorecards))
        case .html:
            break
        }
    }

    private func emit(_ text: String) throws {
        if let out { try OutputFile.write(Data((text + "\n").utf8), to: URL(fileURLWithPath: out)) } else { print(text) }
    }
}

struct DueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "Early warning (预警): open obligations due within N working days or already overdue.",
        discussion: "Disclosure, delivery, the 90-day decision limit, license decisions, seizure expiry and withdrawal of a revoked decision's disclosure.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var options: AuditOptions

    @Option(help: "Working days ahead to look (default 5).")
    var within: Int = 5

    @Option(help: ArgumentHelp("Only this agency.", valueName: "code"))
    var agency: String?

    @Option(help: "How to list them.")
    var format: WarningFormat = .text

    func validate() throws {
        guard within >= 0 else { throw ValidationError("--within 是向后看的工作日数，应为 0 或更多。") }
    }

    func run() throws {
        let caseStore = try store.open()
        let runner = try options.runner(store: caseStore)
        let auditor = try runner.auditor()
        let asOf = try options.date()
        let due = try DueScanner(auditor: auditor).scan(store: caseStore, asOf: asOf, within: within, agency: agency)
        if format == .json {
            print(try JSONOutput.string(due))
            return
        }
        print("预警  截至\(asOf)，\(within)个工作日内到期或已逾期：\(due.count)项")
        let registry = try caseStore.registry()
        let names = RegistryNames(registry)
        for item in due {
            let state = item.standing(asOf: asOf)
            print("\(item.deadline)\t\(state)\t\(names.agency(item.agency))\t\(item.case)\t\(item.title)\t\(item.rule)")
        }
        let people = registry.officers.filter { agency == nil || $0.agency == agency }
        let certificates = CertificateWarning.due(people, asOf: asOf, within: within, calendar: auditor.calendar)
        if !certificates.isEmpty {
            print("执法证  \(within)个工作日内到期：\(certificates.count)人（zhifa officers 列出全部执法人员情况）")
            for c in certificates {
                print("\(c.through)\t\(OfficerReport.left(c.daysLeft))\t\(names.agency(c.agency))\t\(c.name)（\(c.officer)）\t执法证 \(c.number)")
            }
        }
    }
}
