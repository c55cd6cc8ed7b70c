import CaseModel

/// Any level but 一般 must say why.
struct DiscretionReason: AuditRule {
    let id = RuleID.discretionReason
    let title = "从轻、从重等裁量未说明理由"
    let basis = "国办发〔2022〕27号：适用从轻、减轻、从重或不予处罚的，应当说明理由"
    let checks = "A discretion level other than 一般 with no reason given."
    let scope = RuleScope.only(.penalty)

    func check(_ context: AuditContext) throws -> Verdict {
        guard let discretion = context.enforcementCase.outcome?.discretion else { return .notApplicable("未载明裁量阶次") }
        guard discretion.level != "一般" else { return .pass("适用“一般”阶次，无需另行说明") }
        guard let reason = discretion.reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            return .fail(Violation("适用“\(discretion.level)”阶次但未说明理由"))
        }
        return .pass("适用“\(discretion.level)”阶次，理由：\(reason)")
    }
}
