import Audit
import AuditRuns
import Checklists
import Foundation
import Testing

@testable import CaseStore

/// `pruneAuditRuns` removes old runs but never one a kept run takes results from, and a kept run
/// reads the same after as before.
@Suite struct RunRetentionTests {
    func audits(_ store: CaseStore, _ runId: Int64) throws -> [CaseAudit] {
        var all: [CaseAudit] = []
        try AuditRunner.forEachCaseAudit(in: store, runId: runId) { all.append($0) }
        return all
    }

    @Test(arguments: Backend.allCases)
    func prunedRunsGoAndWhatAKeptRunReusesStays(_ backend: Backend) throws {
        let store = try backend.emptyStore()
        #expect(store.importPaths([Repository.samples.path], actor: "test").failures.isEmpty)
        let runner = AuditRunner(
            store: store, checklist: try ChecklistLoader(directory: Repository.checklists).load("national"), calendar: Repository.calendar)
        let first = try runner.run(asOf: day("2026-11-02"), actor: "t").run.id!
        let fresh = try runner.run(asOf: day("2026-11-03"), actor: "t", incremental: false).run.id!
        // Incremental runs take most results from the newest run under the same environment.
        let second = try runner.run(asOf: day("2026-11-20"), actor: "t").run.id!
        let third = try runner.run(asOf: day("2026-11-22"), actor: "t").run.id!
        let before = try audits(store, third)
        let rows = { (run: Int64) in try store.read { try await $0.fetchValue(Int.self, "SELECT COUNT(*) FROM auditResult WHERE runId = ?", [run]) } ?? 0 }
        // What the newest run takes results from: its base, and the runs that judged what it or its base reused.
        let base = try store.read { try await $0.fetchValue(Int64.self, "SELECT baseRun FROM auditRun WHERE id = ?", [third]) }
        let reading = Set([third] + [base].compactMap { $0 })
        var needed = reading
        for run in reading {
            needed.formUnion(
                try store.read {
                    try await $0.fetchValues(Int64.self, "SELECT DISTINCT judgedIn FROM auditResult WHERE runId = ? AND judgedIn IS NOT NULL", [run])
                })
        }
        #expect(needed.count > 1, "the newest run takes results from an earlier one")

        let dry = try store.pruneAuditRuns(keepLatest: 1, actor: "管理员", dryRun: true)
        #expect(try store.auditRunListing().count == 4, "a dry run removes nothing")
        let report = try store.pruneAuditRuns(keepLatest: 1, actor: "管理员")
        #expect(report.removed == dry.removed)
        #expect(report.kept == needed.sorted())
        #expect(report.keptAsNeeded == needed.subtracting([third]).sorted())
        #expect(report.removed == Set([first, fresh, second, third]).subtracting(needed).sorted() && !report.removed.isEmpty)
        for run in report.removed { #expect(try rows(run) == 0, "run \(run)") }
        #expect(try store.auditRunListing().map { $0.run.id! }.sorted() == report.kept)
        // The kept run reads exactly as before; the journal says who removed what; the chain holds.
        #expect(try audits(store, third) == before)
        #expect(try store.journal().last?.action == "audit.prune" && store.journal().last?.actor == "管理员")
        #expect(try store.verify().isIntact)
        // Nothing more to remove: a second prune changes nothing.
        #expect(try store.pruneAuditRuns(keepLatest: 1, actor: "管理员").removed.isEmpty)
    }
}
