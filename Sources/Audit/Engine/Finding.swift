import CaseModel

public enum FindingStatus: String, Codable, Sendable {
    case pass, fail, manual
    case notApplicable = "not-applicable"
}

/// One line of a case's audit: a rule's verdict (one finding per failure) or a manual item.
public struct Finding: Codable, Sendable, Equatable {
    public var rule: String
    public var status: FindingStatus
    public var severity: Severity
    public var deduction: Double
    public var message: String
    public var title: String
    public var category: String
    public var basis: String?
    public var veto: Bool?
    public var event: EventReference?
    public var officer: String?
    public var date: CalendarDate?
    /// Yuan, as written in the interchange format.
    public var amount: String?
    public var deadline: CalendarDate?
    public var calendarRule: String?
    /// Manual items: who scored them and when.
    public var reviewer: String?
}

/// Deductions within one category of the checklist, with its cap applied.
public struct CategoryScore: Codable, Sendable, Equatable {
    public var name: String
    public var points: Double
    public var deducted: Double
}

/// The audit of one case.
public struct CaseAudit: Codable, Sendable, Equatable {
    public var id: String
    public var agency: String
    public var type: String
    public var score: Double
    public var grade: String
    public var veto: Bool
    public var categories: [CategoryScore]
    public var findings: [Finding]
    /// Events dated after the as-of date, left out because they had not happened yet; nil when none.
    public var eventsSetAside: Int?
    /// What supervision counts of this case; nil for a case that could not be read.
    public var indicators: CaseIndicators?

    public var failures: [Finding] { findings.filter { $0.status == .fail } }
}
