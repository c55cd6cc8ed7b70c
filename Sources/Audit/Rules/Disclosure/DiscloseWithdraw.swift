import CaseModel

/// A decision revoked, changed, found unlawful or void (by the agency, in 复议 or in court) has
/// its disclosure withdrawn within 3 working days.
struct DiscloseWithdraw: AuditRule {
    let id = RuleID.discloseWithdraw
    let title = "决定被撤销后未及时撤回公示"
    let basis = "《行政处罚法》第四十八条第二款；国办发〔2018〕118号"
    let checks =
        "A decision revoked (a `revoked` event, or a 复议 decision or judgment that revokes, changes, finds unlawful or void it) whose disclosure was not withdrawn within 3 working days of it (or of publication, if later)."
    let scope = RuleScope.everyType

    func check(_ context: AuditContext) throws -> Verdict {
        guard let revoked = context.enforcementCase.withdrawalCause else { return .notApplicable("决定未被撤销、变更、确认违法或确认无效") }
        guard let deadline = try context.withdrawalPeriod()?.deadline else { return .notApplicable("决定未曾公示") }
        if let withdrawn = context.enforcementCase.disclosure?.withdrawn {
            guard withdrawn > deadline.date else { return .pass("\(revoked.date)\(Self.what(revoked))，\(withdrawn)撤回公示，期限\(deadline.date)") }
            return .fail(
                Violation(
                    "\(revoked.date)\(Self.what(revoked))，\(withdrawn)才撤回公示，超过期限\(deadline.date)",
                    event: context.reference(revoked), date: withdrawn, deadline: deadline))
        }
        guard context.asOf > deadline.date else { return .pass("撤回期限\(deadline.date)未届满") }
        return .fail(
            Violation(
                "\(revoked.date)\(Self.what(revoked))，至\(context.asOf)仍未撤回公示，期限\(deadline.date)已过",
                event: context.reference(revoked), deadline: deadline))
    }

    /// `决定被撤销`, `行政复议决定变更`, `判决确认违法`: what happened to the decision.
    static func what(_ event: Event) -> String {
        switch (event.kind, event.ruling) {
        case (.reconsiderationDecided, let ruling?): "行政复议决定\(ruling.chineseName)"
        case (.judgment, let ruling?): "判决\(ruling.chineseName)"
        default: "决定被撤销"
        }
    }
}
