import CaseModel
import WorkCalendar

/// Everything a rule may read about one case, with the facts several rules share worked out once.
public struct AuditContext: Sendable {
    public let enforcementCase: EnforcementCase
    /// The day the case is audited as of. Reading it is noted (`asOfWasRead`): a judgment that
    /// never looked at the day holds for every day on which the case stood the same, which is what
    /// lets an incremental audit reuse it (`CaseAuditor.auditForReuse`).
    public var asOf: CalendarDate {
        asOfReads.noteRead()
        return asOfDate
    }
    private let asOfDate: CalendarDate
    private let asOfReads = AsOfReads()
    /// Whether any rule, or the indicators, read `asOf` since the context was made.
    public var asOfWasRead: Bool { asOfReads.wasRead }
    public let calendar: WorkingDayCalendar
    public let parameters: AuditParameters
    /// The registry's people by id.
    public let people: [String: Officer]
    /// The benchmark item `matter/@item` names, from the agency's benchmarks in force; nil when none.
    public let benchmarkItem: BenchmarkItem?
    /// When no set in force holds the item but a later set does: the day that set took effect.
    public let benchmarkItemTakesEffect: CalendarDate?
    /// The agency's name as the registry holds it, else its code: what findings say.
    public let agencyName: String
    /// The agency's 权责清单 as the registry holds it; empty when none was imported.
    public let agencyPowers: PowerList
    /// The published 双公示 lists whose period and agencies cover this decision.
    public let publishedCoverage: [PublishedCoverage]
    /// The disclosure day the case file records, whatever a published list says (the context's
    /// case is dated as published: `EnforcementCase.asPublished`).
    public let recordedDisclosure: CalendarDate?

    public let decision: Event?
    /// Sum of the fines, nil when the outcome has none.
    public let fine: Money?
    /// Sum of confiscations (没收违法所得, 没收非法财物).
    public let confiscation: Money
    /// Why the decision is major (重大执法决定); empty when it is not.
    public let majorReasons: [String]
    /// Why the outcome grants hearing rights; empty when it does not.
    public let hearingRightReasons: [String]
    /// Events dated after the as-of date, which the context leaves out.
    public let eventsSetAside: Int
    /// The 决定书 attached to the decision and the 告知书 to the last notice before it, when their
    /// text was read on import (`CaseDocument`); made once here, read by every document rule.
    public let decisionDocument: CaseDocument?
    public let noticeDocument: CaseDocument?

    public var isMajor: Bool { !majorReasons.isEmpty }

    /// How a finding names the disclosure day it judged: `公示日2024-04-08`, or, where a published
    /// list dated it, `公示平台发布日2024-04-09（案卷记载2024-04-03）`.
    public func disclosureDay(_ day: CalendarDate) -> String {
        guard enforcementCase.publishedDate == day else { return "公示日\(day)" }
        return "公示平台发布日\(day)" + (recordedDisclosure.map { $0 == day ? "" : "（案卷记载\($0)）" } ?? "（案卷未记载）")
    }
    public var grantsHearingRights: Bool { !hearingRightReasons.isEmpty }
    public var imposesPenalty: Bool { !(enforcementCase.outcome?.penalties.isEmpty ?? true) }

    /// Kinds of penalty that by themselves make a decision major and grant hearing rights (行政处罚法 63).
    static let weightyPenalties: Set<PenaltyKind> = [.revokeLicense, .lowerQualification, .orderSuspension, .orderClosure, .restrictEmployment]

    public init(
        enforcementCase c: EnforcementCase, asOf: CalendarDate, calendar: WorkingDayCalendar,
        parameters: AuditParameters, people: [String: Officer], benchmarkItem: BenchmarkItem?,
        benchmarkItemTakesEffect: CalendarDate? = nil, agencyName: String? = nil, agencyPowers: PowerList = PowerList([]),
        publishedCoverage: [PublishedCoverage] = [], recordedDisclosure: CalendarDate? = nil, eventsSetAside: Int = 0
    ) {
        self.enforcementCase = c
        self.eventsSetAside = eventsSetAside
        self.asOfDate = asOf
        self.calendar = calendar
        self.parameters = parameters
        self.people = people
        self.benchmarkItem = benchmarkItem
        self.benchmarkItemTakesEffect = benchmarkItem == nil ? benchmarkItemTakesEffect : nil
        self.agencyName = agencyName ?? c.agency
        self.agencyPowers = agencyPowers
        self.publishedCoverage = publishedCoverage
        self.recordedDisclosure = recordedDisclosure
        self.decision = c.decision
        self.decisionDocument = CaseDocument.decision(of: c)
        self.noticeDocument = CaseDocument.notice(of: c)

        let penalties = c.outcome?.penalties ?? []
        let fines = penalties.filter { $0.kind == .fine }.compactMap(\.amount)
        let fine = fines.isEmpty ? nil : fines.reduce(Money(fen: 0), +)
        let confiscation = penalties.filter { $0.kind == .confiscateIncome || $0.kind == .confiscateProperty }
            .compactMap(\.amount).reduce(Money(fen: 0), +)
        self.fine = fine
        self.confiscation = confiscation

        let threshold = parameters.majorAmount(for: c.party.kind)
        let weighty = penalties.map(\.kind).filter { Self.weightyPenalties.contains($0) || $0 == .detention }
        var major: [String] = []
        if c.declaredMajor { major.append("列入重大执法决定目录") }
        if c.events.contains(.hearing) { major.append("经过听证") }
        for kind in weighty { major.append("处罚种类为\(kind.chineseName)") }
        let total = (fine ?? Money(fen: 0)) + confiscation
        if total >= threshold { major.append("罚没金额\(total)达到较大数额\(threshold)") }
        self.majorReasons = major

        var hearing: [String] = []
        if let fine, fine >= threshold { hearing.append("罚款\(fine)达到较大数额\(threshold)") }
        if confiscation >= threshold { hearing.append("没收\(confiscation)达到较大数额\(threshold)") }
        for kind in penalties.map(\.kind) where Self.weightyPenalties.contains(kind) { hearing.append("处罚种类为\(kind.chineseName)") }
        self.hearingRightReasons = hearing
    }

