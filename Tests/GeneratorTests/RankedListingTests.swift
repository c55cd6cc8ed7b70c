import Audit
import AuditRuns
import CaseModel
import CaseStore
import Foundation
import Generator
import TestSupport
import Testing
import WorkCalendar

/// Listings by score and by lateness, page after page, are the orders a reader would make from
/// every stored result and every indexed obligation, on SQLite and PostgreSQL; a run built on a base
/// ranks its own results and the base's it did not replace, and a run as of a past day does not
/// displace the latest.
@Suite struct RankedListingTests {
    @Test(arguments: DueIndexTests.StoreKind.allCases)
    func pagesByScoreAndByLatenessAreTheWholeOrderInSlices(_ kind: DueIndexTests.StoreKind) async throws {
        let store = try GeneratedStore.make(kind, cases: 500, seed: 12, agencies: 3)
        let runner = GeneratedStore.runner(store)
        let environment = try runner.environmentHash(keepAllFindings: false)
        let today = CalendarDate(year: 2026, month: 11, day: 22)!
        let ids = try store.caseIds()

        #expect(try await store.reading { try await $0.cases.byScore(CaseQuery(), environmentHash: environment, today: today) } == nil)
        let first = try runner.run(asOf: today.adding(days: -30), actor: "test")
        // Some cases change; the next run holds their results and takes the rest from its base.
        for id in ids.prefix(20) {
            var c = try #require(try store.loadCase(id: id))
            c.events.removeAll { $0.kind == .decision }
            try await store.save(c, actor: "clerk", source: "edit")
        }
        let latest = try runner.run(asOf: today, actor: "test")
        #expect(latest.run.baseRun == first.run.id)
        // A run as of a past year's end, as the dashboard makes, comes later but ranks nothing.
        _ = try runner.run(asOf: CalendarDate(year: 2024, month: 12, day: 31)!, actor: "test")

        var expected: [(pending: Bool, score: Double, id: String)] = []
        try store.forEachAuditResult(runId: latest.run.id!) { result in
            expected.append((result.grade == CaseStanding.inProgress.storedGrade, result.score, result.caseId))
        }
        expected.sort { ($0.pending ? 1 : 0, $0.score, $0.id) < ($1.pending ? 1 : 0, $1.score, $1.id) }
        #expect(expected.count == ids.count && expected.contains { $0.pending } && expected.contains { !$0.pending })

        for agency: String? in [nil, "WH-SJJ"] {
            let wanted = try expected.filter { try agency == nil || store.agency(ofCase: $0.id) == agency }.map(\.id)
            var listed: [String] = []
            var totals: Set<Int> = []
            for page in 0..<((wanted.count + 36) / 37 + 1) {
                let query = CaseQuery(agency: agency, limit: 37, offset: page * 37)
                let ranked = try #require(try await store.reading { try await $0.cases.byScore(query, environmentHash: environment, today: today) })
                #expect(ranked.runId == latest.run.id && ranked.asOf == today)
                listed += ranked.page.cases.map(\.id)
                totals.insert(ranked.page.total)
            }
            #expect(listed == wanted, "by score, agency \(agency ?? "all")")
            #expect(totals == [wanted.count])
        }
        // Another filter counts what matches: the penalties only.
        let penalties = try #require(
            try await store.reading { try await $0.cases.byScore(CaseQuery(type: .penalty, limit: 1_000), environmentHash: environment, today: today) })
        let penaltyIds = try Set(store.caseSummaries().filter { $0.type == .penalty }.map(\.id))
        #expect(penalties.page.cases.map(\.id) == expected.map(\.id).filter { penaltyIds.contains($0) })
        #expect(penalties.page.total == penaltyIds.count)

        // By lateness: the due index's overdue cases, earliest deadline first, then the rest by id.
        let index = DueIndex(runner: runner)
        try index.refresh(today: today)
        let overdue = try index.list(today: today, within: 0).filter(\.overdue)
        var earliest: [String: CalendarDate] = [:]
        for obligation in overdue { earliest[obligation.case] = min(earliest[obligation.case] ?? obligation.deadline, obligation.deadline) }
        let late = earliest.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map(\.key)
        // Pages of 7 begin among the late cases and end among the rest; pages of 2 walk only part of
        // the overdue obligations (fewer rows than there are).
        try #require(late.count > 7 && late.count % 7 != 0 && overdue.count > 2 * DueObligation.Kind.allCases.count)
        let wanted = late + ids.filter { earliest[$0] == nil }
        for size in [2, 7] {
            var listed: [String] = []
            for page in 0..<((wanted.count + size - 1) / size + 1) {
                let query = CaseQuery(limit: size, offset: page * size)
                let found = try await store.reading { try await $0.cases.byLateness(query, today: today, kinds: DueObligation.Kind.allCases.count) }
                #expect(found.total == ids.count)
                listed += found.cases.map(\.id)
            }
            #expect(listed == wanted, "pages of \(size)")
        }
        store.close()
    }
}
