import Audit
import AuditRuns
import CaseModel
import CaseStore
import Foundation
import Generator
import TestSupport
import Testing
import WorkCalendar

/// The due index (`DueIndex`) lists what the scan of every case finds, on SQLite and PostgreSQL,
/// page by page and filter by filter, and follows the store: a changed case is judged again, and
/// every case when the index holds another judgment.
@Suite struct DueIndexTests {
    typealias StoreKind = GeneratedStore.Kind

    @Test(arguments: StoreKind.allCases)
    func theIndexListsWhatTheScanFindsAndFollowsTheStore(_ kind: StoreKind) async throws {
        let folder = try TemporaryFolder()
        _ = try DataSetWriter(cases: 600, seed: 5, agencies: 3).write(to: folder.url, calendar: GeneratorTests.calendar)
        let store = kind == .postgres ? try CaseStore(location: try ThrowawayPostgres.newDatabase()) : try CaseStore.inMemory()
        #expect(store.importPaths([folder.url.path], actor: "test").failures.isEmpty)
        let runner = AuditRunner(store: store, checklist: GeneratorTests.national, calendar: GeneratorTests.calendar)
        let index = DueIndex(runner: runner)
        let scanner = DueScanner(auditor: try runner.auditor())
        let count = try store.caseCount()
        // The days the lists are compared on lie on or after every recorded day: the index judges a
        // case as recorded, the scan as of the day, which agree from the case's last recorded day on.
        var latest = CalendarDate(year: 2000, month: 1, day: 1)!
        try store.forEachBatch(of: try store.caseIds()) { cases, _ in
            for c in cases { latest = max(latest, (c.events.map(\.date) + [c.disclosure?.date, c.disclosure?.withdrawn].compactMap { $0 }).max() ?? latest) }
        }
        let today = latest.adding(days: 1)

        #expect(try await !index.isCurrent())
        #expect(try index.refresh(today: today) == count)
        #expect(try await index.isCurrent())
        #expect(try index.refresh(today: today) == 0, "nothing changed: nothing judged again")

        var listed = 0
        for day in [today, today.adding(days: 9), today.adding(days: 60)] {
            for within in [0, 5, 30] {
                let scanned = try scanner.scan(store: store, asOf: day, within: within)
                #expect(try index.list(today: day, within: within) == scanned, "as of \(day), within \(within)")
                let agency = try #require(scanned.first?.agency)
                #expect(try index.list(today: day, within: within, agency: agency) == scanned.filter { $0.agency == agency })
                listed += scanned.count
            }
        }
        #expect(listed > 30)

        // Counts and pages as the due page reads them.
        let filter = DueIndexFilter(through: index.lastDueDay(today: today, within: 30), today: today)
        let all = try index.list(today: today, within: 30)
        try #require(all.count >= 4)
        let (total, overdue, upcoming, second) = try await store.reading { reader in
            await (
                try reader.due.count(filter), try reader.due.count(DueIndexFilter(through: filter.through, today: today, overdue: true)),
                try reader.due.count(DueIndexFilter(through: filter.through, today: today, overdue: false)),
                try reader.due.page(filter, limit: 2, offset: 2)
            )
        }
        #expect(total == all.count && overdue + upcoming == total && overdue == all.filter(\.overdue).count && overdue > 0 && upcoming >= 0)
        #expect(second.map { index.obligation($0, today: today) } == Array(all[2..<4]))

        // A disclosure made: that case is judged again, alone, and its obligation leaves the list.
        let open = try #require(all.first { $0.obligation == .disclosure })
        var c = try #require(try store.loadCase(id: open.case))
        c.disclosure = Disclosure(date: today, platform: "信用中国", url: "https://example.gov.cn/\(c.id)")
        try await store.save(c, actor: "clerk", source: "edit")
        #expect(try await !index.isCurrent())
        #expect(try index.refresh(today: today) == 1)
        let after = try index.list(today: today, within: 30)
        #expect(!after.contains { $0.case == open.case && $0.obligation == .disclosure })
        #expect(after == (try scanner.scan(store: store, asOf: today, within: 30)))

        // An index judged under another checklist, calendar or program is judged again whole.
        try store.forgetDueIndexState()
        #expect(try await !index.isCurrent())
        #expect(try index.refresh(today: today) == count)
        #expect(try index.list(today: today, within: 30) == after)
        store.close()
    }

    /// Two servers filling the index of one store at once write the same cases' rows in
    /// transactions that no lock orders (on PostgreSQL): each write replaces what the other left.
    @Test(arguments: StoreKind.allCases)
    func twoWritersOfTheSameCasesRowsBothSucceed(_ kind: StoreKind) async throws {
        let folder = try TemporaryFolder()
        let location = kind == .postgres ? try ThrowawayPostgres.newDatabase() : folder.file("due.sqlite").path
        let first = try CaseStore(location: location)
        let second = try CaseStore(location: location)
        let ids = (0..<200).map { String(format: "CASE-%04d", $0) }
        let rows = ids.flatMap { id in
            [
                IndexedObligation(caseId: id, agency: "A", kind: "disclosure", deadline: CalendarDate(year: 2026, month: 7, day: 1)!, rule: "r"),
                IndexedObligation(caseId: id, agency: "A", kind: "delivery", deadline: CalendarDate(year: 2026, month: 7, day: 2)!, rule: "r")
            ]
        }
        // The decisions' sums change by differences, which the writers must apply one after the other.
        let figures = ids.compactMap { id in
            CaseFigure(
                of: EnforcementCase(
                    id: id, agency: "A", type: .penalty, party: Party(kind: .individual, name: "张某"),
                    events: [Event(kind: .decision, date: CalendarDate(year: 2025, month: 5, day: 6)!)],
                    outcome: Outcome(penalties: [Penalty(kind: .fine, amount: Money(yuan: 200))])))
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for store in [first, second, first, second] {
                group.addTask { try store.replaceIndexEntries(of: ids, with: rows, figures: figures) }
            }
            try await group.waitForAll()
        }
        let stored = try first.dueObligations(
            DueIndexFilter(through: CalendarDate(year: 2030, month: 1, day: 1)!, today: CalendarDate(year: 2026, month: 1, day: 1)!))
        #expect(stored.count == rows.count)
        #expect(Set(stored.map { "\($0.caseId)/\($0.kind)" }) == Set(rows.map { "\($0.caseId)/\($0.kind)" }))
        try first.replaceIndexEntries(of: [], with: [], state: DueIndexState(environment: "e", journalSeq: try first.journalHeadSeq()))
        let year = try #require(try first.annualFigures(year: 2025)["A"])
        #expect(year.decisions[.penalty] == 200 && year.penalties[.fine] == 200 && year.fineTotal == Money(yuan: 40_000))
        first.close()
        second.close()
    }
}
