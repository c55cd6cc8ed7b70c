import CaseModel

/// A fine or confiscation needs a benchmark item and a discretion level.
struct DiscretionMissing: AuditRule {
    let id = RuleID.discretionMissing
    let title = "罚没无裁量基准或未载明裁量阶次"
    let basis = "《行政处罚法》第三十四条：行政机关可以依法制定行政处罚裁量基准，并向社会公布"
    let checks = "A fine or confiscation with no benchmark item in force for the matter, or no discretion level."
    let scope = RuleScope.only(.penalty)

    func check(_ context: AuditContext) throws -> Verdict {
        guard context.fine != nil || context.confiscation.fen > 0 else { return .notApplicable("未处以罚款或没收") }
        var violations: [Violation] = []
        if let code = context.enforcementCase.matter?.item {
            if context.benchmarkItem == nil {
                let when = context.decision.map { "决定日\($0.date)" } ?? "违法行为发生日"
                if let effective = context.benchmarkItemTakesEffect {
                    violations.append(Violation("事项\(code)所在的\(context.agencyName)裁量基准自\(effective)起施行，\(when)尚未施行，当时没有可适用的裁量基准事项"))
                } else {
                    violations.append(Violation("\(context.agencyName)的裁量基准中没有事项\(code)"))
                }
            }
        } else {
            violations.append(Violation("案卷未载明所适用的裁量基准事项"))
        }
        if context.enforcementCase.outcome?.discretion == nil {
            violations.append(Violation("未载明适用的裁量阶次"))
        }
        return .failing(violations, else: "适用裁量基准事项\(context.benchmarkItem?.code ?? "")")
    }
}
