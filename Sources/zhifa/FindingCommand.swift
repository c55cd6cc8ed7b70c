import ArgumentParser
import Audit
import CaseModel
import CaseStore
import Foundation

/// 确认 / 更正: a reviewer's verdict on a finding of the machine. A correction, with its reason,
/// takes the finding out of the score and keeps it on the case marked 已更正; a later 确认 of the
/// same rule takes the correction back. Both are journaled with the reviewer's name.
struct FindingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finding",
        abstract: "Confirm (确认) or correct (更正) a finding of the machine on one case.",
        discussion: """
            Example: zhifa finding WH-SJJ-2024-0117 OFFICER-CERT --correct "执法证已于2024年3月纸质换发，见卷内复印件" --reviewer 陈某
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var options: AuditOptions

    @Argument(help: "The case id.")
    var caseId: String

    @Argument(help: "The rule of the finding (zhifa rules).")
    var rule: String

    @Flag(help: "The finding stands.")
    var confirm = false

    @Option(help: ArgumentHelp("The finding is wrong, for this reason.", valueName: "reason"))
    var correct: String?

    @Option(help: "Who gives the verdict.")
    var reviewer: String

    func validate() throws {
        guard confirm != (correct != nil) else { throw ValidationError("请给出 --confirm 或 --correct 理由，二者选一。") }
    }

    func run() throws {
        let caseStore = try store.open()
        let runner = try options.runner(store: caseStore)
        guard let c = try caseStore.loadCase(id: caseId) else { throw ValidationError("没有编号为 \(caseId) 的案件。") }
        let verdict: FindingVerdict = confirm ? .confirmed : .corrected
        let reason = (correct ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let asOf = try options.date()
        let audit = try runner.auditor().audit(c, asOf: asOf, manualScores: try caseStore.manualScores(caseId: caseId), keepPassing: false)
        if let problem = FindingVerdict.problem(verdict, rule: rule, reason: reason, in: audit) { throw CommandFailure(problem) }
        do {
            try caseStore.recordManualScore(caseId: caseId, item: verdict.item(rule: rule), deduction: 0, note: reason, reviewer: reviewer)
        } catch let error as StoreError {
            throw CommandFailure(error.description)
        }
        let after = try runner.auditor().audit(c, asOf: asOf, manualScores: try caseStore.manualScores(caseId: caseId), keepPassing: false)
        print("\(caseId) \(rule)：已由\(reviewer)\(verdict.rawValue)。截至 \(asOf)：\(after.resultText)")
    }
}
