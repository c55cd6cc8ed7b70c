import Audit
import CaseModel
import Checklists
import Foundation
@_exported import TestSupport
import WorkCalendar

func yuan(_ text: String) -> Money {
    guard let money = Money(yuanText: text) else { fatalError("bad amount \(text)") }
    return money
}

/// The people and benchmarks every rule test audits against (agency X).
enum Fixture {
    static let calendar = Repository.calendar
    static let loader = ChecklistLoader(directory: Repository.checklists)
    static let national: Checklist = try! loader.load("national")

    static func certificate(_ issued: String, _ expires: String, _ status: Certificate.Status = .valid, since: String? = nil) -> Certificate {
        Certificate(number: "C-\(issued)", issued: day(issued), expires: day(expires), status: status, since: since.map(day))
    }

    static let registry = Registry(
        agencies: [Agency(code: "X", name: "某局"), Agency(code: "Y", name: "另一局")],
        officers: [
            Officer(id: "A", name: "甲", agency: "X", roles: [.officer], certificates: [certificate("2020-01-01", "2030-12-31")]),
            Officer(id: "B", name: "乙", agency: "X", roles: [.officer], certificates: [certificate("2020-01-01", "2030-12-31")]),
            Officer(id: "EXPIRING", name: "丙", agency: "X", roles: [.officer], certificates: [certificate("2019-04-01", "2024-03-31")]),
            Officer(
                id: "SUSPENDED", name: "丁", agency: "X", roles: [.officer],
                certificates: [certificate("2022-01-01", "2028-12-31", .suspended, since: "2024-06-01")]),
            Officer(id: "LATE", name: "戊", agency: "X", roles: [.officer], certificates: [certificate("2024-07-01", "2030-06-30")]),
            Officer(id: "AUX", name: "己", agency: "X", roles: [.auxiliary]),
            Officer(id: "OTHER", name: "庚", agency: "Y", roles: [.officer], certificates: [certificate("2020-01-01", "2030-12-31")]),
            Officer(id: "R-QUALIFIED", name: "辛", agency: "X", roles: [.reviewer], legalQualification: "A2018", reviewerSince: day("2022-01-01")),
            Officer(id: "R-BEFORE", name: "壬", agency: "X", roles: [.reviewer], reviewerSince: day("2021-07-14")),
            Officer(id: "R-FROM", name: "癸", agency: "X", roles: [.reviewer], reviewerSince: day("2021-07-15")),
            Officer(
                id: "R-OFFICER", name: "子", agency: "X", roles: [.officer, .reviewer], legalQualification: "A2019",
                reviewerSince: day("2020-01-01"), certificates: [certificate("2020-01-01", "2030-12-31")])
        ])

    static let benchmarks = [
        BenchmarkSet(
            agency: "X", title: "某局裁量基准", effective: day("2020-01-01"),
            items: [
                BenchmarkItem(
                    code: "FOOD", name: "经营超过保质期的食品", noPenaltyIfFirstMinor: false, lifeHealthFinance: true,
                    tiers: [
                        Tier(
                            base: "goods-value", below: yuan("10000"), statutory: Band(min: .amount(yuan("50000")), max: .amount(yuan("100000"))),
                            levels: [
                                Level(name: "从轻", band: Band(min: .amount(yuan("50000")), max: .amount(yuan("65000")))),
                                Level(name: "一般", band: Band(min: .amount(yuan("65000")), max: .amount(yuan("85000"))))
                            ]),
                        Tier(
                            base: "goods-value", atLeast: yuan("10000"),
                            statutory: Band(min: .multiple(Multiple(text: "10")!), max: .multiple(Multiple(text: "20")!)),
                            levels: [Level(name: "一般", band: Band(min: .multiple(Multiple(text: "13")!), max: .multiple(Multiple(text: "17")!)))])
                    ]),
                BenchmarkItem(
                    code: "LICENCE", name: "未公示营业执照", noPenaltyIfFirstMinor: true,
                    tiers: [
                        Tier(
                            statutory: Band(min: .amount(yuan("0")), max: .amount(yuan("10000"))),
                            levels: [Level(name: "从轻", band: Band(min: .amount(yuan("0")), max: .amount(yuan("3000"))))])
                    ], implicitTier: true),
                BenchmarkItem(
                    code: "WASTE", name: "倾倒建筑垃圾",
                    tiers: [
                        Tier(
                            base: "volume-m3", below: yuan("10"), party: .organisation,
                            levels: [Level(name: "一般", band: Band(min: .amount(yuan("10000")), max: .amount(yuan("20000"))))]),
                        Tier(
                            base: "volume-m3", atLeast: yuan("10"), party: .organisation,
                            levels: [Level(name: "一般", band: Band(min: .amount(yuan("30000")), max: .amount(yuan("40000"))))]),
                        Tier(party: .individual, levels: [Level(name: "一般", band: Band(min: .amount(yuan("50")), max: .amount(yuan("150"))))])
                    ])
            ])
    ]

