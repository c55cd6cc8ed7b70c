@_exported import WorkCalendar

/// 执法主体: an agency that decides cases.
public struct Agency: Hashable, Sendable, Codable {
    public var code: String
    public var name: String
    public var region: String?
    public var field: String?

    public init(code: String, name: String, region: String? = nil, field: String? = nil) {
        self.code = code
        self.name = name
        self.region = region
        self.field = field
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
        guard issued <= date, date <= expires else { return false }
        if status != .valid {
            // A suspension with no date is taken as always in force: the registry says it is not valid.
            guard let since, date < since else { return false }
        }
        return true
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
