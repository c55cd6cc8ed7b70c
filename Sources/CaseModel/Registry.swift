@_exported import WorkCalendar

/// 执法主体: an agency that decides cases.
public struct Agency: Hashable, Sendable, Codable {
    public var code: String
    public var name: String
    public var region: String?
    public var field: String?
    /// 统一社会信用代码 of the agency (format 1.1), which the 双公示 template asks for.
    public var creditCode: String?
    /// 权责清单 (format 1.1): the matters the agency may act on; empty when none was imported.
    public var powers: [Power]

    public init(
        code: String, name: String, region: String? = nil, field: String? = nil, creditCode: String? = nil, powers: [Power] = []
    ) {
        self.code = code
        self.name = name
        self.region = region
        self.field = field
        self.creditCode = creditCode
        self.powers = powers
    }
}

/// An agency's 权责清单 looked up by 事项编码: a real list holds thousands of matters, and every
/// decided case asks for one.
public struct PowerList: Sendable {
    private let byCode: [String: [Power]]

    public init(_ powers: [Power]) {
        byCode = Dictionary(grouping: powers, by: \.code)
    }

    /// No list was imported for the agency.
    public var isEmpty: Bool { byCode.isEmpty }

    /// The list's entries of this code (one, or several for successive periods).
    public func named(_ code: String) -> [Power] { byCode[code] ?? [] }
}

/// 权责清单中的事项类别.
public enum PowerCategory: String, Hashable, Sendable, Codable, CaseIterable {
    case penalty, license, coercion, inspection, other

    /// The case type whose decisions exercise matters of this category; nil for `other`, which
    /// any type may exercise.
    public var caseType: CaseType? {
        switch self {
        case .penalty: .penalty
        case .license: .license
        case .coercion: .coercion
        case .inspection: .inspection
        case .other: nil
        }
    }
}

/// One matter of an agency's 权责清单 (清单之外无权力): what it may act on, on what basis, from when.
public struct Power: Hashable, Sendable, Codable {
    /// 事项编码
    public var code: String
    public var name: String
    public var category: PowerCategory
    public var basis: String?
    /// In force from this day (inclusive); nil: since ever.
    public var from: CalendarDate?
    /// In force through this day (inclusive); nil: still.
    public var to: CalendarDate?

    public init(
        code: String, name: String, category: PowerCategory, basis: String? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil
    ) {
        self.code = code
        self.name = name
        self.category = category
        self.basis = basis
        self.from = from
        self.to = to
    }

    /// In force on `day`: from ≤ day ≤ to, either bound open when absent.
    public func inForce(on day: CalendarDate) -> Bool {
        (from.map { $0 <= day } ?? true) && (to.map { day <= $0 } ?? true)
    }
}

/// The roles a person holds in the registry (`role="officer reviewer"`).
public enum PersonRole: String, Hashable, Sendable, Codable, CaseIterable {
    /// 持证执法人员
    case officer
    /// 执法辅助人员: never counts as an officer.
    case auxiliary
    /// 法制审核人员
    case reviewer
}

/// 执法证.
public struct Certificate: Hashable, Sendable, Codable {
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable { case valid, suspended, revoked }

    public var number: String
    public var field: String?
    public var issued: CalendarDate
    public var expires: CalendarDate
    public var status: Status
    /// The day a suspension or revocation took effect.
    public var since: CalendarDate?

    public init(
        number: String, field: String? = nil, issued: CalendarDate, expires: CalendarDate,
        status: Status = .valid, since: CalendarDate? = nil
    ) {
        self.number = number
        self.field = field
        self.issued = issued
        self.expires = expires
        self.status = status
        self.since = since
    }

    /// A certificate covers an act on `date` when issued ≤ date ≤ expires and it was not
    /// suspended or revoked on or before that date (docs/format.md).
    public func covers(_ date: CalendarDate) -> Bool {
        issued <= date && date <= lastCoveredDay
    }

    /// The last day the certificate covers: its expiry, or the day before a suspension or
    /// revocation took effect. A suspension with no date is taken as always in force (the
    /// registry says it is not valid): then the day before it was issued, so it covers none.
    public var lastCoveredDay: CalendarDate {
        guard status != .valid else { return expires }
        guard let since else { return issued.adding(days: -1) }
        return min(expires, since.adding(days: -1))
    }
}

/// Yearly training hours, which annual appraisals check.
public struct Training: Hashable, Sendable, Codable {
    public var year: Int
    public var hours: Double

    public init(year: Int, hours: Double) {
        self.year = year
        self.hours = hours
    }
}

/// 执法人员, 执法辅助人员 or 法制审核人员 of an agency.
public struct Officer: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    public var agency: String
    public var roles: [PersonRole]
    /// 法律职业资格 certificate number; nil when the person has none.
    public var legalQualification: String?
    public var reviewerSince: CalendarDate?
    public var certificates: [Certificate]
    public var trainings: [Training]

    public init(
        id: String, name: String, agency: String, roles: [PersonRole],
        legalQualification: String? = nil, reviewerSince: CalendarDate? = nil,
        certificates: [Certificate] = [], trainings: [Training] = []
    ) {
        self.id = id
        self.name = name
        self.agency = agency
        self.roles = roles
        self.legalQualification = legalQualification
        self.reviewerSince = reviewerSince
        self.certificates = certificates
        self.trainings = trainings
    }
}

/// One registry document: agencies and the people who act for them.
public struct Registry: Hashable, Sendable, Codable {
    public var agencies: [Agency]
    public var officers: [Officer]

    public init(agencies: [Agency] = [], officers: [Officer] = []) {
        self.agencies = agencies
        self.officers = officers
    }
}

/// The names people read in place of codes, looked up in a registry: an agency's name for its
/// code, an officer's name for their id. A code the registry does not hold is shown as it is.
public struct RegistryNames: Sendable {
    public var agencies: [String: String]
    public var people: [String: String]

    public init(_ registry: Registry) {
        agencies = Dictionary(registry.agencies.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        people = Dictionary(registry.officers.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    /// `芜湖市市场监督管理局`, or the code when unknown.
    public func agency(_ code: String) -> String { agencies[code] ?? code }

    /// `王某（O-1001）`: the name with the id that tells two namesakes apart, or the id when unknown.
    public func person(_ id: String) -> String { people[id].map { "\($0)（\(id)）" } ?? id }
}
