import Audit
import AuditRuns
import CaseModel
import CaseStore
import Foundation
import Reports
import Testing

/// The dashboard and the annual figures agree with the cases in the store, counted here directly.
@Suite struct DashboardTests {
    private func storedCases(_ store: CaseStore) throws -> [EnforcementCase] {
        var all: [EnforcementCase] = []
        try store.forEachBatch(of: try store.caseIds()) { cases, _ in all += cases }
        return all
    }

    @Test func everyAgencysFiguresAreTheCasesDecidedInEachMonth() throws {
        let (store, runner, _) = try Fixture.sampleRun()
        let today = day("2026-11-22")
        let dashboard = try DashboardBuilder(runner: runner).build(year: 2024, today: today, actor: "test")
        #expect(dashboard.months.count == 12 && dashboard.months.first == "2024-01" && dashboard.months.last == "2024-12")
        let cases = try storedCases(store)
        for agency in dashboard.agencies {
            let decided = cases.filter { $0.agency == agency.agency && $0.decision?.date.year == 2024 }
            #expect(agency.total.decided == decided.count, "\(agency.agency)")
            for month in dashboard.months {
                let inMonth = decided.filter { $0.decision!.date.description.hasPrefix(month) }.count
                #expect(agency.months[month]?.decided == inMonth, "\(agency.agency) \(month)")
            }
            #expect(agency.total.grades.values.reduce(0, +) == agency.total.decided)
        }
        // One source with the scorecard: the same disclosure rates and grades for the year.
        let cards = try ScorecardBuilder(runner: runner).build(year: 2024, today: today, actor: "test").cards
        for card in cards {
            let agency = try #require(dashboard.agencies.first { $0.agency == card.agency })
            #expect(agency.total.disclosure == card.disclosureOnTime, "\(card.agency)")
            #expect(agency.total.grades == card.grades, "\(card.agency)")
            // Nobody has reviewed the samples: every score averaged is 初评, and both say how many.
            #expect(agency.total.provisional == agency.total.decided && card.casesProvisional == card.cases, "\(card.agency)")
        }
        let busiest = try #require(dashboard.agencies.max { $0.total.decided < $1.total.decided })
        #expect(DashboardReport.html(dashboard, links: false).contains("（初评 \(busiest.total.decided)）"))
        // What is overdue now is what the due list says.
        let auditor = try CaseAuditor(
            checklist: runner.checklist, calendar: runner.calendar, registry: store.registry(),
            benchmarks: store.benchmarkSets())
        let overdue = try DueScanner(auditor: auditor).scan(store: store, asOf: today, within: 0).filter(\.overdue)
        for agency in dashboard.agencies {
            #expect(agency.overdueNow == overdue.filter { $0.agency == agency.agency }.count)
        }
        #expect(dashboard.agencies.first { $0.agency == "WH-SJJ" }?.overdueNow == 2)
        // The page names agencies, links each figure to its cases, and draws the months.
        let page = DashboardReport.html(dashboard, links: true)
        #expect(page.contains("<td>芜湖市市场监督管理局</td>"))
        #expect(page.contains("href=\"/cases?agency=WH-SJJ&amp;from=2024-01-01&amp;to=2024-12-31\""))
        #expect(page.contains("href=\"/cases?agency=WH-SJJ&amp;from=2024-02-01&amp;to=2024-02-29\""), "February of a leap year")
        #expect(page.components(separatedBy: "<svg").count - 1 == 2 * dashboard.agencies.count)
        #expect(!DashboardReport.html(dashboard, links: false).contains("<a href"))
    }

