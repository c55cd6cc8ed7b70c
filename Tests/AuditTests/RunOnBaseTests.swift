import Audit
import AuditRuns
import CaseModel
import Foundation
import Reports
import TestSupport
import Testing
import WorkCalendar

@testable import CaseStore

/// An incremental run over the whole store holds rows only for what differs from its base run
/// (`RunRows`), and every reader sees it as the fresh run of the same day: reports, grade counts,
/// lists with case facts and look-ups by case. When much changed, or the run does not cover the
/// store, or workers share it, it holds every result itself.
@Suite struct RunOnBaseTests {
    enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
        case sqliteFile, postgres
        var testDescription: String { rawValue }
    }

    let asOf = day("2026-11-22")

    /// A new store of the samples, its runner, its case ids and a fresh run of it as of `asOf`.
    func audited(_ kind: StoreKind, _ folder: TemporaryFolder) throws -> (CaseStore, AuditRunner, [String], AuditRunSummary) {
        let location = kind == .postgres ? try ThrowawayPostgres.newDatabase() : folder.file("base.sqlite").path
        let store = try CaseStore(location: location)
        #expect(store.importPaths([Repository.samples.path], actor: "test").failures.isEmpty)
        let runner = AuditRunner(store: store, checklist: Fixture.national, calendar: Fixture.calendar)
        let base = try runner.run(asOf: asOf, actor: "test", reuse: false, incremental: false)
        #expect(base.run.baseRun == nil && base.run.coversStore == true)
        return (store, runner, try store.caseIds(), base)
    }

    /// The party's name changed by a clerk: a new version of the case, which its result no longer fits.
    func rename(_ id: String, in store: CaseStore) throws {
        var c = try #require(try store.loadCase(id: id))
        c.party.name += "（更正）"
        try store.save(c, actor: "clerk", source: "edit")
    }

    func ownRows(_ store: CaseStore, _ runId: Int64) throws -> Int {
        try store.read { try await $0.fetchValue(Int.self, "SELECT COUNT(*) FROM auditResult WHERE runId = ?", [runId]) } ?? -1
    }

    /// Everything a reader can ask of a run, with the run's number taken out.
    func everything(_ store: CaseStore, _ run: AuditRunRecord, _ ids: [String]) throws -> [String] {
        let sink = ReportSink()
        try JSONAuditReport.write(run: run, store: store, includeAll: true, to: sink)
        var seen = [
            String(decoding: sink.collected, as: UTF8.self).replacingOccurrences(of: "\"run\":\(run.id!)", with: "\"run\":RUN")
                .replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"#, with: "TIME", options: .regularExpression)
        ]
        seen += try store.auditRunGrades(runId: run.id!).map { "\($0)" }
        seen += try store.auditRunGrades(runId: run.id!, agency: "WH-SJJ").map { "\($0)" }
        try store.forEachAuditResultWithCase(runId: run.id!, onlyFailing: true) { entry in
            #expect(entry.result.runId == run.id!)
            seen.append("\(entry.result.caseId) \(entry.result.failures) \(entry.party) \(entry.caseDate.map(\.description) ?? "-")")
        }
        let byCase = try store.auditResults(runId: run.id!, caseIds: ids)
        seen += ids.map { id in byCase[id].map { "\($0.runId == run.id!) \($0.caseId) \($0.score) \($0.audit.count)" } ?? "\(id) none" }
        return seen
    }

    /// A run's totals counted here from its results one by one: what its stored totals must equal.
    func countedGrades(_ store: CaseStore, _ runId: Int64, agency: String? = nil) throws -> [AuditGradeTally] {
        var byGrade: [String: AuditGradeTally] = [:]
        try store.forEachAuditResult(runId: runId, agency: agency) { result in
            var tally = byGrade[result.grade] ?? AuditGradeTally(grade: result.grade, cases: 0, scoreSum: 0, vetoes: 0, failing: 0)
            tally.cases += 1
            tally.scoreSum += result.score
            if result.veto { tally.vetoes += 1 }
            if result.failures > 0 { tally.failing += 1 }
            byGrade[result.grade] = tally
        }
        return byGrade.values.sorted { $0.grade.utf8.lexicographicallyPrecedes($1.grade.utf8) }
    }

    /// The run's stored totals, of the store and of one agency, equal its results counted one by one.
    func expectTotalsStored(_ store: CaseStore, _ run: AuditRunRecord, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try store.read { try await AuditTallies.stored(run.id!, $0) } != nil, "stored with the run", sourceLocation: sourceLocation)
        let all = try store.auditRunGrades(runId: run.id!)
        #expect(all == (try countedGrades(store, run.id!)), sourceLocation: sourceLocation)
        #expect(all.reduce(0) { $0 + $1.cases } == run.caseCount && all.count > 1, sourceLocation: sourceLocation)
        #expect(
            try store.auditRunGrades(runId: run.id!, agency: "WH-SJJ") == (try countedGrades(store, run.id!, agency: "WH-SJJ")),
            sourceLocation: sourceLocation)
    }

    @Test(arguments: StoreKind.allCases)
    func aRunAfterAFewChangesHoldsOnlyThemAndReadsAsTheFreshRun(_ kind: StoreKind) throws {
        let folder = try TemporaryFolder()
        let (store, runner, ids, base) = try audited(kind, folder)
        #expect(try ownRows(store, base.run.id!) == ids.count)

        try rename(ids[3], in: store)
        let first = try runner.run(asOf: asOf, actor: "test", reuse: false)
        #expect(first.run.baseRun == base.run.id && first.casesReused == ids.count - 1)
        #expect(try ownRows(store, first.run.id!) == 1, "the run holds the changed case alone")
        try expectTotalsStored(store, base.run)
        try expectTotalsStored(store, first.run)
        // A base stored before v10 has no totals: they are counted from its rows, for it and for a
        // run built on it.
        try store.write { try await $0.execute("DELETE FROM auditTally WHERE runId = ?", [base.run.id!]) }
        #expect(try store.auditRunGrades(runId: base.run.id!) == (try countedGrades(store, base.run.id!)))

        // Built on the same base, not on the run before: the case that run judged is taken from it.
        try rename(ids[7], in: store)
        let second = try runner.run(asOf: asOf, actor: "test", reuse: false)
        #expect(second.run.baseRun == base.run.id)
        #expect(try ownRows(store, second.run.id!) == 2)
        let judgedIn = try store.read { db in
            try await db.fetchValue(Int64.self, "SELECT judgedIn FROM auditResult WHERE runId = ? AND caseId = ?", [second.run.id!, ids[3]])
        }
        #expect(judgedIn == first.run.id)
        try expectTotalsStored(store, second.run)

        let fresh = try runner.run(asOf: asOf, actor: "test", reuse: false, incremental: false)
        #expect(try everything(store, second.run, ids) == (try everything(store, fresh.run, ids)))
        // The run before still reads as it stood: its own result for the first case changed, the
        // base's for the rest, each with its JSON.
        let earlier = try store.auditResults(runId: first.run.id!, caseIds: [ids[3], ids[7]])
        let later = try store.auditResults(runId: second.run.id!, caseIds: [ids[3]])
        let original = try store.auditResults(runId: base.run.id!, caseIds: [ids[7]])
        #expect(earlier.count == 2 && earlier[ids[3]]?.audit == later[ids[3]]?.audit)
        #expect(earlier[ids[7]]?.audit == original[ids[7]]?.audit && earlier[ids[7]]?.audit.isEmpty == false)
    }

    /// A score changed by hand into what is no number of points is reported as the corrupt value
    /// it is when a run's totals are counted, not trapped on (its exact sum is an integer).
    @Test func aStoredScoreThatIsNoNumberOfPointsIsAnErrorNotATrap() throws {
        let folder = try TemporaryFolder()
        let (store, _, ids, base) = try audited(.sqliteFile, folder)
        // A run stored before v10 keeps no totals: they are counted from its rows.
        try store.write { try await $0.execute("DELETE FROM auditTally WHERE runId = ?", [base.run.id!]) }
        #expect(try store.auditRunGrades(runId: base.run.id!) == (try countedGrades(store, base.run.id!)))
        for score in ["1e300", "'九十分'"] {
            try store.write { try await $0.execute("UPDATE auditResult SET score = \(score) WHERE runId = ? AND caseId = ?", [base.run.id!, ids[0]]) }
            #expect {
                try store.auditRunGrades(runId: base.run.id!)
            } throws: { error in
                "\(error)".contains("column score does not hold a")
            }
        }
        try store.write { try await $0.execute("UPDATE auditResult SET score = 1000000 WHERE runId = ? AND caseId = ?", [base.run.id!, ids[0]]) }
        #expect(try store.auditRunGrades(runId: base.run.id!).contains { $0.scoreSum >= 1_000_000 }, "the bound itself is a score")
    }

    @Test(arguments: StoreKind.allCases)
    func aRunHoldsEverythingWhenMuchChangedOrItCoversPartOfTheStoreOrIsShared(_ kind: StoreKind) throws {
        let folder = try TemporaryFolder()
        let (store, runner, ids, _) = try audited(kind, folder)

        // A quarter of the store and one more changed: more than a run built on a base may hold.
        for id in ids.prefix(ids.count / 4 + 1) { try rename(id, in: store) }
        let many = try runner.run(asOf: asOf, actor: "test", reuse: false)
        #expect(many.run.baseRun == nil && many.casesReused == ids.count - (ids.count / 4 + 1))
        #expect(try ownRows(store, many.run.id!) == ids.count)
        // One case fewer changed since that run: now it is the base.
        try rename(ids[0], in: store)
        let few = try runner.run(asOf: asOf, actor: "test", reuse: false)
        #expect(few.run.baseRun == many.run.id)

        let agency = try runner.run(asOf: asOf, selection: AuditSelection(agency: "WH-SJJ"), actor: "test", reuse: false)
        let agencyCases = try store.caseIds(agency: "WH-SJJ").count
        #expect(agency.run.baseRun == nil && agency.run.coversStore == false && agency.casesReused == agencyCases)
        #expect(try ownRows(store, agency.run.id!) == agencyCases)

        try rename(ids[1], in: store)
        let shared = try runner.planShared(asOf: asOf, actor: "test")
        _ = try runner.work(on: shared.id!, worker: "w", actor: "test")
        #expect(try store.auditRun(id: shared.id!)?.baseRun == nil)
        #expect(try ownRows(store, shared.id!) == ids.count)
    }
}

