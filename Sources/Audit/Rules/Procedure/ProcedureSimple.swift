import CaseModel

/// 简易程序 only for a warning or a small fine.
struct ProcedureSimple: AuditRule {
    let id = RuleID.procedureSimple
    let title = "不符合条件适用简易程序"
    let basis = "《行政处罚法》第五十一条：对公民处二百元以下、对法人或者其他组织处三千元以下罚款或者警告的，可以当场作出"
    let checks = "Simple procedure used for more than a warning or a fine of 200 yuan (individual) or 3,000 yuan (organisation)."
    let scope = RuleScope.only(.penalty)

    func check(_ context: AuditContext) throws -> Verdict {
        guard context.enforcementCase.procedure == .simple else { return .notApplicable("未适用简易程序") }
        let limit =
            context.enforcementCase.party.kind == .individual
            ? context.parameters.simpleFineIndividual
            : context.parameters.simpleFineOrganisation
        var violations: [Violation] = []
        for penalty in context.enforcementCase.outcome?.penalties ?? [] where penalty.kind != .warning && penalty.kind != .fine {
            violations.append(Violation("简易程序作出了\(penalty.kind.chineseName)"))
        }
        if let fine = context.fine, fine > limit {
            violations.append(Violation("简易程序罚款\(fine)，超过\(limit)的上限", amount: fine))
        }
        return .failing(violations, else: "简易程序仅作出警告或\(limit)以下罚款")
    }
}
