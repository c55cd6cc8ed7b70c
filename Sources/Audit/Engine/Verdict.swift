import CaseModel

/// A deadline a rule computed, with the counting rule it used so that a reader can redo it by hand.
public struct Deadline: Sendable, Equatable {
    public var date: CalendarDate
    /// e.g. "2024-02-05后第7个工作日（工作日依国务院办公厅2024年节假日安排通知）".
    public var rule: String
}

/// One failure of a rule in a case, naming what is behind it.
public struct Violation: Sendable, Equatable {
    public var message: String
    /// The event it concerns: its kind, date and position in the case.
    public var event: EventReference?
    public var officer: String?
    public var date: CalendarDate?
    public var amount: Money?
    public var deadline: Deadline?

    public init(_ message: String, event: EventReference? = nil, officer: String? = nil, date: CalendarDate? = nil,
                amount: Money? = nil, deadline: Deadline? = nil) {
        self.message = message; self.event = event; self.officer = officer; self.date = date
        self.amount = amount; self.deadline = deadline
    }
}

public struct EventReference: Sendable, Equatable, Codable {
    public var kind: String
    public var date: CalendarDate
    /// 1-based position among the case's events.
    public var position: Int
    /// Line in the imported file, when known.
    public var line: Int?

    public var description: String { "第\(position)个环节（\(EventKind(rawValue: kind)?.chineseName ?? kind) \(date)）" }
}

/// What a rule found in one case.
public enum Verdict: Sendable, Equatable {
    case pass(String)
    case notApplicable(String)
    case fail([Violation])
    /// The rule could not decide (a year the calendar lacks, a fact the file does not state): a person must.
    case manual(String)

    static func fail(_ violation: Violation) -> Verdict { .fail([violation]) }

    /// Fails with every violation found, or passes with `message` when there is none.
    static func failing(_ violations: [Violation], else message: String) -> Verdict {
        violations.isEmpty ? .pass(message) : .fail(violations)
    }
}
