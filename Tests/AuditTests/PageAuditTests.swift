import Audit
import AuditRuns
import CaseModel
import CaseStore
import Foundation
import Testing
import WorkCalendar

/// A case page shows the newest run's stored result exactly while an incremental run would reuse it.
@Suite struct PageAuditTests {
    /// The samples in a store of their own, with a runner, its auditor and the environment it judges in.
    static func samples() throws -> (CaseStore, AuditRunner, CaseAuditor, String) {
        let store = try CaseStore.inMemory()
        #expect(store.importPaths([Repository.samples.path], actor: "test").failures.isEmpty)
        let runner = AuditRunner(store: store, checklist: Fixture.national, calendar: Fixture.calendar)
        return (store, runner, try runner.auditor(), try runner.environmentHash(keepAllFindings: false))
    }

    @Test func aStoredResultServesOnlyItsVersionScoresDaysAndEnvironment() throws {
        let (store, runner, auditor, environment) = try Self.samples()
        let asOf = day("2026-11-22")
        // The case still in progress: its judgment changes when its next deadline passes.
        let id = "WH-SJJ-2024-0902"
        let (c, version) = try #require(try store.loadCaseWithVersion(id: id))
        let window = auditor.auditForReuse(c, asOf: asOf, keepPassing: false).window
        #expect(window.last < day("2100-01-01"), "the window is bounded, so both of its sides are tried")

        func page(_ day: CalendarDate, version: Int = version, scores: [ManualScore] = [], environment: String = environment) throws -> PageAudit {
            try runner.pageAudit(c, version: version, manualScores: scores, asOf: day, auditor: auditor, environmentHash: environment)
        }
        #expect(try page(asOf).storedRun == nil, "no run yet: audited for the page")

        let run = try runner.run(asOf: asOf, actor: "t").run.id!
        let held = try page(window.last)
        #expect(held.storedRun == run)
        #expect(held.audit == auditor.audit(c, asOf: window.last, keepPassing: false), "the stored result is what auditing would say")
        #expect(try page(window.first).storedRun == run)
        #expect(try page(window.last.adding(days: 1)).storedRun == nil)
        #expect(try page(window.first.adding(days: -1)).storedRun == nil)
        #expect(try page(asOf, version: version + 1).storedRun == nil)
        #expect(try page(asOf, environment: "another checklist or registry").storedRun == nil)
        let score = try store.recordManualScore(caseId: id, item: "FACTS", deduction: 2, note: "事实认定依据不足", reviewer: "陈某")
        let scored = try page(asOf, scores: [score])
        #expect(scored.storedRun == nil && scored.audit.findings.contains { $0.rule == "FACTS" })

        // The newest run decides: one that audited the case again holds its own result.
        let next = try runner.run(asOf: asOf, actor: "t").run.id!
        #expect(next != run)
        #expect(try page(asOf, scores: [score]).storedRun == next)
        #expect(try page(asOf).storedRun == nil, "the newest run judged other scores")
    }

    /// The case page's one read: what it holds equals what the separate readers say, and only files
    /// the case's own agency uploaded download from it.
    @Test func theCasePageReadsTheCaseItsScoresItsStoredAuditAndItsUploadsTogether() async throws {
        let (store, runner, auditor, environment) = try Self.samples()
        let asOf = day("2026-11-22")
        #expect(try await runner.caseForPage(id: "没有的案件", asOf: asOf, auditor: auditor, environmentHash: environment) == nil)

        let id = "WH-SJJ-2024-0902"
        var c = try #require(try store.loadCase(id: id))
        let ours = String(repeating: "a", count: 64)
        let theirs = String(repeating: "b", count: 64)
        let other = try #require(try store.registry().agencies.first { $0.code != c.agency }).code
        try await store.recordUpload(sha256: ours, agency: c.agency, name: "\(ours).mp4", size: 1, actor: "t")
        try await store.recordUpload(sha256: theirs, agency: other, name: "\(theirs).mp4", size: 1, actor: "t")
        let event = try #require(c.events.firstIndex { !$0.records.isEmpty })
        c.events[event].records[0].file = "\(ours).mp4"
        if c.events[event].records.count > 1 {
            c.events[event].records[1].file = "\(theirs).mp4"
        } else {
            c.events[event].records.append(c.events[event].records[0])
            c.events[event].records[1].file = "\(theirs).MP4"
        }
        try await store.save(c, actor: "t", source: "test")
        let score = try await store.recordManualScore(caseId: id, item: "FACTS", deduction: 2, note: "事实认定依据不足", reviewer: "陈某")

        let before = try #require(try await runner.caseForPage(id: id, asOf: asOf, auditor: auditor, environmentHash: environment))
        let (stored, version) = try #require(try store.loadCaseWithVersion(id: id))
        #expect(before.enforcementCase == stored && before.version == version && version > 1)
        #expect(before.manualScores == [score])
        #expect(before.ownedUploads == [ours], "another agency's upload named by the case never downloads from it")
        #expect(before.judged.storedRun == nil && before.judged.audit.findings.contains { $0.rule == "FACTS" })

        let run = try runner.run(asOf: asOf, actor: "t").run.id!
        let after = try #require(try await runner.caseForPage(id: id, asOf: asOf, auditor: auditor, environmentHash: environment))
        let separately = try runner.pageAudit(stored, version: version, manualScores: [score], asOf: asOf, auditor: auditor, environmentHash: environment)
        #expect(after.judged.storedRun == run && separately.storedRun == run)
        #expect(after.judged.audit == separately.audit)
    }
}