    /// A general fine (一般程序) with nothing wrong: every rule passes.
    static let cleanFine = penalty(
        [
            .e(.discovered, "2024-02-26"),
            .e(.filed, "2024-02-27", "A B"),
            .e(.inspection, "2024-02-27", "A B", records: [.text, .audioVideo]),
            .e(.notice, "2024-03-20", "A B") { $0.hearingRights = false },
            .e(.decision, "2024-03-28", "A B") { $0.number = "某处罚〔2024〕1号" },
            .e(.delivery, "2024-03-29") { $0.method = .direct }
        ], item: "LICENCE", violation: "2024-02-20", fine: "1000", level: "从轻", reason: "主动改正",
        disclosure: Disclosure(date: day("2024-04-03")))

    static func auditor(_ checklist: Checklist = national) -> CaseAuditor {
        try! CaseAuditor(checklist: checklist, calendar: calendar, registry: registry, benchmarks: benchmarks)
    }
}

/// Builds cases tersely: `penalty(events: [.e(.filed, "2024-04-01", "A B")])`.
extension Event {
    static func e(
        _ kind: EventKind, _ date: String, _ officers: String = "", records: [Record.Kind] = [.text],
        configure: (inout Event) -> Void = { _ in }
    ) -> Event {
        var event = Event(
            kind: kind, date: day(date), officers: officers.split(separator: " ").map(String.init),
            records: records.map { Record(kind: $0, title: "记录") })
        configure(&event)
        return event
    }
}

func penalty(
    _ events: [Event], party: PartyKind = .organisation, procedure: Procedure = .general, item: String? = "LICENCE",
    violation: String? = nil, fine: String? = nil, penalties: [Penalty] = [], bases: [BaseAmount] = [],
    level: String? = "从轻", reason: String? = "理由", disclosure: Disclosure? = nil, major: Bool = false,
    type: CaseType = .penalty, configureParty: (inout Party) -> Void = { _ in }
) -> EnforcementCase {
    var all = penalties
    if let fine { all.append(Penalty(kind: .fine, amount: yuan(fine))) }
    var party = Party(kind: party, name: "当事人")
    configureParty(&party)
    return EnforcementCase(
        id: "T", agency: "X", type: type, procedure: procedure, declaredMajor: major, party: party,
        matter: item.map { Matter(item: $0, violationDate: violation.map(day), text: "违法行为") }, events: events,
        outcome: all.isEmpty && level == nil ? nil : Outcome(penalties: all, bases: bases, discretion: level.map { Discretion(level: $0, reason: reason) }),
        disclosure: disclosure)
}

/// The findings one rule produced for a case.
func findings(_ rule: String, _ c: EnforcementCase, asOf: String = "2026-11-22", checklist: Checklist = Fixture.national) -> [Finding] {
    Fixture.auditor(checklist).audit(c, asOf: day(asOf)).findings.filter { $0.rule == rule }
}

/// The one status a rule gave; failures repeated per occurrence count as one `fail`.
func status(_ rule: String, _ c: EnforcementCase, asOf: String = "2026-11-22", checklist: Checklist = Fixture.national) -> FindingStatus? {
    let found = findings(rule, c, asOf: asOf, checklist: checklist)
    return found.contains { $0.status == .fail } ? .fail : found.first?.status
}