    // MARK: Events

    public func reference(_ event: Event) -> EventReference {
        let events = enforcementCase.events
        let position = (events.indices.first { events[$0] == event } ?? -1) + 1
        return EventReference(kind: event.kind.rawValue, date: event.date, position: position, line: event.line == 0 ? nil : event.line)
    }

    /// The events of any of `kinds`, in order; each looked at in place, only those returned copied.
    public func events(_ kinds: EventKind...) -> [Event] {
        let events = enforcementCase.events
        return events.indices.filter { kinds.contains(events[$0].kind) }.map { events[$0] }
    }

    public func first(_ kind: EventKind) -> Event? { enforcementCase.events.first(kind) }

    /// Calendar days of every approved extension, added without overflow: each is at most
    /// `Event.maxExtensionDays` on import, but a row changed by hand may hold anything.
    public var extensionDays: Int {
        events(.extension).compactMap(\.days).reduce(0) { sum, days in
            let (total, overflow) = sum.addingReportingOverflow(days)
            return overflow ? Int.max : total
        }
    }

    /// 行政处罚法 第六十条: the decision period in calendar days, 90 plus approved extensions.
    public var decisionPeriodDays: Int {
        let (total, overflow) = parameters.decisionDays.addingReportingOverflow(extensionDays)
        return overflow ? Int.max : total
    }

    // MARK: Deadlines

    /// "Within N working days of D": the N-th working day after D.
    public func workdays(_ n: Int, after date: CalendarDate) throws -> Deadline {
        Deadline(date: try calendar.addingWorkdays(n, to: date), start: date, counting: .workdays(n))
    }

    /// "Within N days of D": D + N, moved to the next working day when that day is not one.
    public func calendarDays(_ n: Int, after date: CalendarDate) throws -> Deadline {
        Deadline(date: try calendar.calendarPeriodEnd(n, from: date), start: date, counting: .calendarDays(n))
    }

    /// A decision due by `deadline`, counted from `start`: in time, late, still open, or overdue.
    func judgeDecision(due deadline: Deadline, counting start: Event, what: String) -> Verdict {
        if let decision {
            guard decision.date > deadline.date else { return .pass("\(start.kind.chineseName)\(start.date)，决定\(decision.date)，期限\(deadline.date)") }
            return .fail(
                Violation(
                    "\(start.kind.chineseName)\(start.date)，\(decision.date)才作出\(what)，超过期限\(deadline.date)",
                    event: reference(decision), date: decision.date, deadline: deadline))
        }
        guard asOf > deadline.date else { return .pass("尚未作出\(what)，期限\(deadline.date)未届满") }
        return .fail(
            Violation(
                "\(start.kind.chineseName)\(start.date)，至\(asOf)仍未作出\(what)，期限\(deadline.date)已过",
                event: reference(start), deadline: deadline))
    }

    // MARK: People

    /// A certificate of the case's agency that covers `date`, when the person holds one.
    public func coveringCertificate(_ officerId: String, on date: CalendarDate) -> Certificate? {
        guard let person = people[officerId], person.roles.contains(.officer),
            person.agency == enforcementCase.agency
        else { return nil }
        return person.certificates.first { $0.covers(date) }
    }

    /// Why a person may not act on `date`; nil when they may.
    public func whyCannotAct(_ officerId: String, on date: CalendarDate) -> String? {
        guard let person = people[officerId] else { return "\(officerId)不在执法人员名录中" }
        if !person.roles.contains(.officer) {
            return person.roles.contains(.auxiliary)
                ? "\(person.name)（\(officerId)）为执法辅助人员，不具备执法资格"
                : "\(person.name)（\(officerId)）不是持证执法人员"
        }
        if person.agency != enforcementCase.agency {
            return "\(person.name)（\(officerId)）属\(person.agency)，不是本案执法主体\(enforcementCase.agency)的执法人员"
        }
        if person.certificates.contains(where: { $0.covers(date) }) { return nil }
        guard !person.certificates.isEmpty else { return "\(person.name)（\(officerId)）未取得执法证" }
        let reasons = person.certificates.map { c -> String in
            if date < c.issued { return "执法证\(c.number)自\(c.issued)起才有效" }
            if date > c.expires { return "执法证\(c.number)已于\(c.expires)到期" }
            let word = c.status == .revoked ? "吊销" : "暂扣"
            return "执法证\(c.number)自\(c.since.map(String.init(describing:)) ?? "")起被\(word)"
        }
        return "\(person.name)（\(officerId)）于\(date)无有效执法证：" + reasons.joined(separator: "；")
    }
}

/// Whether a context's as-of day was read. One context is used by one thread at a time (a case is
/// audited on one thread), so a plain flag does; it is a class so that the struct's copies share it.
final class AsOfReads: @unchecked Sendable {
    private(set) var wasRead = false
    func noteRead() { wasRead = true }
}
