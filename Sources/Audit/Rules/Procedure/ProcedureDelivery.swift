import CaseModel

/// 送达: the decision reaches the party within 7 working days.
struct ProcedureDelivery: AuditRule {
    let id = RuleID.procedureDelivery
    let title = "决定书送达超期"
    let basis = "《行政处罚法》第六十一条、第八十五条：七日内依照民事诉讼法的有关规定送达当事人"
    let checks = "A decision delivered more than 7 working days after it was made, or undelivered past that."
    let scope = RuleScope.only(.penalty)

    func check(_ context: AuditContext) throws -> Verdict {
        guard let period = try context.deliveryPeriod() else { return .notApplicable("尚未作出决定") }
        let decision = period.start
        let deadline = period.deadline
        let deliveries = context.events(.delivery)
        if let delivery = deliveries.first(where: { $0.date >= decision.date }) {
            guard delivery.date > deadline.date else { return .pass("决定\(decision.date)，送达\(delivery.date)，期限\(deadline.date)") }
            return .fail(
                Violation(
                    "决定\(decision.date)，\(delivery.date)才送达，超过期限\(deadline.date)",
                    event: context.reference(delivery), date: delivery.date, deadline: deadline))
        }
        if !deliveries.isEmpty { return .pass("送达日期早于决定日期（由PROCEDURE-ORDER判断）") }
        guard context.asOf > deadline.date else { return .pass("尚未送达，期限\(deadline.date)未届满") }
        return .fail(
            Violation(
                "决定\(decision.date)，至\(context.asOf)仍未送达，期限\(deadline.date)已过",
                event: context.reference(decision), deadline: deadline))
    }
}
