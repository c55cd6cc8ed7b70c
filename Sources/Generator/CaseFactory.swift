import CaseModel
import WorkCalendar

/// Makes realistic cases: clean by construction (every deadline met on the real working-day calendar),
/// except for the one defect a small share of them carries on purpose.
public struct CaseFactory: Sendable {
    public let agencies: SyntheticAgencies
    public let calendar: WorkingDayCalendar
    /// Share of cases that carry a defect.
    public var defectRate = 0.12
    /// Share of decided general-procedure fines whose 告知书 and 决定书 are written as files.
    public var documentRate = 0.1

    static let earliest = CalendarDate(year: 2016, month: 1, day: 4)!
    static let latest = CalendarDate(year: 2026, month: 6, day: 30)!

    public init(agencies: SyntheticAgencies, calendar: WorkingDayCalendar) {
        self.agencies = agencies
        self.calendar = calendar
    }

    /// The `index`-th case of a data set, and the defect it carries, if any.
    public func make(_ index: Int, using rng: inout SeededGenerator) -> (EnforcementCase, Defect?) {
        let (c, defect, _) = makeWithDocuments(index, using: &rng)
        return (c, defect)
    }

    /// `make`, with the document files the case's records name (`documents/…`, beside its file).
    public func makeWithDocuments(_ index: Int, using rng: inout SeededGenerator) -> (EnforcementCase, Defect?, [GeneratedFile]) {
        let staff = rng.pick(agencies.staff)
        let roll = Double.random(in: 0..<1, using: &rng)
        let type: CaseType = roll < 0.70 ? .penalty : roll < 0.85 ? .license : roll < 0.92 ? .inspection : .coercion
        let span = Int(Self.earliest.days(to: Self.latest))
        let start = next(Self.earliest.adding(days: Int.random(in: 0..<span, using: &rng)))
        var builder = Builder(
            factory: self, staff: staff, id: "\(staff.agency.code)-\(start.year)-\(String(format: "%07d", index + 1))",
            type: type, start: start)
        builder.build(using: &rng)
        var defect: Defect?
        if rng.chance(defectRate) {
            let fitting = Defect.allCases.filter { $0.applies(to: type, procedure: builder.c.procedure, major: builder.major, fined: builder.fined) }
            if !fitting.isEmpty {
                defect = rng.pick(fitting)
                builder.plant(defect!, using: &rng)
            }
        }
        var c = builder.c
        let files = attachDocuments(&c, defect: &defect, index: index, agency: staff.agency)
        return (c, defect, files)
    }

    func next(_ date: CalendarDate) -> CalendarDate { (try? calendar.nextWorkday(onOrAfter: date)) ?? date }

    func workdays(_ n: Int, after date: CalendarDate) -> CalendarDate { (try? calendar.addingWorkdays(n, to: date)) ?? date.adding(days: n * 2) }
}

/// Builds one case step by step; `plant` then breaks exactly one thing.
struct Builder {
    let factory: CaseFactory
    let staff: SyntheticAgencies.Staff
    var c: EnforcementCase
    let start: CalendarDate
    var major = false
    var fined = false
    private var pair: [String] = []

    init(factory: CaseFactory, staff: SyntheticAgencies.Staff, id: String, type: CaseType, start: CalendarDate) {
        self.factory = factory
        self.staff = staff
        self.start = start
        c = EnforcementCase(id: id, agency: staff.agency.code, type: type, party: Party(kind: .organisation, name: ""))
    }

    func wd(_ n: Int, after date: CalendarDate) -> CalendarDate { factory.workdays(n, after: date) }

    func event(_ kind: EventKind, _ date: CalendarDate, officers: [String] = [], video: Bool = false) -> Event {
        var records = [Record(kind: .text, title: kind.chineseName + "记录")]
        if video { records.append(Record(kind: .audioVideo, title: "执法记录仪视频")) }
        return Event(kind: kind, date: date, officers: officers, records: records)
    }

