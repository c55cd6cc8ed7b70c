/// 执法类别.
public enum CaseType: String, Hashable, Sendable, Codable, CaseIterable {
    case penalty, license, coercion, inspection, levy, confirmation, payment, adjudication, other
}

public enum Procedure: String, Hashable, Sendable, Codable, CaseIterable {
    /// 普通程序
    case general
    /// 简易程序 (当场处罚)
    case simple
    /// 快速办理
    case fast
}

/// 当事人.
public struct Party: Hashable, Sendable, Codable {
    public var kind: PartyKind
    public var name: String
    public var creditCode: String?
    public var idNumber: String?
    public var firstOffence: Bool
    public var corrected: Bool
    public var harm: Bool

    public init(
        kind: PartyKind, name: String, creditCode: String? = nil, idNumber: String? = nil,
        firstOffence: Bool = false, corrected: Bool = false, harm: Bool = false
    ) {
        self.kind = kind
        self.name = name
        self.creditCode = creditCode
        self.idNumber = idNumber
        self.firstOffence = firstOffence
        self.corrected = corrected
        self.harm = harm
    }
}

/// 执法事项: the violation and the benchmark item it falls under.
public struct Matter: Hashable, Sendable, Codable {
    public var item: String?
    public var violationDate: CalendarDate?
    public var text: String

    public init(item: String? = nil, violationDate: CalendarDate? = nil, text: String = "") {
        self.item = item
        self.violationDate = violationDate
        self.text = text
    }
}

/// 执法全过程记录.
public struct Record: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case text
        case audioVideo = "audio-video"
        case photo
    }

    /// What the importer found for an attached file; not part of the interchange format.
    public enum Evidence: String, Hashable, Sendable, Codable, CaseIterable {
        /// No file named.
        case none
        /// The file hashes to its `sha256`.
        case ok
        /// The file exists but hashes to something else.
        case mismatch
        /// The named file is not there.
        case missing
        /// The file exists and no `sha256` was given to check it against.
        case unverified
    }

    public var kind: Kind
    public var title: String
    public var file: String?
    public var sha256: String?
    /// `start`/`end` as written (xs:dateTime with zone).
    public var start: String?
    public var end: String?
    public var evidence: Evidence
    /// The text read out of the attached file on import (`DocumentText`); not part of the
    /// interchange format, and nil when no file of this record was read. Never decoded from JSON
    /// (nor encoded into it): only the importer's reader may say what a file holds.
    public var document: DocumentText?

    private enum CodingKeys: String, CodingKey {
        case kind, title, file, sha256, start, end, evidence
    }

    public init(
        kind: Kind, title: String, file: String? = nil, sha256: String? = nil,
        start: String? = nil, end: String? = nil, evidence: Evidence = .none
    ) {
        self.kind = kind
        self.title = title
        self.file = file
        self.sha256 = sha256
        self.start = start
        self.end = end
        self.evidence = evidence
    }
}

public enum EventKind: String, Hashable, Sendable, Codable, CaseIterable {
    case discovered, filed, accepted, inspection, investigation, seizure
    case seizureExtended = "seizure-extended"
    case seizureReleased = "seizure-released"
    case demolition, notice, statement, waiver
    case hearingRequested = "hearing-requested"
    case hearingNotice = "hearing-notice"
    case hearing
    case legalReview = "legal-review"
    case collectiveDiscussion = "collective-discussion"
    case `extension`, decision, delivery, execution, closed, revoked
    /// 申请行政复议 (format 1.1).
    case reconsiderationApplied = "reconsideration-applied"
    /// 行政复议决定, with its `ruling` (format 1.1).
    case reconsiderationDecided = "reconsideration-decided"
    /// 提起行政诉讼 (format 1.1).
    case litigationFiled = "litigation-filed"
    /// 行政诉讼判决, with its `ruling` (format 1.1).
    case judgment
}

public enum ReviewResult: String, Hashable, Sendable, Codable, CaseIterable { case approved, rejected, revise }

public enum DeliveryMethod: String, Hashable, Sendable, Codable, CaseIterable {
    case direct, mail, electronic
    /// 留置送达
    case left
    /// 公告送达
    case publicNotice = "public-notice"
}

public enum RevokedBy: String, Hashable, Sendable, Codable, CaseIterable { case reconsideration, court, `self` }

