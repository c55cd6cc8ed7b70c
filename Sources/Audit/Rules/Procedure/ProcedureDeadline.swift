import CaseModel

/// 九十日办案期限: a general-procedure penalty is decided within 90 days of filing, plus approved extensions.
struct ProcedureDeadline: AuditRule {
    let id = RuleID.procedureDeadline
    let title = "超过办案期限作出决定"
    let basis = "《行政处罚法》第六十条：应当自立案之日起九十日内作出行政处罚决定；法律、法规、规章另有规定的，从其规定"
    let checks = "A general-procedure penalty decided more than 90 days (plus approved extensions) after filing, or still undecided past that."
    let scope = RuleScope.only(.penalty)

    func check(_ context: AuditContext) throws -> Verdict {
        guard context.enforcementCase.procedure == .general else { return .notApplicable("非普通程序") }
        guard let period = try context.decisionPeriod() else { return .manual("普通程序案件未载明立案日期，无法计算办案期限") }
        let extensionDays = context.extensionDays
        let extended = extensionDays > 0 ? "（含批准延长\(extensionDays)日）" : ""
        return context.judgeDecision(due: period.deadline, counting: period.start, what: "处罚决定\(extended)")
    }
}
