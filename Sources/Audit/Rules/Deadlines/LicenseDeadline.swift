import CaseModel

/// 行政许可: decided within 20 working days of acceptance, 30 with an approved extension.
struct LicenseDeadline: AuditRule {
    let id = RuleID.licenseDeadline
    let title = "行政许可超期作出决定"
    let basis = "《行政许可法》第四十二条、第八十二条：二十日内作出决定，经批准可以延长十日；期限以工作日计算"
    let checks = "A license decided more than 20 working days after acceptance, or 30 with an approved extension."
    let scope = RuleScope.only(.license)

    func check(_ context: AuditContext) throws -> Verdict {
        guard let period = try context.licensePeriod() else { return .manual("未载明受理日期，无法计算许可期限") }
        guard case .workdays(let days) = period.deadline.counting else { return .manual("许可期限应以工作日计算") }
        return context.judgeDecision(due: period.deadline, counting: period.start, what: "许可决定（\(days)个工作日）")
    }
}