    /// The year's figures are counted once per run and kept with it (`runFigures`): a later
    /// dashboard of the same run reads them, what is overdue is still counted on the day, and a
    /// changed case makes a new run, counted afresh.
    @Test func theYearsFiguresAreKeptWithTheirRun() throws {
        let (store, runner, _) = try Fixture.sampleRun()
        let today = day("2026-11-22")
        let builder = DashboardBuilder(runner: runner)
        let first = try builder.build(year: 2024, today: today, actor: "test")
        let runId = try #require(first.run.id)
        let stored = try #require(try store.storedFigures(runId: runId, name: "dashboard-2024"))
        let figures = try JSONDecoder().decode([String: AgencyDashboard].self, from: Data(stored.utf8))
        #expect(Set(figures.keys) == Set(first.agencies.map(\.agency)))
        #expect(try builder.build(year: 2024, today: today, actor: "test").agencies == first.agencies)

        // Figures kept for a run are what its later dashboards show: the run is not walked again.
        let run2025 = try runner.run(asOf: day("2025-12-31"), actor: "test").run
        var kept = figures
        kept["WH-SJJ"]?.total.decided = 999
        try store.storeFigures(runId: run2025.id!, name: "dashboard-2025", body: String(decoding: try JSONEncoder().encode(kept), as: UTF8.self))
        let read = try builder.build(year: 2025, today: today, actor: "test")
        #expect(read.run.id == run2025.id && read.agencies.first { $0.agency == "WH-SJJ" }?.total.decided == 999)
        let earlier = try builder.build(year: 2024, today: day("2024-12-31"), actor: "test")
        #expect(earlier.run.id == runId, "the same run: the year's last day")
        #expect(earlier.agencies.map(\.total) == first.agencies.map(\.total))
        #expect(figures.values.allSatisfy { $0.overdueNow == 0 } && first.agencies.contains { $0.overdueNow > 0 }, "overdue is counted on the day, not kept")

        // A case changed: a new run, whose figures are its own. (Not one whose documents were read:
        // a party renamed would no longer be the party its 决定书 names.)
        var c = try #require(try store.loadCase(id: "WH-SJJ-2024-0204"))
        c.party.name += "（更正）"
        try store.save(c, actor: "clerk", source: "edit")
        let after = try builder.build(year: 2024, today: today, actor: "test")
        #expect(after.run.id != runId)
        #expect(try store.storedFigures(runId: after.run.id!, name: "dashboard-2024") != nil)
        #expect(after.agencies.map(\.total) == first.agencies.map(\.total))
    }

    /// An agency code is any text: in a link it is percent-encoded, or `&` and `#` would change
    /// what the link asks for (issue 31).
    @Test func agencyCodesInLinksArePercentEncoded() throws {
        let (_, runner, _) = try Fixture.sampleRun()
        var dashboard = try DashboardBuilder(runner: runner).build(year: 2024, today: day("2026-11-22"), actor: "test")
        dashboard.agencies[0].agency = "WH&sort=score#x +"
        let page = DashboardReport.html(dashboard, links: true)
        #expect(page.contains("/cases?agency=WH%26sort%3Dscore%23x%20%2B&amp;from=2024-01-01"))
        #expect(!page.contains("agency=WH&amp;sort"))
    }

    @Test func theAnnualFiguresCountTheYearsDecisionsAndPenaltiesByKind() throws {
        let (store, _, _) = try Fixture.sampleRun()
        let figures = try store.annualFigures(year: 2024)
        let cases = try storedCases(store).filter { $0.decision?.date.year == 2024 }
        for agency in try store.registry().agencies.map(\.code) {
            let own = cases.filter { $0.agency == agency }
            let f = figures[agency] ?? AnnualFigures(agency: agency)
            for type in CaseType.allCases {
                #expect((f.decisions[type] ?? 0) == own.filter { $0.type == type }.count, "\(agency) \(type)")
            }
            let penalties = own.flatMap { $0.outcome?.penalties ?? [] }
            for kind in PenaltyKind.allCases {
                #expect((f.penalties[kind] ?? 0) == penalties.filter { $0.kind == kind }.count, "\(agency) \(kind)")
            }
            #expect(f.fineTotal == penalties.filter { $0.kind == .fine }.compactMap(\.amount).reduce(Money(fen: 0), +))
            #expect(f.licensesGranted == own.filter { $0.outcome?.grant == .granted }.count)
        }
        #expect(figures["WH-SJJ"]?.fineTotal == Money(yuanText: "409600"))
        // A year with no decision is all zeros, not an error.
        #expect(try store.annualFigures(year: 2019).isEmpty)
        let folder = try TemporaryFolder()
        try AnnualReport.workbook(year: 2024, store: store, to: folder.file("annual.xlsx"))
        let html = try AnnualReport.html(year: 2024, store: store, links: false)
        #expect(html.contains("<td>芜湖市市场监督管理局</td>") && html.contains("409,600"))
        #expect(html.contains("<th class=\"number\">吊销许可证件</th>") && !html.contains("<th class=\"number\">行政拘留</th>"))
    }
}
