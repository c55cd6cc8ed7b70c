import CaseModel

/// A deadline a rule computed, with the counting rule it used so that a reader can redo it by hand.
public struct Deadline: Sendable, Equatable {
    public enum Counting: Sendable, Equatable {
        /// The N-th working day after the start.
        case workdays(Int)
        /// Start + N days, moved to the next working day when that day is not one.
        case calendarDays(Int)
        /// Years, for limitation periods; `note` says which period applies.
        case years(Int, note: String)
    }

    public var date: CalendarDate
    public var start: CalendarDate
    public var counting: Counting

    public init(date: CalendarDate, start: CalendarDate, counting: Counting) {
        self.date = date
        self.start = start
        self.counting = counting
    }

    /// e.g. "2024-02-05后第7个工作日（工作日依国务院办公厅2024年部分节假日安排的通知）". Written only
    /// when a finding shows it: most deadlines are met, and their explanation is never read.
    public var rule: String {
        let years = Array(Set([start.year, date.year])).sorted().map(String.init).joined(separator: "、")
        let citation = "工作日依国务院办公厅\(years)年部分节假日安排的通知"
        switch counting {
        case .workdays(let n):
            return "\(start)后第\(n)个工作日（\(citation)）"
        case .calendarDays(let n):
            let plain = start.adding(days: n)
            let moved = date == plain ? "" : "，\(plain)为休息日，顺延至其后第一个工作日"
            return "\(start)起\(n)日\(moved)（\(citation)）"
        case .years(let n, let note):
            return "\(start)起\(n)年\(note)"
        }
    }
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
    /// The clause this failure breaks, when a rule checks conditions from different clauses; nil
    /// for the rule's own basis.
    public var basis: String?

    public init(
        _ message: String, event: EventReference? = nil, officer: String? = nil, date: CalendarDate? = nil,
        amount: Money? = nil, deadline: Deadline? = nil, basis: String? = nil
    ) {
        self.message = message
        self.event = event
        self.officer = officer
        self.date = date
        self.amount = amount
        self.deadline = deadline
        self.basis = basis
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
