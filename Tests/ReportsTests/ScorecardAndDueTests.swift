import Audit
import AuditRuns
import CaseModel
import CaseStore
import Checklists
import Foundation
import Reports
import Testing

@Suite struct ScorecardTests {
    @Test func countsTheYearsCasesRatesAndAppraisalPerAgency() throws {
        let (store, runner, _) = try Fixture.sampleRun()
        let scorecards = try ScorecardBuilder(runner: runner).build(year: 2024, today: day("2026-11-22"), actor: "t")
        let (run, cards) = (scorecards.run, scorecards.cards)
        #expect(run.asOf == day("2024-12-31"))
        let cgj = try #require(cards.first { $0.agency == "WH-CGJ" })
        #expect(cgj.cases == 6)
        #expect(cgj.grades == ["优秀": 5, "不合格": 1])
        #expect(cgj.audioVideoCoverage == Coverage(count: 1, total: 3), "two seizures and a demolition, one with video")
        #expect(cgj.uncertifiedOfficers == ["O-2003"])
        #expect(cgj.appraisal.first { $0.id == "uncertified" }?.deduction == 1)
        let sjj = try #require(cards.first { $0.agency == "WH-SJJ" })
        #expect(sjj.previousYearCases == 2)
        #expect(sjj.uncertifiedOfficers == ["O-1003", "O-1009", "O-9999"])
        #expect(sjj.failuresByFamily["OFFICER"] == 6)
        #expect(sjj.disclosureOnTime.count + 2 == sjj.disclosureOnTime.total, "0204 late and 1010 missing")
        #expect(sjj.legalReviewCoverage == Coverage(count: 2, total: 3), "0520 and 0708 reviewed, 0612 not")
        let expectedAverage = try average(store, runId: run.id!, agency: "WH-SJJ", year: 2024)
        #expect(sjj.averageScore == (expectedAverage * 10).rounded() / 10)
        let text = ScorecardReport.text(scorecards)
        #expect(text.contains("芜湖市城市管理局 2024年") && !text.contains("WH-CGJ"))
        // Grades follow the checklist (best first), not the alphabet of their names.
        #expect(scorecards.grades == ["优秀", "良好", "合格", "不合格"])
        #expect(text.contains("等级：优秀 5，不合格 1"))
    }

    /// 复议纠错率 and 败诉率 per agency, and the appraisal's deductions for them (format 1.1): of the
    /// samples' 2025 decisions, one revoked in 复议 and one lost in court, both 城市管理局's.
    @Test func countsRulingsInTheRatesAndTheAppraisal() throws {
        let (store, runner, _) = try Fixture.sampleRun()
        let cards = try ScorecardBuilder(runner: runner).build(year: 2025, today: day("2026-11-22"), actor: "t").cards
        let cgj = try #require(cards.first { $0.agency == "WH-CGJ" })
        #expect(cgj.reconsiderationCorrected == Coverage(count: 1, total: 1) && cgj.litigationLost == Coverage(count: 1, total: 1))
        #expect(
            cgj.appraisal.first { $0.id == "reconsideration" }
                == AppraisalLine(id: "reconsideration", title: "行政复议被撤销、变更、确认违法或责令履行", occurrences: 1, deduction: 2))
        #expect(cgj.appraisal.first { $0.id == "litigation" } == AppraisalLine(id: "litigation", title: "行政诉讼败诉", occurrences: 1, deduction: 2))
        #expect(cgj.appraisal.first { $0.id == "unlawful" }?.occurrences == 1, "0103 acted outside its powers")
        let hbj = try #require(cards.first { $0.agency == "WH-HBJ" })
        #expect(hbj.reconsiderationCorrected.rate == nil && hbj.appraisal.first { $0.id == "reconsideration" }?.deduction == 0)
        // Before the 复议 decision and the judgment, nothing is counted.
        let earlier = try ScorecardBuilder(runner: runner).build(year: 2025, today: day("2025-06-15"), actor: "t").cards
        #expect(earlier.first { $0.agency == "WH-CGJ" }?.reconsiderationCorrected.total == 0)

        // The annual figures count rulings by their own dates.
        let figures = try #require(try store.annualFigures(year: 2025)["WH-CGJ"])
        #expect((figures.reconsiderations, figures.reconsiderationsCorrected, figures.judgments, figures.judgmentsLost) == (1, 1, 1, 1))
        #expect(figures.reconsiderationCorrectedRate == 1)
        let before = try store.annualFigures(year: 2024)["WH-CGJ"]
        #expect(before?.reconsiderations == 0 && before?.reconsiderationCorrectedRate == nil)
        let text = ScorecardReport.text(try ScorecardBuilder(runner: runner).build(year: 2025, today: day("2026-11-22"), actor: "t"))
        #expect(text.contains("行政复议纠错率 100.0%（1/1）；行政诉讼败诉率 100.0%（1/1）"))
    }

    /// A deduction counts outcomes and rules together, capped.
    @Test func anAppraisalDeductionMayCountOutcomes() throws {
        let loader = ChecklistLoader(directory: Repository.checklists)
        let national = try loader.load("national")
        let deduction = try #require(national.appraisal.first { $0.id == "reconsideration" })
        #expect(deduction.outcomes == [.reconsiderationCorrected] && deduction.rules.isEmpty && deduction.cap == 6)
    }

    private func average(_ store: CaseStore, runId: Int64, agency: String, year: Int) throws -> Double {
        var sum = 0.0
        var count = 0
        try store.forEachAuditResultWithCase(
            runId: runId, agency: agency, from: CalendarDate(year: year, month: 1, day: 1),
            to: CalendarDate(year: year, month: 12, day: 31)
        ) { entry in
            sum += entry.result.score
            count += 1
        }
        return sum / Double(count)
    }
}

