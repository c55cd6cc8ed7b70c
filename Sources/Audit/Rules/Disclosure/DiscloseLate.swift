import CaseModel

/// 行政执法公示: the decision went public after its period.
struct DiscloseLate: AuditRule {
    let id = RuleID.discloseLate
    let title = "执法决定公示超期"
    let basis = "国办发〔2018〕118号：行政许可、行政处罚决定自作出之日起7个工作日内公开，其他执法决定20个工作日内公开"
    let checks = "A penalty or license decision published more than 7 working days after it was made; any other decision more than 20."
    let scope = RuleScope.everyType

    func check(_ context: AuditContext) throws -> Verdict {
        guard let decision = context.decision else { return .notApplicable("尚未作出决定") }
        guard let disclosure = context.enforcementCase.disclosure, disclosure.exempt == nil, let published = disclosure.date else {
            return .notApplicable("未公示或依法免予公示（由DISCLOSE-MISSING判断）")
        }
        let deadline = try context.disclosureDeadline(decision)
        guard published > deadline.date else {
            return .pass("决定日\(decision.date)，\(context.disclosureDay(published))，期限\(deadline.date)")
        }
        return .fail(
            Violation(
                "决定日\(decision.date)，\(context.disclosureDay(published))，超过期限\(deadline.date)",
                event: context.reference(decision), date: published, deadline: deadline))
    }
}
