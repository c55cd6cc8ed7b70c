import CaseModel

/// 行政许可: decided within 20 working days of acceptance, 30 with an approved extension.
struct LicenseDeadline: AuditRule {
    let id = "LICENSE-DEADLINE"
    let title = "行政许可超期作出决定"
    let basis = "《行政许可法》第四十二条、第八十二条：二十日内作出决定，经批准可以延长十日；期限以工作日计算"
    let scope = RuleScope.only(.license)

    func check(_ context: AuditContext) throws -> Verdict {
        guard let accepted = context.first(.accepted) else { return .manual("未载明受理日期，无法计算许可期限") }
        let extended = context.first(.extension) != nil
        let days = extended ? context.parameters.licenseExtendedWorkdays : context.parameters.licenseWorkdays
        let deadline = try context.workdays(days, after: accepted.date)
        if let decision = context.decision {
            guard decision.date > deadline.date else { return .pass("受理\(accepted.date)，决定\(decision.date)，期限\(deadline.date)") }
            return .fail(Violation("受理\(accepted.date)，\(decision.date)才作出许可决定，超过\(days)个工作日的期限\(deadline.date)",
                                   event: context.reference(decision), date: decision.date, deadline: deadline))
        }
        guard context.asOf > deadline.date else { return .pass("尚未作出决定，期限\(deadline.date)未届满") }
        return .fail(Violation("受理\(accepted.date)，至\(context.asOf)仍未作出许可决定，期限\(deadline.date)已过",
                               event: context.reference(accepted), deadline: deadline))
    }
}
