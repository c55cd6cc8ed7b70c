import ArgumentParser
import Audit
import CaseModel
import CaseStore
import Foundation

/// 签署评查结论: a reviewer's signature under a case's review, once every manual item is scored.
/// From then on the case's score is final; before, every page and report calls it 初评.
struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign the review conclusion (评查结论) of a case whose manual items are all scored.",
        discussion: "Example: zhifa sign WH-SJJ-2024-0117 --reviewer 陈某 --note \"案卷基本规范，证据不足一处已扣分\"")

    @OptionGroup var store: StoreOptions
    @OptionGroup var options: AuditOptions

    @Argument(help: "The case id.")
    var caseId: String

    @Option(help: "The conclusion, in words.")
    var note: String = ""

    @Option(help: "Who signs.")
    var reviewer: String

    func run() throws {
        let caseStore = try store.open()
        let checklist = try options.runner(store: caseStore).checklist
        guard try caseStore.loadCase(id: caseId) != nil else { throw ValidationError("没有编号为 \(caseId) 的案件。") }
        let review = ManualReview.of(try caseStore.manualScores(caseId: caseId), items: checklist.manualItems)
        guard review.openItems == 0 else {
            throw ValidationError(
                "\(caseId) 尚有 \(review.openItems) 项人工评查项（共\(review.openPoints.readableText)分）未评分（zhifa review），评完后才能签署评查结论。")
        }
        do {
            try caseStore.recordManualScore(caseId: caseId, item: ManualScore.conclusionItem, deduction: 0, note: note, reviewer: reviewer)
        } catch let error as StoreError {
            throw CommandFailure(error.description)
        }
        print("\(caseId) 评查结论已由\(reviewer)签署")
    }
}
