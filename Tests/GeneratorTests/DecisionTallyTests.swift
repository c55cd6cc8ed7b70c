import AuditRuns
import CaseModel
import Foundation
import GRDB
import Generator
import TestSupport
import Testing
import WorkCalendar

@testable import CaseStore

/// The annual figures summed by agency and month (`DecisionTally.swift`) are the figures counted
/// from the cases, on SQLite and PostgreSQL, before and after cases change; they are read only
/// while they hold the cases as they stand.
@Suite struct DecisionTallyTests {
    @Test(arguments: DueIndexTests.StoreKind.allCases)
    func theSumsAreTheCountsOfTheCasesAndFollowTheStore(_ kind: DueIndexTests.StoreKind) throws {
        let store = try GeneratedStore.make(kind, cases: 600, seed: 8, agencies: 3)
        let index = DueIndex(runner: GeneratedStore.runner(store))
        let today = CalendarDate(year: 2026, month: 12, day: 6)!
        let years = try Set(Self.cases(store).compactMap { $0.decision?.date.year }).sorted()
        try #require(years.count >= 2)

        let counted = try years.map { try store.annualFigures(year: $0) }
        let countedYear = try store.reportingYear(today: today)
        try index.refresh(today: today)
        #expect(try store.read { try await DueRepository(db: $0).holdsCasesAsTheyStand() })
        for (year, figures) in zip(years, counted) {
            #expect(try store.annualFigures(year: year) == figures, "\(year)")
            #expect(figures == (try Self.oracle(store, year: year)), "\(year)")
        }
        #expect(try store.reportingYear(today: today) == countedYear)
        #expect(try store.annualFigures(year: years[0] - 1).isEmpty)

        // A decision moved to another year and agency, its fine raised: read from the cases until
        // the index follows, then from the sums, which moved with it.
        var moved = try #require(try Self.cases(store).first { $0.type == .penalty && $0.outcome?.penalties.contains { $0.kind == .fine } == true })
        let from = try #require(moved.decision?.date.year)
        let to = years.first { $0 != from }!
        let other = try #require(try Self.cases(store).first { $0.agency != moved.agency }?.agency)
        moved.agency = other
        moved.events = moved.events.map { event in
            var event = event
            if event.kind == .decision { event.date = CalendarDate(year: to, month: 3, day: 2)! }
            return event
        }
        moved.outcome?.penalties = [Penalty(kind: .fine, amount: Money(yuan: 123_456)), Penalty(kind: .warning)]
        try store.save(moved, actor: "clerk", source: "edit")
        #expect(try !store.read { try await DueRepository(db: $0).holdsCasesAsTheyStand() })
        #expect(try store.annualFigures(year: to) == (try Self.oracle(store, year: to)))
        #expect(try index.refresh(today: today) == 1)
        for year in [from, to] {
            #expect(try store.annualFigures(year: year) == (try Self.oracle(store, year: year)), "\(year)")
        }
        #expect((try store.annualFigures(year: to))[other]?.penalties[.warning] ?? 0 >= 1)

        // Judged again whole: the same sums.
        let before = try years.map { try store.annualFigures(year: $0) }
        try store.forgetDueIndexState()
        try index.refresh(today: today)
        #expect(try years.map { try store.annualFigures(year: $0) } == before)
        store.close()
    }

    /// While the sums are current they are what is read (a sum changed behind the store's back shows),
    /// and not once a case has changed after them.
    @Test func theSumsAreReadOnlyWhileCurrent() throws {
        let folder = try TemporaryFolder()
        let (store, path) = try GeneratedStore.indexedFile(in: folder, cases: 200, seed: 9)
        let year = try #require(try Self.cases(store).compactMap { $0.decision?.date.year }.max())
        let agency = try #require(try store.annualFigures(year: year).keys.sorted().first)
        let honest = try #require(try store.annualFigures(year: year)[agency]?.decisions[.penalty])
        try DatabaseQueue(path: path).write { db in
            try db.execute(
                sql: "UPDATE decisionTally SET count = count + 1000 WHERE agency = ? AND item = 'type:penalty' AND month LIKE ?",
                arguments: [agency, "\(year)-%"])
        }
        #expect(try store.annualFigures(year: year)[agency]?.decisions[.penalty] ?? 0 >= honest + 1000)
        var c = try #require(try Self.cases(store).first)
        c.party.name += "（更正）"
        try store.save(c, actor: "clerk", source: "edit")
        #expect(try store.annualFigures(year: year)[agency]?.decisions[.penalty] == honest)
        store.close()
    }

    /// Sums saturate instead of overflowing, and come back down exactly.
    @Test func sumsSaturate() {
        var sum = TallyAmount(count: 1, amount: .max - 5, amounted: 1)
        sum.add(TallyAmount(count: 1, amount: 5, amounted: 1), sign: 1)
        #expect(sum == TallyAmount(count: 2, amount: .max, amounted: 2))
        sum.add(TallyAmount(count: 1, amount: 10, amounted: 1), sign: 1)
        #expect(sum.amount == .max)
        sum.add(TallyAmount(count: 3, amount: 0, amounted: 3), sign: -1)
        #expect(sum.count == 0 && sum.amounted == 0)
        var low = TallyAmount(amount: .min + 1)
        low.add(TallyAmount(amount: 7), sign: -1)
        #expect(low.amount == .min)
    }

    static func cases(_ store: CaseStore) throws -> [EnforcementCase] {
        var all: [EnforcementCase] = []
        try store.forEachBatch(of: try store.caseIds()) { cases, _ in all += cases }
        return all
    }

    /// The figures as the 118号 report defines them, counted here from the cases themselves.
    static func oracle(_ store: CaseStore, year: Int) throws -> [String: AnnualFigures] {
        var figures: [String: AnnualFigures] = [:]
        for c in try cases(store) where c.decision?.date.year == year {
            var f = figures[c.agency] ?? AnnualFigures(agency: c.agency)
            f.decisions[c.type, default: 0] += 1
            if c.outcome?.grant == .granted { f.licensesGranted += 1 }
            if c.outcome?.grant == .denied { f.licensesDenied += 1 }
            for penalty in c.outcome?.penalties ?? [] {
                f.penalties[penalty.kind, default: 0] += 1
                if let amount = penalty.amount { f.penaltyAmounts[penalty.kind] = (f.penaltyAmounts[penalty.kind] ?? Money(fen: 0)) + amount }
            }
            figures[c.agency] = f
        }
        return figures
    }
}