    mutating func build(using rng: inout SeededGenerator) {
        let first = Int.random(in: 0..<(staff.officers.count - 1), using: &rng)
        pair = [staff.officers[first], staff.officers[first + 1]]
        let organisation = rng.chance(0.7)
        c.party = Party(
            kind: organisation ? .organisation : .individual,
            name: organisation ? "某\(["商贸", "食品", "建材", "物流", "餐饮", "科技"][Int.random(in: 0..<6, using: &rng)])有限公司" : "当事人",
            creditCode: organisation ? "91340000MA\(String(format: "%08d", Int.random(in: 0..<100_000_000, using: &rng)))" : nil)
        let suffix: [CaseType: String] = [.penalty: "P", .license: "L", .coercion: "Q", .inspection: "J"]
        c.power = suffix[c.type].map { "\(staff.agency.code)-\($0)" }
        switch c.type {
        case .penalty: buildPenalty(using: &rng)
        case .license: buildLicense(using: &rng)
        case .coercion: buildCoercion(using: &rng)
        default: buildInspection(using: &rng)
        }
    }

    private mutating func disclose(after decision: CalendarDate, within days: Int, using rng: inout SeededGenerator) {
        c.disclosure = Disclosure(date: wd(Int.random(in: 1...days, using: &rng), after: decision), platform: "政府网站")
    }

    private mutating func buildPenalty(using rng: inout SeededGenerator) {
        let simple = rng.chance(0.1)
        let code = staff.agency.code
        let violation = start.adding(days: -Int.random(in: 1...20, using: &rng))
        if simple {
            c.procedure = .simple
            c.matter = Matter(item: "\(code)-A", violationDate: violation, text: "未按规定公示证照信息")
            let limit: Int64 = c.party.kind == .individual ? 200 : 3000
            let warnOnly = rng.chance(0.4)
            c.outcome = Outcome(
                penalties: warnOnly ? [Penalty(kind: .warning)] : [Penalty(kind: .fine, amount: Money(yuan: Int64.random(in: 50...limit, using: &rng)))],
                discretion: Discretion(level: "从轻", reason: "违法情节轻微"))
            fined = !warnOnly
            // 行政处罚法 第四十四条、第五十二条: the party is told on the spot, before the decision.
            c.events = [
                event(.inspection, start, officers: [pair[0]], video: true), event(.notice, start, officers: [pair[0]]),
                event(.decision, start, officers: [pair[0]]), event(.delivery, start)
            ]
            c.events[1].hearingRights = false
            c.events[2].number = "简罚〔\(start.year)〕\(c.id.suffix(7))号"
            c.events[3].method = .direct
            disclose(after: start, within: 6, using: &rng)
            return
        }
        let (item, outcome) = penaltyOutcome(using: &rng)
        c.matter = Matter(item: item, violationDate: violation, text: "违法行为")
        c.outcome = outcome
        let threshold: Money = c.party.kind == .individual ? Money(yuan: 10_000) : Money(yuan: 100_000)
        let fine = outcome.penalties.first { $0.kind == .fine }?.amount
        fined = fine != nil
        major = (fine ?? Money(fen: 0)) >= threshold
        let filed = start
        let notice = wd(Int.random(in: 8...30, using: &rng), after: filed)
        let decision = wd(Int.random(in: 8...12, using: &rng), after: notice)
        var events = [event(.discovered, violation.adding(days: Int.random(in: 0...(violation.days(to: filed)), using: &rng)))]
        events.append(event(.filed, filed, officers: pair))
        events.append(event(.inspection, filed, officers: pair, video: true))
        events.append(event(.investigation, wd(Int.random(in: 1...5, using: &rng), after: filed), officers: pair, video: true))
        var told = event(.notice, notice, officers: pair)
        told.hearingRights = major
        events.append(told)
        if major {
            var review = event(.legalReview, wd(5, after: notice))
            review.reviewer = rng.pick(staff.reviewers)
            review.result = .approved
            events.append(review)
            events.append(event(.collectiveDiscussion, wd(6, after: notice)))
        }
        var decided = event(.decision, decision, officers: pair)
        decided.number = "罚〔\(decision.year)〕\(c.id.suffix(7))号"
        events.append(decided)
        var delivered = event(.delivery, wd(Int.random(in: 0...3, using: &rng), after: decision))
        delivered.method = rng.chance(0.8) ? .direct : .mail
        events.append(delivered)
        events.append(Event(kind: .closed, date: wd(15, after: decision)))
        c.events = events
        disclose(after: decision, within: 6, using: &rng)
    }

