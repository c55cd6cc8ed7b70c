import Audit
import CaseModel
import Foundation
import Testing

@testable import Reports

/// 复核: a second reviewer passes a signed review or sends it back, which voids the signature until
/// the reviewer signs again; in a campaign only the case's own 评查人 signs and its 复核人 checks.
@Suite struct ReviewCheckTests {
    static let items = Fixture.national.manualItems

    static func entry(_ item: String, by who: String, at minute: Int, note: String = "") -> ManualScore {
        ManualScore(item: item, deduction: 0, note: note, reviewer: who, at: "2026-11-22T12:\(minute + 10):00Z")
    }

    static let signed = ProvisionalScoreTests.allFour + [entry(ManualScore.conclusionItem, by: "陈某", at: 5)]

    @Test func aPassedReviewNamesItsCheckerAndAReturnedOneIsOpenAgain() throws {
        let passed = ManualReview.of(Self.signed + [Self.entry(ManualScore.checkPassedItem, by: "李某", at: 10)], items: Self.items)
        #expect(passed.isFinal && passed.checkedBy == "李某" && passed.checkedAt == "2026-11-22T12:20:00Z" && passed.returned == nil)
        // A pass given before the signature checks nothing.
        let early = ManualReview.of(
            ProvisionalScoreTests.allFour + [Self.entry(ManualScore.checkPassedItem, by: "李某", at: 1), Self.entry(ManualScore.conclusionItem, by: "陈某", at: 5)],
            items: Self.items)
        #expect(early.isFinal && early.checkedBy == nil)

        let returned = ManualReview.of(
            Self.signed + [Self.entry(ManualScore.checkReturnedItem, by: "李某", at: 10, note: "证据扣分理由不足")], items: Self.items)
        #expect(!returned.isFinal && returned.signedBy == nil)
        #expect(returned.pendingText == "复核退回：证据扣分理由不足（李某 2026-11-22T12:20:00Z），待重新签署评查结论")
        let again =
            Self.signed + [
                Self.entry(ManualScore.checkReturnedItem, by: "李某", at: 10, note: "证据扣分理由不足"), Self.entry(ManualScore.conclusionItem, by: "陈某", at: 20)
            ]
        let resigned = ManualReview.of(again, items: Self.items)
        #expect(resigned.isFinal && resigned.returned == nil && resigned.checkedBy == nil, "the old return is answered by the new signature")
        let rechecked = ManualReview.of(again + [Self.entry(ManualScore.checkPassedItem, by: "李某", at: 30)], items: Self.items)
        #expect(rechecked.checkedBy == "李某")

        // Stored results keep all of it (`AuditJSON`, by hand, in the encoder's key order).
        for review in [passed, returned, rechecked] {
            var audit = Fixture.auditor().audit(ProvisionalScoreTests().decided, asOf: day("2026-11-22"))
            audit.review = review
            #expect(AuditJSON.encode(audit) == String(decoding: try Self.sortedEncoder.encode(audit), as: UTF8.self))
        }
        var checkedAudit = Fixture.auditor().audit(ProvisionalScoreTests().decided, asOf: day("2026-11-22"))
        checkedAudit.review = passed
        #expect(CaseEvaluationForm.total(checkedAudit).contains("复核：李某 2026-11-22"))
    }

    static var sortedEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    @Test func onlyTheAssignedReviewersSignAndCheck() {
        #expect(ReviewDuty.signingProblem(by: "陈某", assignedReviewer: nil) == nil)
        #expect(ReviewDuty.signingProblem(by: "陈某", assignedReviewer: "陈某") == nil)
        #expect(ReviewDuty.signingProblem(by: "李某", assignedReviewer: "陈某") == "本案在评查活动中由陈某评查，评查结论由其签署提交。")

        let signed = ManualReview.of(Self.signed, items: Self.items)
        let unsigned = ManualReview.of(ProvisionalScoreTests.allFour, items: Self.items)
        #expect(ReviewDuty.checkingProblem(by: "李某", review: signed, assignedChecker: nil, returning: nil) == nil)
        #expect(ReviewDuty.checkingProblem(by: "李某", review: signed, assignedChecker: "李某", returning: "理由") == nil)
        #expect(ReviewDuty.checkingProblem(by: "李某", review: unsigned, assignedChecker: nil, returning: nil) == "本案尚未签署评查结论，无可复核。")
        #expect(ReviewDuty.checkingProblem(by: "王某", review: signed, assignedChecker: "李某", returning: nil) == "本案在评查活动中由李某复核。")
        #expect(ReviewDuty.checkingProblem(by: "陈某", review: signed, assignedChecker: nil, returning: nil) == "复核人不能是签署评查结论的评查人。")
        #expect(ReviewDuty.checkingProblem(by: "李某", review: signed, assignedChecker: nil, returning: " ") == "退回须写明理由。")
    }
}

/// A reviewer's score of a manual item: within its points, and with a reason for any deduction.
@Suite struct ManualItemScoreTests {
    static let facts = ManualItem(id: "FACTS", title: "事实是否清楚", category: "事实与证据", points: 6)

    @Test func everyDeductionNeedsItsReasonAndStaysWithinThePoints() {
        #expect(Self.facts.problem(deduction: 0, note: "") == nil)
        #expect(Self.facts.problem(deduction: 6, note: "违法所得认定依据不足") == nil)
        #expect(Self.facts.problem(deduction: 0.5, note: " ") == "FACTS（事实是否清楚）扣 0.5 分须写明理由。")
        for wrong in [-0.5, 6.01, .nan, .infinity] {
            #expect(Self.facts.problem(deduction: wrong, note: "理由") == "FACTS（事实是否清楚）扣分应在 0 至 6 分之间。", "\(wrong)")
        }
    }
}
