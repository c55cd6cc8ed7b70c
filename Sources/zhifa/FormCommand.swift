import ArgumentParser
import Audit
import CaseModel
import Foundation
import Reports

/// `zhifa form CASE`: the printable 案卷评查表 of one case.
struct FormCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "form",
        abstract: "Write the printable case-file evaluation form (案卷评查表) of one case as HTML.",
        discussion:
            "The checklist's items with points, deductions and reasons, the manual items, total and grade, 评查意见 and lines to sign; A4 with page numbers. Example: zhifa form WH-SJJ-2024-0117 --out 评查表.html"
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var options: AuditOptions

    @Argument(help: ArgumentHelp("The case id.", valueName: "case"))
    var caseId: String

    @Option(help: ArgumentHelp("Write the form to this file instead of standard output.", valueName: "file"))
    var out: String?

    func run() throws {
        try checkOutput(out)
        let caseStore = try store.open()
        let runner = try options.runner(store: caseStore)
        guard let found = try caseStore.loadCase(id: caseId) else {
            throw CommandFailure("库 \(store.displayName) 中没有案件 \(caseId)。")
        }
        let asOf = try options.date()
        let registry = try caseStore.registry()
        let auditor = try runner.auditor(registry: registry)
        let audit = auditor.audit(found, asOf: asOf, manualScores: try caseStore.manualScores(caseId: caseId), keepPassing: true)
        let html = CaseEvaluationForm.html(
            case: found, audit: audit, checklist: runner.checklist,
            names: RegistryNames(registry), asOf: asOf, assigned: try caseStore.campaignAssignment(caseId: caseId).map { ($0.reviewer, $0.checker) })
        let sink = try ReportSink(path: out)
        sink.write(html)
        try sink.close()
        if let out { printError("已写入 \(caseId) 的案卷评查表：\(out)") }
    }
}
