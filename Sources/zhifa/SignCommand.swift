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
        if let problem = ReviewDuty.signingProblem(by: reviewer, assignedReviewer: try caseStore.campaignAssignment(caseId: caseId)?.reviewer) {
            throw CommandFailure(problem)
        }
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

/// 复核: the second reviewer passes a signed review (复核通过) or sends it back with the reason
/// (退回), which voids the signature until the reviewer signs again. In a campaign only the case's
/// 复核人 checks it; outside one, any reviewer but the one who signed.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Pass (复核通过) or return (退回) a case's signed review, as its second reviewer (复核人).",
        discussion: "Example: zhifa check WH-SJJ-2024-0117 --checker 李某 --return \"证据一项扣分理由不充分\"")

    @OptionGroup var store: StoreOptions
    @OptionGroup var options: AuditOptions

    @Argument(help: "The case id.")
    var caseId: String

    @Option(help: "Who checks.")
    var checker: String

    @Flag(name: .customLong("pass"), help: "The review stands.")
    var passes = false

    @Option(name: .customLong("return"), help: ArgumentHelp("Send it back, for this reason.", valueName: "reason"))
    var reason: String?

    func validate() throws {
        guard passes != (reason != nil) else { throw ValidationError("请给出 --pass 或 --return 理由，二者选一。") }
    }

    func run() throws {
        let caseStore = try store.open()
        let checklist = try options.runner(store: caseStore).checklist
        guard try caseStore.loadCase(id: caseId) != nil else { throw ValidationError("没有编号为 \(caseId) 的案件。") }
        let review = ManualReview.of(try caseStore.manualScores(caseId: caseId), items: checklist.manualItems)
        let assigned = try caseStore.campaignAssignment(caseId: caseId)?.checker
        if let problem = ReviewDuty.checkingProblem(by: checker, review: review, assignedChecker: assigned, returning: reason) {
            throw CommandFailure(problem)
        }
        let item = passes ? ManualScore.checkPassedItem : ManualScore.checkReturnedItem
        do {
            try caseStore.recordManualScore(caseId: caseId, item: item, deduction: 0, note: reason ?? "", reviewer: checker)
        } catch let error as StoreError {
            throw CommandFailure(error.description)
        }
        print(passes ? "\(caseId) 已由\(checker)复核通过。" : "\(caseId) 已由\(checker)退回，待\(review.signedBy ?? "评查人")重新签署评查结论。")
    }
}
