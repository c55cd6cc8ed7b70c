import CaseModel

/// The tier of a benchmark item that fits a case, and the amounts its bands stand for.
struct AppliedTier {
    var tier: Tier
    /// The case's base amount the tier measures, when it names one.
    var base: Money?
    var description: String

    /// An inclusive band resolved to amounts; nil ends are open. Throws when a multiple has no base.
    func amounts(_ band: Band) throws -> (min: Money?, max: Money?) {
        func resolve(_ bound: Bound?) throws -> Money? {
            guard let bound else { return nil }
            guard let amount = bound.resolved(base: base) else { throw MissingBase(name: tier.base ?? "基数") }
            return amount
        }
        return (try resolve(band.min), try resolve(band.max))
    }

    /// The band of a level: the tier's own, or for 减轻 without one, from 0 up to the statutory minimum.
    func band(of levelName: String) -> Band? {
        if let level = tier.levels.first(where: { $0.name == levelName }) { return level.band }
        if levelName == "减轻", let minimum = tier.statutory?.min { return Band(min: .amount(Money(fen: 0)), max: minimum) }
        if levelName == "不予处罚" { return Band(min: .amount(Money(fen: 0)), max: .amount(Money(fen: 0))) }
        return nil
    }
}

struct MissingBase: Error { var name: String }

enum TierChoice {
    case found(AppliedTier)
    /// The tier depends on a base amount the case does not give.
    case needsBase(String)
    case none(String)
}

extension AuditContext {
    /// The first tier whose party kind matches and whose base range holds the case's base amount.
    func applicableTier(_ item: BenchmarkItem) -> TierChoice {
        let c = enforcementCase
        var missingBase: String?
        for tier in item.tiers {
            if let party = tier.party, party != c.party.kind { continue }
            let base = tier.base.flatMap { name in c.outcome?.bases.first { $0.name == name }?.amount }
            if tier.atLeast != nil || tier.below != nil {
                guard let base else {
                    missingBase = tier.base ?? "基数"
                    continue
                }
                if let low = tier.atLeast, base < low { continue }
                if let high = tier.below, base >= high { continue }
            }
            var parts: [String] = []
            if let name = tier.base, let base { parts.append(BaseMeasure(name).text(base)) }
            if let party = tier.party { parts.append(party.chineseName) }
            return .found(AppliedTier(tier: tier, base: base, description: parts.isEmpty ? "唯一档次" : parts.joined(separator: "，") + "档次"))
        }
        if let missingBase { return .needsBase(missingBase) }
        return .none("事项\(item.code)没有适用于\(c.party.kind.chineseName)及本案基数的档次")
    }
}
