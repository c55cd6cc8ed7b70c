import Audit
import CaseModel
import Testing

/// REVIEW-MISSING, REVIEW-LATE, REVIEW-REVIEWER.
@Suite struct ReviewRuleTests {
    func decision(_ fine: String, party: PartyKind = .organisation, reviews: [Event] = [], extra: [Event] = []) -> EnforcementCase {
        penalty(reviews + extra + [.e(.decision, "2024-05-20", "A B")], party: party, fine: fine)
    }

    static func review(_ date: String = "2024-05-15", by reviewer: String = "R-QUALIFIED", _ result: ReviewResult = .approved) -> Event {
        .e(.legalReview, date) {
            $0.reviewer = reviewer
            $0.result = result
        }
    }

    @Test func missingOnceTheFineReachesTheLargeAmountThreshold() {
        #expect(status("REVIEW-MISSING", decision("99999.99")) == .notApplicable)
        #expect(status("REVIEW-MISSING", decision("100000")) == .fail)
        #expect(status("REVIEW-MISSING", decision("9999.99", party: .individual)) == .notApplicable)
        #expect(status("REVIEW-MISSING", decision("10000", party: .individual)) == .fail)
        #expect(status("REVIEW-MISSING", decision("100000", reviews: [Self.review()])) == .pass)
        #expect(status("REVIEW-MISSING", decision("100000", reviews: [Self.review("2024-05-15", by: "R-QUALIFIED", .rejected)])) == .fail)
        #expect(findings("REVIEW-MISSING", decision("100000")).first?.veto == true)
    }

    @Test func missingCountsFinesAndConfiscationsTogetherAndWeightyPenalties() {
        let together = penalty(
            [.e(.decision, "2024-05-20", "A B")], fine: "60000",
            penalties: [Penalty(kind: .confiscateIncome, amount: yuan("40000"))])
        #expect(status("REVIEW-MISSING", together) == .fail)
        let revoked = penalty([.e(.decision, "2024-05-20", "A B")], penalties: [Penalty(kind: .revokeLicense)])
        #expect(status("REVIEW-MISSING", revoked) == .fail)
        #expect(status("REVIEW-MISSING", penalty([.e(.decision, "2024-05-20", "A B")], fine: "100", major: true)) == .fail)
    }

    @Test func lateWhenTheApprovingReviewFollowsTheDecision() {
        #expect(status("REVIEW-LATE", decision("100", reviews: [Self.review("2024-05-20")])) == .pass)
        #expect(status("REVIEW-LATE", decision("100", extra: [Self.review("2024-05-21")])) == .fail)
        #expect(status("REVIEW-LATE", decision("100")) == .notApplicable)
    }

    @Test func reviewerQualificationIsRequiredFrom15July2021() {
        #expect(status("REVIEW-REVIEWER", decision("100", reviews: [Self.review(by: "R-QUALIFIED")])) == .pass)
        #expect(status("REVIEW-REVIEWER", decision("100", reviews: [Self.review(by: "R-BEFORE")])) == .pass)
        #expect(status("REVIEW-REVIEWER", decision("100", reviews: [Self.review(by: "R-FROM")])) == .fail)
        #expect(status("REVIEW-REVIEWER", decision("100", reviews: [Self.review(by: "NOBODY")])) == .fail)
        #expect(status("REVIEW-REVIEWER", decision("100", reviews: [Self.review(by: "A")])) == .fail, "an officer without the reviewer role")
    }

    @Test func reviewerMustNotHaveActedAsAnOfficerInTheCase() {
        #expect(status("REVIEW-REVIEWER", decision("100", reviews: [Self.review(by: "R-OFFICER")])) == .pass)
        let selfReviewed = decision("100", reviews: [Self.review(by: "R-OFFICER")], extra: [.e(.inspection, "2024-05-01", "A R-OFFICER")])
        #expect(findings("REVIEW-REVIEWER", selfReviewed).map(\.officer) == ["R-OFFICER"])
        // The finding quotes the condition that failed, not the qualification clause.
        let separation = findings("REVIEW-REVIEWER", selfReviewed).first?.basis
        #expect(separation?.contains("承办本案的执法人员不得同时担任本案的法制审核人员") == true)
        #expect(separation?.contains("法律职业资格") == false)
        let unqualified = findings("REVIEW-REVIEWER", decision("100", reviews: [Self.review(by: "R-FROM")])).first?.basis
        #expect(unqualified?.hasPrefix("《行政处罚法》第五十八条第二款") == true)
        let unregistered = findings("REVIEW-REVIEWER", decision("100", reviews: [Self.review(by: "NOBODY")])).first?.basis
        #expect(unregistered?.contains("有专人负责") == true)
    }
}
