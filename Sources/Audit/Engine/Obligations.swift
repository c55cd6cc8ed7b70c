import CaseModel
import WorkCalendar

/// An open obligation of a case with its deadline: what 预警 lists before it is late.
public struct DueObligation: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case disclosure, delivery, decision
        case licenseDecision = "license-decision"
        case seizure
        case withdrawal
    }

    public var `case`: String
    public var agency: String
    public var obligation: Kind
    public var title: String
    public var deadline: CalendarDate
    public var overdue: Bool
    /// Working days from the as-of date to the deadline; negative when overdue.
    public var workdaysLeft: Int
    public var rule: String

    /// Calendar days past the deadline on `asOf`; 0 when not overdue.
    public func daysOverdue(asOf: CalendarDate) -> Int {
        overdue ? max(0, Int(asOf.dayNumber) - Int(deadline.dayNumber)) : 0
    }

    /// What the due lists print as the item's state: `逾期3天`, `今日到期`, `剩2个工作日`.
    public func standing(asOf: CalendarDate) -> String {
        if overdue { return "逾期\(daysOverdue(asOf: asOf))天" }
        return workdaysLeft == 0 ? "今日到期" : "剩\(workdaysLeft)个工作日"
    }
}

extension DueObligation {
    /// An obligation with this deadline as it stands on `asOf`: whether it is overdue and how many
    /// working days are left (negative when overdue; unknown beyond the calendar: `Int.max`, or -1
    /// when past), for the scan and the due index alike.
    public init(case id: String, agency: String, kind: Kind, deadline: CalendarDate, rule: String, asOf: CalendarDate, calendar: WorkingDayCalendar) {
        let left = (try? calendar.workdays(from: asOf, through: deadline)) ?? (deadline < asOf ? -1 : Int.max)
        self.init(
            case: id, agency: agency, obligation: kind, title: kind.chineseName, deadline: deadline, overdue: asOf > deadline,
            workdaysLeft: left, rule: rule)
    }
}

/// Finds every open obligation whose deadline falls within N working days of a date, or has passed.
public struct DueScanner: Sendable {
    public let auditor: CaseAuditor

    public init(auditor: CaseAuditor) { self.auditor = auditor }

    /// The open obligations of one case, whatever their deadline; those a calendar cannot date are skipped.
    /// Each deadline is the one the rule judges against (`Deadlines.swift`), so the early warning and
    /// the audit cannot drift apart.
    public func obligations(of stored: EnforcementCase, asOf: CalendarDate) -> [DueObligation] {
        let context = auditor.context(for: stored, asOf: asOf)
        // The case as it stood on the as-of date: an obligation met later was still open then.
        let c = context.enforcementCase
        var found: [DueObligation] = []
        func add(_ kind: DueObligation.Kind, _ period: () throws -> Period?) {
            guard let period = try? period() else { return }
            let deadline = period.deadline
            found.append(
                DueObligation(
                    case: c.id, agency: c.agency, kind: kind, deadline: deadline.date, rule: deadline.rule, asOf: asOf, calendar: auditor.calendar))
        }
        if context.decision != nil {
            if c.disclosure == nil || (c.disclosure?.date == nil && c.disclosure?.exempt == nil) {
                add(.disclosure) { try context.disclosurePeriod() }
            }
            if !c.events.contains(.delivery) {
                add(.delivery) { try context.deliveryPeriod() }
            }
        } else {
            add(.decision) { try context.decisionPeriod() }
            add(.licenseDecision) { try context.licensePeriod() }
        }
        if context.first(.seizureReleased) == nil {
            add(.seizure) { try context.seizurePeriod() }
        }
        if c.disclosure?.withdrawn == nil {
            add(.withdrawal) { try context.withdrawalPeriod() }
        }
        return found
    }
}
