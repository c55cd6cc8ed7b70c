import CaseModel

/// 重大执法决定法制审核: a major decision needs an approving legal review.
struct ReviewMissing: AuditRule {
    let id = RuleID.reviewMissing
    let title = "重大执法决定未经法制审核"
    let basis = "《行政处罚法》第五十八条；国办发〔2018〕118号：未经法制审核或者审核未通过的，不得作出决定"
    let checks = "A major decision with no approving legal review."
    let scope = RuleScope.everyType

    func check(_ context: AuditContext) throws -> Verdict {
        guard context.isMajor else { return .notApplicable("不属于重大执法决定") }
        guard let decision = context.decision else { return .notApplicable("尚未作出决定") }
        guard context.events(.legalReview).contains(where: { $0.result == .approved }) else {
            return .fail(
                Violation(
                    "重大执法决定（\(context.majorReasons.joined(separator: "；"))）没有审核通过的法制审核",
                    event: context.reference(decision)))
        }
        return .pass("重大执法决定已经法制审核")
    }
}
