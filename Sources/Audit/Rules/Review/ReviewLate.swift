import CaseModel

/// The approving review comes before the decision, not after it.
struct ReviewLate: AuditRule {
    let id = RuleID.reviewLate
    let title = "法制审核晚于决定"
    let basis = "国办发〔2018〕118号：法制审核应当在作出执法决定之前进行"
    let checks = "The approving legal review dated after the decision."
    let scope = RuleScope.everyType

    func check(_ context: AuditContext) throws -> Verdict {
        guard let decision = context.decision else { return .notApplicable("尚未作出决定") }
        let approvals = context.events(.legalReview).filter { $0.result == .approved }
        guard !approvals.isEmpty else { return .notApplicable("没有审核通过的法制审核") }
        if approvals.contains(where: { $0.date <= decision.date }) { return .pass("法制审核在决定之前或当日") }
        let review = approvals[0]
        return .fail(Violation("法制审核日\(review.date)晚于决定日\(decision.date)", event: context.reference(review), date: review.date))
    }
}