    /// An item, a level and a fine inside that level's band of the tier the case's base picks.
    private func penaltyOutcome(using rng: inout SeededGenerator) -> (String, Outcome) {
        let code = staff.agency.code
        func between(_ low: Int64, _ high: Int64) -> Money { Money(yuan: Int64.random(in: low...high, using: &rng)) }
        let which = Double.random(in: 0..<1, using: &rng)
        if which < 0.55 {
            let (level, low, high) = rng.pick([("从轻", Int64(0), Int64(3000)), ("一般", 3000, 7000), ("从重", 7000, 10_000)])
            return (
                "\(code)-A",
                Outcome(
                    penalties: [Penalty(kind: .fine, amount: between(max(low, 100), high))],
                    discretion: Discretion(level: level, reason: level == "一般" ? nil : "综合考虑违法情节"))
            )
        }
        if which < 0.80 {
            if rng.chance(0.6) {
                let base = between(1000, 9999)
                return (
                    "\(code)-B",
                    Outcome(
                        penalties: [Penalty(kind: .fine, amount: between(65_000, 85_000))],
                        bases: [BaseAmount(name: "goods-value", amount: base)], discretion: Discretion(level: "一般"))
                )
            }
            let base = Int64.random(in: 10_000...60_000, using: &rng)
            return (
                "\(code)-B",
                Outcome(
                    penalties: [Penalty(kind: .fine, amount: between(13 * base, 17 * base))],
                    bases: [BaseAmount(name: "goods-value", amount: Money(yuan: base))], discretion: Discretion(level: "一般"))
            )
        }
        if c.party.kind == .individual {
            return ("\(code)-C", Outcome(penalties: [Penalty(kind: .fine, amount: between(50, 150))], discretion: Discretion(level: "一般")))
        }
        let volume = Int64.random(in: 1...40, using: &rng)
        let amount = volume < 10 ? between(10_000, 20_000) : between(30_000, 40_000)
        return (
            "\(code)-C",
            Outcome(
                penalties: [Penalty(kind: .fine, amount: amount)],
                bases: [BaseAmount(name: "volume-m3", amount: Money(yuan: volume))], discretion: Discretion(level: "一般"))
        )
    }

    private mutating func buildLicense(using rng: inout SeededGenerator) {
        let decision = wd(Int.random(in: 5...20, using: &rng), after: start)
        var decided = event(.decision, decision, officers: pair)
        decided.number = "许〔\(decision.year)〕\(c.id.suffix(7))号"
        c.events = [
            event(.accepted, start, officers: pair), event(.inspection, wd(3, after: start), officers: pair, video: true),
            decided, event(.delivery, wd(1, after: decision))
        ]
        c.events[3].method = .direct
        c.outcome = Outcome(grant: rng.chance(0.9) ? .granted : .denied)
        disclose(after: decision, within: 6, using: &rng)
    }

    private mutating func buildCoercion(using rng: inout SeededGenerator) {
        var seizure = event(.seizure, start, officers: pair, video: true)
        seizure.until = start.adding(days: 30)
        var decided = event(.decision, start, officers: pair)
        decided.number = "强〔\(start.year)〕\(c.id.suffix(7))号"
        var delivered = event(.delivery, start)
        delivered.method = .direct
        c.matter = Matter(violationDate: start.adding(days: -1), text: "依法查封扣押涉案物品")
        c.events = [
            event(.discovered, start.adding(days: -1)), decided, seizure, delivered,
            event(.seizureReleased, start.adding(days: Int.random(in: 5...29, using: &rng)), officers: pair)
        ]
        disclose(after: start, within: 19, using: &rng)
    }

    private mutating func buildInspection(using rng: inout SeededGenerator) {
        let decision = wd(Int.random(in: 1...5, using: &rng), after: start)
        var decided = event(.decision, decision, officers: pair)
        decided.number = "检〔\(decision.year)〕\(c.id.suffix(7))号"
        var delivered = event(.delivery, wd(1, after: decision))
        delivered.method = .direct
        c.events = [event(.inspection, start, officers: pair, video: true), decided, delivered]
        disclose(after: decision, within: 19, using: &rng)
    }