extension RunOnBaseTests {
    /// A run's final scores are its reviewed and signed cases, found through the entries whether
    /// their results are the run's own rows or its base's: none before the review, the signed case
    /// after it, and none in another agency.
    @Test(arguments: StoreKind.allCases)
    func finalScoresAreTheSignedCasesOfTheRun(_ kind: StoreKind) throws {
        let folder = try TemporaryFolder()
        let (store, runner, ids, base) = try audited(kind, folder)
        #expect(try AuditRunner.finalCases(in: store, runId: base.run.id!).count == 0)
        let results = try store.auditResults(runId: base.run.id!, caseIds: ids)
        let id = try #require(ids.first { results[$0].map { $0.grade != CaseStanding.inProgress.storedGrade } ?? false })
        for item in Fixture.national.manualItems {
            _ = try store.recordManualScore(caseId: id, item: item.id, deduction: 0, note: "", reviewer: "评查员甲")
        }
        _ = try store.recordManualScore(caseId: id, item: ManualScore.conclusionItem, deduction: 0, note: "案卷规范", reviewer: "评查员甲")
        let reviewed = try runner.run(asOf: asOf, actor: "test")
        #expect(reviewed.run.baseRun == base.run.id, "the reviewed case is the run's own row, the rest its base's")
        #expect(try AuditRunner.finalCases(in: store, runId: reviewed.run.id!).cases == [id])
        let agency = try #require(results[id]?.agency)
        #expect(try AuditRunner.finalCases(in: store, runId: reviewed.run.id!, agency: agency).cases == [id])
        let other = try #require(ids.compactMap { results[$0]?.agency }.first { $0 != agency })
        #expect(try AuditRunner.finalCases(in: store, runId: reviewed.run.id!, agency: other).count == 0)
    }
}
