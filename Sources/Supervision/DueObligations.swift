import Audit
import CaseModel
import CaseStore
import WorkCalendar

/// An open obligation of a case with its deadline: what 预警 lists before it is late.
public struct DueObligation: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case disclosure, delivery, decision
        case licenseDecision = "license-decision"
        case seizure
        case withdrawal

        public var chineseName: String {
            switch self {
            case .disclosure: "公示"
            case .delivery: "送达决定书"
            case .decision: "作出处罚决定（九十日）"
            case .licenseDecision: "作出许可决定"
            case .seizure: "解除查封扣押"
            case .withdrawal: "撤回被撤销决定的公示"
            }
        }
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
}

/// Finds every open obligation whose deadline falls within N working days of a date, or has passed.
public struct DueScanner: Sendable {
    public let auditor: CaseAuditor

    public init(auditor: CaseAuditor) { self.auditor = auditor }

    /// The open obligations of one case, whatever their deadline; those a calendar cannot date are skipped.
    public func obligations(of stored: EnforcementCase, asOf: CalendarDate) -> [DueObligation] {
        let context = auditor.context(for: stored, asOf: asOf)
        // The case as it stood on the as-of date: an obligation met later was still open then.
        let c = context.enforcementCase
        var found: [DueObligation] = []
        func add(_ kind: DueObligation.Kind, _ deadline: () throws -> Deadline) {
            guard let deadline = try? deadline() else { return }
            let left = (try? auditor.calendar.workdays(from: asOf, through: deadline.date)) ?? (deadline.date < asOf ? -1 : Int.max)
            found.append(DueObligation(case: c.id, agency: c.agency, obligation: kind, title: kind.chineseName, deadline: deadline.date,
                                       overdue: asOf > deadline.date, workdaysLeft: left, rule: deadline.rule))
        }
        let p = auditor.parameters
        if let decision = context.decision {
            if c.disclosure == nil || (c.disclosure?.date == nil && c.disclosure?.exempt == nil) {
                add(.disclosure) { try context.disclosureDeadline(decision) }
            }
            if c.type == .penalty, !c.events.contains(where: { $0.kind == .delivery }) {
                add(.delivery) { try context.workdays(p.deliveryWorkdays, after: decision.date) }
            }
        } else {
            if c.type == .penalty, c.procedure == .general, let filed = context.first(.filed) {
                add(.decision) { try context.calendarDays(context.decisionPeriodDays, after: filed.date) }
            }
            if c.type == .license, let accepted = context.first(.accepted) {
                let days = context.first(.extension) == nil ? p.licenseWorkdays : p.licenseExtendedWorkdays
                add(.licenseDecision) { try context.workdays(days, after: accepted.date) }
            }
        }
        if let seizure = context.first(.seizure), context.first(.seizureReleased) == nil {
            let days = context.events(.seizureExtended).isEmpty ? p.seizureDays : p.seizureExtendedDays
            add(.seizure) { try context.calendarDays(days, after: seizure.date) }
        }
        if let revoked = context.first(.revoked), let published = c.disclosure?.date, c.disclosure?.withdrawn == nil {
            add(.withdrawal) { try context.workdays(p.disclosureWithdrawWorkdays, after: max(revoked.date, published)) }
        }
        return found
    }

    /// Every obligation of the store's cases due within `within` working days of `asOf`, or overdue,
    /// soonest first.
    public func scan(store: CaseStore, asOf: CalendarDate, within: Int, agency: String? = nil) throws -> [DueObligation] {
        var due: [DueObligation] = []
        try store.forEachBatch(of: store.caseIds(agency: agency)) { cases, _ in
            for c in cases {
                due += obligations(of: c, asOf: asOf).filter { $0.overdue || $0.workdaysLeft <= within }
            }
        }
        return due.sorted { ($0.deadline, $0.case, $0.obligation.rawValue) < ($1.deadline, $1.case, $1.obligation.rawValue) }
    }
}