/// One step of a case. Attributes that only some kinds carry are optional.
public struct Event: Hashable, Sendable, Codable {
    public var kind: EventKind
    public var date: CalendarDate
    /// Ids as written, in order; unknown ids are kept for the audit to flag.
    public var officers: [String]
    /// `seizure`, `seizure-extended`: last day of the measure.
    public var until: CalendarDate?
    /// `notice`: whether 听证 rights were told.
    public var hearingRights: Bool?
    /// `legal-review`
    public var reviewer: String?
    public var result: ReviewResult?
    /// `extension`: calendar days approved, 1 to `maxExtensionDays`.
    public var days: Int?

    /// The longest single extension the interchange format accepts. 行政处罚法 第六十条 gives 90 days
    /// "法律、法规、规章另有规定的，从其规定"; the rules that extend it (e.g. 市场监督管理行政处罚程序规定
    /// 第六十四条: 30 days at a time) never approve a year at once. The XSD holds the same bound.
    public static let maxExtensionDays = 365
    /// `decision`: 文号.
    public var number: String?
    /// `delivery`
    public var method: DeliveryMethod?
    /// `revoked`
    public var revokedBy: RevokedBy?
    /// `reconsideration-decided`, `judgment`
    public var ruling: Ruling?
    public var records: [Record]
    /// Line of the event in the file it came from, for findings that point at it; 0 when unknown.
    public var line: Int

    public init(
        kind: EventKind, date: CalendarDate, officers: [String] = [], until: CalendarDate? = nil,
        hearingRights: Bool? = nil, reviewer: String? = nil, result: ReviewResult? = nil,
        days: Int? = nil, number: String? = nil, method: DeliveryMethod? = nil,
        revokedBy: RevokedBy? = nil, ruling: Ruling? = nil, records: [Record] = [], line: Int = 0
    ) {
        self.kind = kind
        self.date = date
        self.officers = officers
        self.until = until
        self.hearingRights = hearingRights
        self.reviewer = reviewer
        self.result = result
        self.days = days
        self.number = number
        self.method = method
        self.revokedBy = revokedBy
        self.ruling = ruling
        self.records = records
        self.line = line
    }
}

/// 处罚种类.
public enum PenaltyKind: String, Hashable, Sendable, Codable, CaseIterable {
    case warning, criticism, fine
    case confiscateIncome = "confiscate-income"
    case confiscateProperty = "confiscate-property"
    case lowerQualification = "lower-qualification"
    case suspendLicense = "suspend-license"
    case revokeLicense = "revoke-license"
    case orderSuspension = "order-suspension"
    case orderClosure = "order-closure"
    case restrictEmployment = "restrict-employment"
    case detention, other
}

public struct Penalty: Hashable, Sendable, Codable {
    public var kind: PenaltyKind
    public var amount: Money?

    public init(kind: PenaltyKind, amount: Money? = nil) {
        self.kind = kind
        self.amount = amount
    }
}

public struct BaseAmount: Hashable, Sendable, Codable {
    public var name: String
    public var amount: Money

    public init(name: String, amount: Money) {
        self.name = name
        self.amount = amount
    }
}

public struct Discretion: Hashable, Sendable, Codable {
    public var level: String
    public var reason: String?

    public init(level: String, reason: String? = nil) {
        self.level = level
        self.reason = reason
    }
}

public enum GrantResult: String, Hashable, Sendable, Codable, CaseIterable { case granted, denied }

public struct Outcome: Hashable, Sendable, Codable {
    public var penalties: [Penalty]
    public var bases: [BaseAmount]
    public var discretion: Discretion?
    public var grant: GrantResult?

    public init(penalties: [Penalty] = [], bases: [BaseAmount] = [], discretion: Discretion? = nil, grant: GrantResult? = nil) {
        self.penalties = penalties
        self.bases = bases
        self.discretion = discretion
        self.grant = grant
    }
}

/// 事后公示.
public struct Disclosure: Hashable, Sendable, Codable {
    public var date: CalendarDate?
    public var platform: String?
    public var url: String?
    public var withdrawn: CalendarDate?
    /// Present (possibly empty) when the case claims exemption from disclosure.
    public var exempt: String?
    public var text: String?

    public init(
        date: CalendarDate? = nil, platform: String? = nil, url: String? = nil,
        withdrawn: CalendarDate? = nil, exempt: String? = nil, text: String? = nil
    ) {
        self.date = date
        self.platform = platform
        self.url = url
        self.withdrawn = withdrawn
        self.exempt = exempt
        self.text = text
    }
}

