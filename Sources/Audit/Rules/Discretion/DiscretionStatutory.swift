import CaseModel

/// The fine stays within the statutory range; below the minimum only as 减轻.
struct DiscretionStatutory: AuditRule {
    let id = RuleID.discretionStatutory
    let title = "罚款超出法定幅度"
    let basis = "《行政处罚法》第三十二条、第三十四条：在法定幅度内处罚，减轻处罚须有法定情形"
    let checks = "A fine above the statutory maximum, or below the minimum without the level 减轻."
    let scope = RuleScope.only(.penalty)

    func check(_ context: AuditContext) throws -> Verdict {
        guard let fine = context.fine else { return .notApplicable("未处以罚款") }
        guard let item = context.benchmarkItem else { return .notApplicable("无裁量基准事项（由DISCRETION-MISSING判断）") }
        guard case .found(let applied) = context.applicableTier(item) else {
            return .notApplicable("无法确定适用档次（由DISCRETION-RANGE判断）")
        }
        guard let statutory = applied.tier.statutory else { return .notApplicable("基准未载明法定幅度") }
        let range: (min: Money?, max: Money?)
        do { range = try applied.amounts(statutory) } catch let missing as MissingBase {
            return .manual("法定幅度按\(BaseMeasure(missing.name).label)的倍数计算，案卷未载明该基数")
        }
        if let high = range.max, fine > high {
            return .fail(Violation("罚款\(fine)超过法定最高额\(high)", amount: fine))
        }
        let level = context.enforcementCase.outcome?.discretion?.level
        if let low = range.min, fine < low, level != "减轻" {
            return .fail(Violation("罚款\(fine)低于法定最低额\(low)，且未适用减轻处罚", amount: fine))
        }
        return .pass("罚款\(fine)在法定幅度\(range.min?.description ?? "不限")至\(range.max?.description ?? "不限")之内")
    }
}
