import CaseModel

/// 清单之外无权力: a decision rests on a matter of the agency's 权责清单 in force on the decision day,
/// of the case's kind. Acting on a matter the agency does not hold is 超越职权.
struct PowerScope: AuditRule {
    let id = RuleID.powerScope
    let title = "超越职权"
    let basis =
        "《行政诉讼法》第七十条第四项：超越职权的，人民法院判决撤销；《中共中央 国务院关于加快建设法治政府的意见》：行政机关坚持法定职责必须为、法无授权不可为，推行权力清单制度（清单之外无权力）"
    let checks =
        "A decided case names a power (`power`) that its agency's 权责清单 does not hold, that is not in force on the decision day (from ≤ day ≤ to), or whose category is not the case's type; `manual` when the case names none though its agency has a list, not applicable when the agency has none."
    let scope = RuleScope.everyType

    func check(_ context: AuditContext) throws -> Verdict {
        let c = context.enforcementCase
        guard let decision = context.decision else { return .notApplicable("尚未作出决定") }
        let powers = context.agencyPowers
        guard let code = c.power else {
            if powers.isEmpty { return .notApplicable("\(context.agencyName)未导入权责清单") }
            return .manual("案件未载明所行使的权责事项（power），须人工核对是否在\(context.agencyName)权责清单之内")
        }
        guard !powers.isEmpty else { return .manual("权责事项 \(code) \(context.agencyName)未导入权责清单，无从核对") }
        let reference = context.reference(decision)
        let named = powers.named(code)
        guard !named.isEmpty else {
            return .fail([Violation("权责事项 \(code) 不在\(context.agencyName)的权责清单之内", event: reference, date: decision.date)])
        }
        guard let inForce = named.first(where: { $0.inForce(on: decision.date) }) else {
            let spans = named.map { "\($0.from?.description ?? "")至\($0.to?.description ?? "")" }.joined(separator: "、")
            return .fail([Violation("权责事项 \(code)“\(named[0].name)”于决定日\(decision.date)不在有效期内（\(spans)）", event: reference, date: decision.date)])
        }
        // A type that no category names (行政确认, …) may exercise any matter, as `other` serves any type.
        if let expected = PowerCategory.allCases.first(where: { $0.caseType == c.type }), inForce.category != expected, inForce.category != .other {
            return .fail([
                Violation(
                    "权责事项 \(code)“\(inForce.name)”属\(inForce.category.chineseName)，本案为\(c.type.chineseName)", event: reference,
                    date: decision.date)
            ])
        }
        return .pass("权责事项 \(code)“\(inForce.name)”在\(context.agencyName)权责清单之内且于\(decision.date)有效")
    }
}