@Suite struct DueTests {
    func scanner(_ store: CaseStore) throws -> DueScanner {
        DueScanner(
            auditor: try CaseAuditor(
                checklist: Fixture.national, calendar: Fixture.calendar,
                registry: store.registry(), benchmarks: store.benchmarkSets()))
    }

    @Test func warnsWithinNWorkingDaysAndNotBefore() throws {
        let (store, _, _) = try Fixture.sampleRun()
        // WH-SJJ-2024-1010 decided 2024-10-10, never disclosed: due 2024-10-18, three working days after 10/15.
        let inThree = try scanner(store).scan(store: store, asOf: day("2024-10-15"), within: 3)
        let disclosure = try #require(inThree.first { $0.case == "WH-SJJ-2024-1010" && $0.obligation == .disclosure })
        #expect(disclosure.deadline == day("2024-10-18"))
        #expect(!disclosure.overdue && disclosure.workdaysLeft == 3)
        #expect(try !scanner(store).scan(store: store, asOf: day("2024-10-15"), within: 2).contains { $0.case == "WH-SJJ-2024-1010" })
        let late = try scanner(store).scan(store: store, asOf: day("2024-10-21"), within: 0)
        #expect(late.first { $0.case == "WH-SJJ-2024-1010" }?.overdue == true)
    }

    @Test func listsEveryKindOfOpenObligation() throws {
        let (store, _, _) = try Fixture.sampleRun()
        let due = try scanner(store).scan(store: store, asOf: day("2026-11-22"), within: 5)
        #expect(due.contains { $0.case == "WH-SJJ-2024-0902" && $0.obligation == .decision && $0.deadline == day("2024-12-02") && $0.overdue })
        #expect(due.contains { $0.case == "WH-SJJ-2024-1010" && $0.obligation == .disclosure })
        #expect(!due.contains { $0.case == "WH-SJJ-2024-0117" }, "a case with nothing open")
        #expect(due.map(\.deadline) == due.map(\.deadline).sorted())
        let json = try JSONEncoder().encode(due)
        let objects = try JSONSerialization.jsonObject(with: json) as! [[String: Any]]
        #expect(objects.allSatisfy { $0["case"] != nil && $0["agency"] != nil && $0["obligation"] != nil && $0["deadline"] != nil && $0["overdue"] != nil })
    }

    @Test func knowsSeizureLicenseDeliveryAndWithdrawalObligations() throws {
        let (store, _, _) = try Fixture.sampleRun()
        let s = try scanner(store)
        let seizure = EnforcementCaseBuilder.seizure()
        #expect(s.obligations(of: seizure, asOf: day("2024-02-01")).map(\.obligation) == [.seizure])
        #expect(s.obligations(of: seizure, asOf: day("2024-02-01")).first?.deadline == day("2024-02-18"))
        let license = EnforcementCaseBuilder.license()
        #expect(s.obligations(of: license, asOf: day("2024-10-01")).first?.deadline == day("2024-10-23"))
        let revoked = EnforcementCaseBuilder.revokedUndelivered()
        #expect(Set(s.obligations(of: revoked, asOf: day("2024-11-05")).map(\.obligation)) == [.delivery, .withdrawal])
    }
}

enum EnforcementCaseBuilder {
    static func seizure() -> EnforcementCase {
        EnforcementCase(
            id: "S", agency: "WH-CGJ", type: .coercion, party: Party(kind: .individual, name: "甲"),
            events: [Event(kind: .seizure, date: day("2024-01-15"), officers: ["O-2001", "O-2002"])])
    }

    static func license() -> EnforcementCase {
        EnforcementCase(
            id: "L", agency: "WH-SJJ", type: .license, party: Party(kind: .organisation, name: "乙"),
            events: [Event(kind: .accepted, date: day("2024-09-20"))])
    }

    static func revokedUndelivered() -> EnforcementCase {
        EnforcementCase(
            id: "R", agency: "WH-SJJ", type: .penalty, party: Party(kind: .organisation, name: "丙"),
            events: [Event(kind: .decision, date: day("2024-10-28")), Event(kind: .revoked, date: day("2024-11-04"))],
            outcome: Outcome(penalties: [Penalty(kind: .warning)]), disclosure: Disclosure(date: day("2024-10-30")))
    }
}

/// `due --as-of D` sees the case as it stood on D (issue 13).
@Suite struct DueAsOfTests {
    @Test func anObligationMetAfterTheAsOfDateWasStillOpenThen() throws {
        let license = EnforcementCase(
            id: "L", agency: "X", type: .license, party: Party(kind: .organisation, name: "甲"),
            events: [
                Event(kind: .accepted, date: CalendarDate("2024-09-20")!),
                Event(kind: .decision, date: CalendarDate("2024-10-24")!)
            ],
            outcome: Outcome(grant: .granted))
        let auditor = try CaseAuditor(
            checklist: ChecklistLoader.bundled().load("national"), calendar: WorkingDayCalendar.bundled(),
            registry: Registry(), benchmarks: [])
        let before = DueScanner(auditor: auditor).obligations(of: license, asOf: CalendarDate("2024-10-22")!)
        #expect(before.map(\.obligation) == [.licenseDecision])
        #expect(before.first?.deadline == CalendarDate("2024-10-23"))
        let after = DueScanner(auditor: auditor).obligations(of: license, asOf: CalendarDate("2024-10-24")!)
        #expect(!after.contains { $0.obligation == .licenseDecision })
    }
}
