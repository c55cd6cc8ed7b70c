import CaseModel

/// 行政执法公示: no disclosure although its period has run out; an exemption must say why.
struct DiscloseMissing: AuditRule {
    let id = RuleID.discloseMissing
    let title = "执法决定未公示"
    let basis = "国办发〔2018〕118号：执法决定应当依法公开；不予公开的应当说明理由"
    let checks = "A decision whose disclosure period has run out by the as-of date with no disclosure; or an exemption that gives no reason."
    let scope = RuleScope.everyType

    func check(_ context: AuditContext) throws -> Verdict {
        guard let decision = context.decision else { return .notApplicable("尚未作出决定") }
        let disclosure = context.enforcementCase.disclosure
        if let exempt = disclosure?.exempt {
            guard exempt.trimmingCharacters(in: .whitespaces).isEmpty else { return .pass("依法免予公示：\(exempt)") }
            return .fail(Violation("声明免予公示但未说明理由", event: context.reference(decision)))
        }
        if let published = disclosure?.date { return .pass("已于\(published)公示") }
        let deadline = try context.disclosureDeadline(decision)
        guard context.asOf > deadline.date else {
            return .pass("尚未公示，公示期限\(deadline.date)未届满（截至\(context.asOf)）")
        }
        return .fail(
            Violation(
                "决定日\(decision.date)，至\(context.asOf)仍未公示，期限\(deadline.date)已过",
                event: context.reference(decision), deadline: deadline))
    }
}
