import CaseModel

/// Everyone who acts holds a certificate of the case's agency covering that day.
struct OfficerCert: AuditRule {
    let id = RuleID.officerCert
    let title = "执法人员无有效执法证"
    let basis = "《行政处罚法》第四十二条、第五十五条：执法人员应当具有执法资格，主动出示执法证件"
    let checks = "A person acting who is not in the registry, is an auxiliary, or holds no certificate of the case's agency valid on the day of the step."
    let scope = RuleScope.everyType

    func check(_ context: AuditContext) throws -> Verdict {
        var violations: [Violation] = []
        var acted = false
        for event in context.enforcementCase.events {
            for officer in event.officers {
                acted = true
                if let why = context.whyCannotAct(officer, on: event.date) {
                    violations.append(
                        Violation(
                            "\(context.reference(event).description)：\(why)",
                            event: context.reference(event), officer: officer, date: event.date))
                }
            }
        }
        guard acted else { return .notApplicable("案卷未列明执法人员") }
        return .failing(violations, else: "实施执法的人员均持有有效执法证")
    }
}