    /// Breaks exactly what the defect names.
    mutating func plant(_ defect: Defect, using rng: inout SeededGenerator) {
        let decisionIndex = c.events.firstIndex { $0.kind == .decision }!
        let decision = c.events[decisionIndex].date
        switch defect {
        case .discloseLate:
            let days = c.type == .penalty || c.type == .license ? 7 : 20
            let late = wd(days + Int.random(in: 1...3, using: &rng), after: decision)
            c.disclosure?.date = late
        case .discloseMissing:
            c.disclosure = nil
        case .disclosePrivacy:
            c.disclosure?.text = "当事人身份证号34020219880506123X，依法予以处罚。"
        case .officerExpired:
            let acting = c.events.firstIndex { !$0.officers.isEmpty }!
            // Under 简易程序 one certified officer suffices, so the expired one must act alone there.
            c.events[acting].officers = c.procedure == .simple ? [staff.expired] : [c.events[acting].officers[0], staff.expired]
        case .discretionRange:
            // 2,000 lies below 一般 (3,000–7,000) of the fixed-amount item but inside its statutory 0–10,000.
            setFine(item: "-A", level: "一般", reason: nil, yuan: 2000)
        case .discretionReason:
            setFine(item: "-A", level: "从轻", reason: nil, yuan: c.procedure == .simple ? 100 : 1000)
        case .recordAudioVideo:
            let seizure = c.events.firstIndex { $0.kind == .seizure }!
            c.events[seizure].records.removeAll { $0.kind == .audioVideo }
        case .recordText:
            c.events[decisionIndex].records.removeAll { $0.kind == .text }
        case .reviewMissing:
            c.events.removeAll { $0.kind == .legalReview }
        case .procedureDeadline:
            let filed = c.events.first(.filed)!.date
            let limit = (try? factory.calendar.calendarPeriodEnd(90, from: filed)) ?? filed.adding(days: 95)
            redecide(on: wd(Int.random(in: 1...10, using: &rng), after: limit), noticeBefore: 10)
        case .procedureDelivery:
            let index = c.events.firstIndex { $0.kind == .delivery }!
            c.events[index].date = wd(8 + Int.random(in: 0...3, using: &rng), after: decision)
            if let closed = c.events.firstIndex(where: { $0.kind == .closed }) { c.events[closed].date = wd(20, after: decision) }
        case .procedureNotice:
            let notice = c.events.first(.notice)!.date
            redecide(on: wd(Int.random(in: 1...3, using: &rng), after: notice), noticeBefore: nil)
        case .licenseDeadline:
            let accepted = c.events.first(.accepted)!.date
            redecide(on: wd(21 + Int.random(in: 0...4, using: &rng), after: accepted), noticeBefore: nil)
        case .powerScope:
            c.power = "\(staff.agency.code)-E"
        case .seizureDeadline:
            let index = c.events.firstIndex { $0.kind == .seizureReleased }!
            let due = (try? factory.calendar.calendarPeriodEnd(30, from: start)) ?? start.adding(days: 31)
            c.events[index].date = due.adding(days: Int.random(in: 1...5, using: &rng))
        case .documentElement, .documentTimeLimit, .documentAmount:
            break  // written into the documents (`attachDocuments`)
        }
    }

    /// Switches the case to the fixed-amount item with the given level and fine.
    private mutating func setFine(item suffix: String, level: String, reason: String?, yuan: Int64) {
        c.matter?.item = staff.agency.code + suffix
        c.outcome?.bases = []
        c.outcome?.discretion = Discretion(level: level, reason: reason)
        if let index = c.outcome?.penalties.firstIndex(where: { $0.kind == .fine }) {
            c.outcome!.penalties[index].amount = Money(yuan: yuan)
        }
    }

    /// Moves the decision, and what follows it, to a new date; optionally the notice to N working days before.
    private mutating func redecide(on newDecision: CalendarDate, noticeBefore: Int?) {
        for index in c.events.indices {
            switch c.events[index].kind {
            case .decision: c.events[index].date = newDecision
            case .delivery: c.events[index].date = wd(1, after: newDecision)
            case .closed: c.events[index].date = wd(15, after: newDecision)
            case .notice: if let noticeBefore { c.events[index].date = previousWorkdays(noticeBefore, before: newDecision) }
            default: break
            }
        }
        let published = wd(2, after: newDecision)
        if c.disclosure?.date != nil { c.disclosure?.date = published }
    }

    private func previousWorkdays(_ n: Int, before date: CalendarDate) -> CalendarDate {
        var day = date
        var count = 0
        while count < n {
            day = day.adding(days: -1)
            if (try? factory.calendar.isWorkday(day)) == true { count += 1 }
        }
        return day
    }
}
