import Audit
import AuditRuns
import Foundation
import TestSupport
import Testing

@testable import CaseStore

/// One run shared by several workers, each with a store of its own on one SQLite file or one
/// PostgreSQL database, as separate processes would have: the finished run equals a single
/// process's, case for case, and a dead worker's chunk is claimed again.
@Suite struct SharedAuditTests {
    enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
        case sqliteFile, postgres
        var testDescription: String { rawValue }
    }

    /// A new store holding the samples, and where further stores on it are opened.
    func sampleStore(_ kind: StoreKind, _ folder: TemporaryFolder) throws -> (CaseStore, String) {
        let location = kind == .postgres ? try ThrowawayPostgres.newDatabase() : folder.file("shared.sqlite").path
        let store = try CaseStore(location: location)
        #expect(store.importPaths([Repository.samples.path], actor: "test").failures.isEmpty)
        return (store, location)
    }

    func runner(_ location: String) throws -> AuditRunner {
        AuditRunner(store: try CaseStore(location: location), checklist: Fixture.national, calendar: Fixture.calendar)
    }

    func results(_ store: CaseStore, _ runId: Int64) throws -> [String: String] {
        var all: [String: String] = [:]
        try store.forEachAuditResult(runId: runId) { all[$0.caseId] = "\($0.score)|\($0.grade)|\($0.veto)|\($0.failures)|\($0.audit)" }
        return all
    }

    @Test(arguments: StoreKind.allCases)
    func threeWorkersMakeTheRunOneProcessMakes(_ kind: StoreKind) async throws {
        let folder = try TemporaryFolder()
        let (store, location) = try sampleStore(kind, folder)
        let planner = try runner(location)
        let run = try planner.planShared(asOf: day("2026-11-22"), actor: "审查员", chunkSize: 5)
        let runId = try #require(run.id)
        #expect(try store.auditRun(id: runId)?.complete == false)

        let workers = try (0..<3).map { _ in try runner(location) }
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for (index, worker) in workers.enumerated() {
                group.addTask { try worker.work(on: runId, worker: "worker-\(index)", actor: "审查员", poll: 0.02) }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(counts.reduce(0, +) == (Repository.sampleCaseCount + 4) / 5, "the samples in chunks of 5, each stored once: \(counts)")

        let done = try #require(try store.auditRun(id: runId))
        #expect(done.complete && done.caseCount == Repository.sampleCaseCount)
        let single = try AuditRunner(store: store, checklist: Fixture.national, calendar: Fixture.calendar)
            .run(asOf: day("2026-11-22"), actor: "t", reuse: false, incremental: false)
        #expect(try results(store, runId) == results(store, single.run.id!))
        #expect(try store.journal().filter { $0.action == "audit.run" && $0.subject == String(runId) }.count == 1, "completed once")
        #expect(try store.verify().isIntact)
    }

    @Test(arguments: StoreKind.allCases)
    func aDeadWorkersChunkIsClaimedAgainAndItsLateResultsRefused(_ kind: StoreKind) async throws {
        let folder = try TemporaryFolder()
        let (store, location) = try sampleStore(kind, folder)
        let run = try runner(location).planShared(asOf: day("2026-11-22"), actor: "t", chunkSize: 10)
        let runId = try #require(run.id)
        let now = Date().timeIntervalSince1970
        // A worker alive now holds chunk 0; another claimed chunk 1 long ago and died.
        guard case .claimed(let held) = try store.claimAuditChunk(runId: runId, worker: "slow", now: now, lease: 60, actor: "t"),
            case .claimed(let lost) = try store.claimAuditChunk(runId: runId, worker: "dead", now: now - 1_000, lease: 60, actor: "t")
        else {
            Issue.record("two chunks should be claimable")
            return
        }
        #expect(held.chunk == 0 && lost.chunk == 1)

        // With a lease of 2 s the live worker takes chunk 1 at once and chunk 0 once "slow" has been silent for 2 s.
        let started = Date()
        let stored = try runner(location).work(on: runId, worker: "live", actor: "t", lease: 2, poll: 0.05)
        #expect(stored == 4)
        #expect(Date().timeIntervalSince(started) >= 1.5, "chunk 1 was waited for, not taken from a live holder at once")
        #expect(try store.auditRun(id: runId)?.complete == true)
        #expect(
            try store.finishAuditChunk(lost, worker: "dead", results: [], now: Date().timeIntervalSince1970) == false,
            "a worker whose chunk was taken over stores nothing")
        #expect(try results(store, runId).count == Repository.sampleCaseCount)
    }

    /// A chunk's cases to audit are those of its range the run holds no result of, by their ids
    /// on both sides of a held one; the whole range only when it holds none.
    @Test(arguments: StoreKind.allCases)
    func aChunksCasesAreThoseOfItsRangeTheRunDoesNotHold(_ kind: StoreKind) throws {
        let folder = try TemporaryFolder()
        let (store, location) = try sampleStore(kind, folder)
        let runner = try runner(location)
        let run = try runner.planShared(asOf: day("2026-11-22"), actor: "t", chunkSize: 1_000)
        let runId = try #require(run.id)
        let plan = try #require(try store.auditPlan(runId: runId))
        let ids = try store.caseIds()
        let (first, last) = (try #require(ids.first), try #require(ids.last))
        let none = try store.unauditedCaseIds(runId: runId, plan: plan, first: first, last: last)
        #expect(none.ids == ids && none.wholeRange)

        _ = try runner.work(on: runId, worker: "w", actor: "t")
        let all = try store.unauditedCaseIds(runId: runId, plan: plan, first: first, last: last)
        #expect(all.ids.isEmpty && !all.wholeRange)

        // Two results taken away again: the first case's and one in the middle.
        let missing = [ids[0], ids[ids.count / 2]]
        try store.write { db in
            try await db.execute("DELETE FROM auditResult WHERE runId = ? AND caseId IN (?, ?)", [runId, missing[0], missing[1]])
        }
        let some = try store.unauditedCaseIds(runId: runId, plan: plan, first: first, last: last)
        #expect(some.ids == missing && !some.wholeRange)
        let inside = try store.unauditedCaseIds(runId: runId, plan: plan, first: ids[1], last: ids[ids.count / 2])
        #expect(inside.ids == [missing[1]], "a range's bounds are its own")
    }

    @Test func aWorkerJudgingDifferentlyIsRefused() throws {
        let folder = try TemporaryFolder()
        let (_, location) = try sampleStore(.sqliteFile, folder)
        let run = try runner(location).planShared(asOf: day("2026-11-22"), actor: "t")
        let market = AuditRunner(
            store: try CaseStore(location: location), checklist: try Fixture.loader.load("market-regulation"),
            calendar: Fixture.calendar)
        #expect(throws: SharedAuditError.differentJudgment(run.id!)) { try market.work(on: run.id!, worker: "w", actor: "t") }
        #expect(throws: SharedAuditError.runUnknown(999)) { try runner(location).work(on: 999, worker: "w", actor: "t") }
        let single = try runner(location).run(asOf: day("2026-11-21"), actor: "t")
        #expect(throws: SharedAuditError.notShared(single.run.id!)) { try runner(location).work(on: single.run.id!, worker: "w", actor: "t") }
    }
}
