/// A bound of a discretion band: a fixed amount or a multiple of the tier's base amount.
public enum Bound: Hashable, Sendable, Codable {
    case amount(Money)
    case multiple(Multiple)

    /// The amount this bound means for a base amount; nil for a multiple with no base known.
    public func resolved(base: Money?) -> Money? {
        switch self {
        case .amount(let money): money
        case .multiple(let multiple): base.map(multiple.of)
        }
    }
}

/// An inclusive range of fines (`min`/`max` or `min-multiple`/`max-multiple`); either end may be open.
public struct Band: Hashable, Sendable, Codable {
    public var min: Bound?
    public var max: Bound?

    public init(min: Bound? = nil, max: Bound? = nil) {
        self.min = min
        self.max = max
    }
}

/// 裁量阶次 of a tier: 从轻, 一般, 从重, 减轻, 不予处罚, … as the benchmark names them.
public struct Level: Hashable, Sendable, Codable {
    public var name: String
    public var band: Band

    public init(name: String, band: Band) {
        self.name = name
        self.band = band
    }
}

public enum PartyKind: String, Hashable, Sendable, Codable, CaseIterable {
    case individual, organisation
}

/// A tier of an item: applies when the case's base amount lies in [atLeast, below) and,
/// when `party` is set, the party is of that kind.
public struct Tier: Hashable, Sendable, Codable {
    /// Which base amount the bounds and multiples measure (`goods-value`, `illegal-income`, …).
    public var base: String?
    public var atLeast: Money?
    public var below: Money?
    public var party: PartyKind?
    public var statutory: Band?
    public var levels: [Level]

    public init(
        base: String? = nil, atLeast: Money? = nil, below: Money? = nil, party: PartyKind? = nil,
        statutory: Band? = nil, levels: [Level] = []
    ) {
        self.base = base
        self.atLeast = atLeast
        self.below = below
        self.party = party
        self.statutory = statutory
        self.levels = levels
    }
}

/// One violation in an agency's discretion benchmarks (裁量基准).
public struct BenchmarkItem: Hashable, Sendable, Codable {
    public var code: String
    public var name: String
    public var basis: String?
    /// On the agency's 首违不罚 list.
    public var noPenaltyIfFirstMinor: Bool
    /// 行政处罚法 第三十六条: the 5-year limitation applies when harm occurred.
    public var lifeHealthFinance: Bool
    /// An item written with no `<tier>` has exactly one tier, marked `implicitTier`.
    public var tiers: [Tier]
    public var implicitTier: Bool

    public init(
        code: String, name: String, basis: String? = nil, noPenaltyIfFirstMinor: Bool = false,
        lifeHealthFinance: Bool = false, tiers: [Tier], implicitTier: Bool = false
    ) {
        self.code = code
        self.name = name
        self.basis = basis
        self.noPenaltyIfFirstMinor = noPenaltyIfFirstMinor
        self.lifeHealthFinance = lifeHealthFinance
        self.tiers = tiers
        self.implicitTier = implicitTier
    }
}

/// One agency's benchmark document.
public struct BenchmarkSet: Hashable, Sendable, Codable {
    public var agency: String
    public var title: String?
    public var effective: CalendarDate?
    public var items: [BenchmarkItem]

    public init(agency: String, title: String? = nil, effective: CalendarDate? = nil, items: [BenchmarkItem] = []) {
        self.agency = agency
        self.title = title
        self.effective = effective
        self.items = items
    }
}