/// 案卷: one enforcement case as the interchange format carries it.
public struct EnforcementCase: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var agency: String
    public var type: CaseType
    public var procedure: Procedure
    /// `major="true"`: on the agency's 重大执法决定目录. Rules also infer majority from the outcome.
    public var declaredMajor: Bool
    public var party: Party
    public var matter: Matter?
    public var events: [Event]
    public var outcome: Outcome?
    public var disclosure: Disclosure?
    /// The 事项编码 of the agency's 权责清单 the case exercises (format 1.1); nil when it names none.
    public var power: String?
    /// What published 双公示 lists hold for this decision; not part of the interchange format
    /// (the store attaches it, as it does a record's `evidence`).
    public var publications: [Publication] = []

    public init(
        id: String, agency: String, type: CaseType, procedure: Procedure = .general,
        declaredMajor: Bool = false, party: Party, matter: Matter? = nil, events: [Event] = [],
        outcome: Outcome? = nil, disclosure: Disclosure? = nil, power: String? = nil
    ) {
        self.id = id
        self.agency = agency
        self.type = type
        self.procedure = procedure
        self.declaredMajor = declaredMajor
        self.party = party
        self.matter = matter
        self.events = events
        self.outcome = outcome
        self.disclosure = disclosure
        self.power = power
    }

    /// The first `decision` event, which every decision-dated rule counts from.
    public var decision: Event? { events.first(.decision) }

    public func events(_ kind: EventKind) -> [Event] { events.all(kind) }

    /// The event after which the decision's disclosure must be withdrawn: a `revoked` event, or a
    /// 复议 decision or judgment that changed, revoked, found unlawful or void the decision,
    /// whichever came first. The one home that the withdrawal rule and the due list read.
    public var withdrawalCause: Event? {
        // The earliest such event, looked at in place: only the one returned is copied.
        var earliest: Int?
        for index in events.indices {
            let event = events[index]
            guard event.kind == .revoked || ((event.kind == .reconsiderationDecided || event.kind == .judgment) && event.ruling?.requiresWithdrawal == true)
            else { continue }
            if earliest.map({ event.date < events[$0].date }) ?? true { earliest = index }
        }
        return earliest.map { events[$0] }
    }
}

extension EnforcementCase {
    /// The case as it stood at the end of `date`: events dated later have not happened yet, so
    /// they are set aside; a disclosure published later is not yet published (nor withdrawn), and
    /// an outcome belongs to its decision, so it is not there before the decision is.
    /// Returns the case and how many events were set aside.
    public func asOf(_ date: CalendarDate) -> (enforcementCase: EnforcementCase, eventsSetAside: Int) {
        guard
            events.indices.contains(where: { events[$0].date > date }) || (disclosure?.date ?? date) > date
                || (disclosure?.withdrawn ?? date) > date
        else { return (self, 0) }
        var c = self
        c.events = events.filter { $0.date <= date }
        if c.decision == nil { c.outcome = nil }
        if var published = c.disclosure {
            if let withdrawn = published.withdrawn, withdrawn > date { published.withdrawn = nil }
            if let day = published.date, day > date {
                c.disclosure = nil
            } else {
                c.disclosure = published
            }
        }
        return (c, events.count - c.events.count)
    }

    /// The days on which `asOf(_:)` gives the same case as on `day`: from the case's last date on
    /// or before `day` to the day before its next date after it (events, publication, withdrawal).
    public func standingWindow(around day: CalendarDate) -> ReuseWindow {
        var dates = events.indices.map { events[$0].date }
        if let published = disclosure?.date { dates.append(published) }
        if let withdrawn = disclosure?.withdrawn { dates.append(withdrawn) }
        let before = dates.filter { $0 <= day }.max()
        let after = dates.filter { $0 > day }.min()
        return ReuseWindow(first: before ?? .earliest, last: after.map { CalendarDate(dayNumber: $0.dayNumber - 1) } ?? .latest)
    }
}

/// The as-of days, both ends included, on which a case's audit is the same.
public struct ReuseWindow: Sendable, Equatable {
    public var first: CalendarDate
    public var last: CalendarDate

    public init(first: CalendarDate, last: CalendarDate) {
        self.first = first
        self.last = last
    }

    public func contains(_ day: CalendarDate) -> Bool { first <= day && day <= last }
}
