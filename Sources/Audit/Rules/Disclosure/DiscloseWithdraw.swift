import CaseModel

/// A revoked decision's disclosure must be withdrawn within 3 working days.
struct DiscloseWithdraw: AuditRule {
    let id = RuleID.discloseWithdraw
    let title = "决定被撤销后未及时撤回公示"
    let basis = "《行政处罚法》第四十八条第二款；国办发〔2018〕118号"
    let checks = "A revoked decision whose disclosure was not withdrawn within 3 working days of the revocation (or of publication, if later)."
    let scope = RuleScope.everyType

    func check(_ context: AuditContext) throws -> Verdict {
        guard let revoked = context.first(.revoked) else { return .notApplicable("决定未被撤销或确认违法") }
        guard let deadline = try context.withdrawalPeriod()?.deadline else { return .notApplicable("决定未曾公示") }
        if let withdrawn = context.enforcementCase.disclosure?.withdrawn {
            guard withdrawn > deadline.date else { return .pass("\(revoked.date)撤销，\(withdrawn)撤回公示，期限\(deadline.date)") }
            return .fail(
                Violation(
                    "\(revoked.date)决定被撤销，\(withdrawn)才撤回公示，超过期限\(deadline.date)",
                    event: context.reference(revoked), date: withdrawn, deadline: deadline))
        }
        guard context.asOf > deadline.date else { return .pass("撤回期限\(deadline.date)未届满") }
        return .fail(
            Violation(
                "\(revoked.date)决定被撤销，至\(context.asOf)仍未撤回公示，期限\(deadline.date)已过",
                event: context.reference(revoked), deadline: deadline))
    }
}
