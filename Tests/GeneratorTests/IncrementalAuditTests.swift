import Audit
import AuditRuns
import CaseModel
import Foundation
import Generator
import TestSupport
import Testing
import WorkCalendar

@testable import CaseStore

/// The incremental audit equals the fresh one, case for case, after random edits, manual scores
/// and as-of moves; the moves favour the days on which a case's standing changes (an event's day
/// and the days either side), where a wrongly reused result would show.
@Suite struct IncrementalAuditTests {
    @Test(arguments: [UInt64(3), 17])
    func incrementalEqualsFreshAfterRandomEditsAndAsOfMoves(seed: UInt64) throws {
        let folder = try TemporaryFolder()
        _ = try DataSetWriter(cases: 400, seed: seed, agencies: 3).write(to: folder.url, calendar: GeneratorTests.calendar)
        let store = try CaseStore.inMemory()
        #expect(store.importPaths([folder.url.path], actor: "test").failures.isEmpty)
        let runner = AuditRunner(store: store, checklist: GeneratorTests.national, calendar: GeneratorTests.calendar)
        let ids = try store.caseIds()
        var random = SeededGenerator(seed: seed)
        var asOf = CalendarDate(year: 2026, month: 11, day: 22)!
        var reusedInAll = 0
        var auditedInAll = 0
        var builtOnBase = 0

        for round in 0..<14 {
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                try edit(random.pick(ids), in: store, &random)
            }
            if random.chance(0.3) {
                _ = try store.recordManualScore(caseId: random.pick(ids), item: "FACTS", deduction: 1, note: "第\(round)轮", reviewer: "评查员")
            }
            asOf = try move(asOf, store: store, ids: ids, &random)

            let incremental = try runner.run(asOf: asOf, actor: "test", reuse: false, incremental: true)
            // Again on the same day: everything is reused from a run that itself reused most of it.
            let again = try runner.run(asOf: asOf, actor: "test", reuse: false, incremental: true)
            #expect(again.casesReused == ids.count)
            // Nothing differs from its base: it holds only what the run before held itself.
            #expect(again.run.baseRun == (incremental.run.baseRun ?? incremental.run.id))
            builtOnBase += incremental.run.baseRun == nil ? 0 : 1
            let fresh = try runner.run(asOf: asOf, actor: "test", reuse: false, incremental: false)
            #expect(fresh.casesReused == 0)
            let expected = try results(store, fresh.run.id!)
            for run in [incremental, again] {
                let got = try results(store, run.run.id!)
                #expect(got.count == ids.count)
                for id in ids where got[id] != expected[id] {
                    Issue.record("round \(round), as of \(asOf): \(id) differs\nincremental: \(got[id] ?? "-")\nfresh: \(expected[id] ?? "-")")
                }
            }
            reusedInAll += incremental.casesReused
            auditedInAll += ids.count - incremental.casesReused
        }
        // A reused result holds no JSON but the run that judged it, never a run that reused it in turn.
        let links = try store.read { db in
            try await db.fetchOne(
                """
                SELECT COUNT(*) AS reused, SUM(CASE WHEN r.audit = '' THEN 0 ELSE 1 END) AS withJSON,
                       SUM(CASE WHEN j.audit = '' OR j.judgedIn IS NOT NULL OR j.caseId IS NULL THEN 1 ELSE 0 END) AS badLinks
                FROM auditResult r LEFT JOIN auditResult j ON j.runId = r.judgedIn AND j.caseId = r.caseId
                WHERE r.judgedIn IS NOT NULL
                """)
        }
        // Results taken from a base where they lie are no rows: fewer rows were copied than results reused.
        let copied = (links?["reused"] as Int?) ?? 0
        #expect(copied > 0 && copied < reusedInAll, "\(copied) copied of \(reusedInAll) reused")
        #expect(links?["withJSON"] == 0 && links?["badLinks"] == 0)
        // Both sides of the judgment were exercised: results reused, and results audited again.
        #expect(reusedInAll > ids.count * 4, "reused \(reusedInAll)")
        #expect(auditedInAll > 100, "audited again \(auditedInAll)")
        // Runs built on a base and runs holding everything (a fresh run each round) both compared.
        #expect(builtOnBase > 0)
    }

    /// A case's stored results of a run, by case id, with its score columns beside the JSON.
    func results(_ store: CaseStore, _ runId: Int64) throws -> [String: String] {
        var all: [String: String] = [:]
        try store.forEachAuditResult(runId: runId) { r in
            all[r.caseId] = "\(r.agency)|\(r.score)|\(r.grade)|\(r.veto)|\(r.failures)|\(r.audit)"
        }
        return all
    }

    /// Changes one stored case as a clerk might: an event moved, the last event dropped, the
    /// publication moved or withdrawn, a fine changed. An edit the schema refuses is skipped.
    func edit(_ id: String, in store: CaseStore, _ random: inout SeededGenerator) throws {
        guard var c = try store.loadCase(id: id), !c.events.isEmpty else { return }
        switch Int.random(in: 0..<4, using: &random) {
        case 0:
            let index = Int.random(in: 0..<c.events.count, using: &random)
            c.events[index].date = shifted(c.events[index].date, by: Int.random(in: -30...30, using: &random))
        case 1:
            c.events.removeLast()
        case 2:
            if var disclosure = c.disclosure, let day = disclosure.date {
                disclosure.date = shifted(day, by: Int.random(in: -10...10, using: &random))
                if random.chance(0.3) { disclosure.withdrawn = shifted(day, by: 40) }
                c.disclosure = disclosure
            } else {
                c.disclosure = nil
            }
        default:
            if var outcome = c.outcome, let index = outcome.penalties.firstIndex(where: { $0.amount != nil }) {
                outcome.penalties[index].amount = Money(fen: Int64.random(in: 10_000...50_000_000, using: &random))
                c.outcome = outcome
            }
        }
        _ = try? store.save(c, actor: "clerk", source: "edit")
    }

    /// The next as-of day: often a day on which some case's standing changes, or one either side.
    func move(_ day: CalendarDate, store: CaseStore, ids: [String], _ random: inout SeededGenerator) throws -> CalendarDate {
        if random.chance(0.6), let c = try store.loadCase(id: random.pick(ids)), !c.events.isEmpty {
            return shifted(random.pick(c.events).date, by: Int.random(in: -1...1, using: &random))
        }
        return shifted(day, by: Int.random(in: -200...200, using: &random))
    }

    func shifted(_ day: CalendarDate, by days: Int) -> CalendarDate {
        CalendarDate(dayNumber: day.dayNumber + Int32(days))
    }
}
