import ArgumentParser
import Audit
import CaseStore
import Foundation

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Record a reviewer's judgment on a manual checklist item of a case.",
        discussion: "Example: zhifa review WH-SJJ-2024-0117 FACTS --deduct 2 --note \"违法所得认定依据不足\" --reviewer 陈某")

    @OptionGroup var store: StoreOptions
    @OptionGroup var options: AuditOptions

    @Argument(help: "The case id.")
    var caseId: String

    @Argument(help: "The manual item's id in the checklist (FACTS, EVIDENCE, LAW, DOCUMENTS in national).")
    var item: String

    @Option(help: "Points deducted (0 when the item is satisfied).")
    var deduct: Double

    @Option(help: "Why.")
    var note: String = ""

    @Option(help: "Who judged.")
    var reviewer: String

    func run() throws {
        let caseStore = try store.open()
        let checklist = try options.runner(store: caseStore).checklist
        guard let manual = checklist.manualItems.first(where: { $0.id == item }) else {
            throw ValidationError("评查表“\(checklist.name)”没有人工评查项 \(item)；可选：\(checklist.manualItems.map { "\($0.id)（\($0.title)）" }.joined(separator: "、"))。")
        }
        if let problem = manual.problem(deduction: deduct, note: note) { throw ValidationError(problem) }
        do {
            try caseStore.recordManualScore(caseId: caseId, item: item, deduction: deduct, note: note, reviewer: reviewer)
        } catch let error as StoreError {
            throw CommandFailure(error.description)
        }
        let points = deduct.readableText
        print("\(caseId) \(item)（\(manual.title)）扣\(points)分，评查人\(reviewer)")
    }
}
