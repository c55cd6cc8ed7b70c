import CaseModel

/// The fine lies within the band of the applied level, in the tier the case's base and party choose.
struct DiscretionRange: AuditRule {
    let id = RuleID.discretionRange
    let title = "罚款超出所适用裁量阶次的幅度"
    let basis = "国办发〔2022〕27号：严格按照裁量基准作出处罚决定"
    let checks =
        "A fine outside the band of the chosen level in the tier the base amount and party kind select, a level the tier lacks, or any penalty under 不予处罚."
    let scope = RuleScope.only(.penalty)

    /// The level that means no penalty at all (docs/format.md): any penalty under it contradicts it.
    static let noPenaltyLevel = "不予处罚"

    func check(_ context: AuditContext) throws -> Verdict {
        // docs/rules.md (amended): a 不予处罚 level with any penalty imposed fails, fine or not.
        if context.enforcementCase.outcome?.discretion?.level == Self.noPenaltyLevel {
            let imposed = context.enforcementCase.outcome?.penalties ?? []
            guard imposed.isEmpty else {
                let kinds = imposed.map(\.kind.chineseName).joined(separator: "、")
                return .fail(Violation("裁量阶次为“不予处罚”，却处以\(kinds)", amount: context.fine))
            }
            return .pass("裁量阶次为“不予处罚”，未处以任何处罚")
        }
        guard let fine = context.fine else { return .notApplicable("未处以罚款") }
        guard let item = context.benchmarkItem, let level = context.enforcementCase.outcome?.discretion?.level else {
            return .notApplicable("无裁量基准事项或裁量阶次（由DISCRETION-MISSING判断）")
        }
        let applied: AppliedTier
        switch context.applicableTier(item) {
        case .found(let tier): applied = tier
        case .needsBase(let name): return .manual("事项\(item.code)按\(BaseMeasure(name).label)分档，案卷未载明该基数，无法确定档次")
        case .none(let why): return .fail(Violation(why, amount: fine))
        }
        guard let band = applied.band(of: level) else {
            return .fail(Violation("事项\(item.code)的\(applied.description)没有“\(level)”阶次", amount: fine))
        }
        let range: (min: Money?, max: Money?)
        do { range = try applied.amounts(band) } catch let missing as MissingBase {
            return .manual("“\(level)”阶次按\(BaseMeasure(missing.name).label)的倍数计算，案卷未载明该基数")
        }
        let shown = "\(range.min?.description ?? "不限")至\(range.max?.description ?? "不限")"
        if let low = range.min, fine < low {
            return .fail(Violation("罚款\(fine)低于\(applied.description)“\(level)”阶次下限（\(shown)）", amount: fine))
        }
        if let high = range.max, fine > high {
            return .fail(Violation("罚款\(fine)高于\(applied.description)“\(level)”阶次上限（\(shown)）", amount: fine))
        }
        return .pass("罚款\(fine)在\(applied.description)“\(level)”阶次\(shown)之内")
    }
}
