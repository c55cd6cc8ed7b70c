import Audit
import AuditRuns
import CaseModel
import Foundation
import TestSupport
import Testing

@testable import CaseStore

/// A run stores its results without what they share with every result of its checklist
/// (`ResultTemplate`, kept once in the store), and every reader gets each result's whole JSON
/// back, as the audit wrote it, on both backends.
@Suite struct StoredResultTests {
    @Test(arguments: RunOnBaseTests.StoreKind.allCases)
    func everyReaderGetsTheWholeJSONOfAResultStoredWithoutItsTemplate(_ kind: RunOnBaseTests.StoreKind) throws {
        let folder = try TemporaryFolder()
        let (store, runner, _, fresh) = try RunOnBaseTests().audited(kind, folder)
        let run = fresh.run
        let asOf = run.asOf
        let auditor = try runner.auditor()

        // What the audit writes for each case, whole.
        var whole: [String: String] = [:]
        for id in try store.caseIds() {
            let c = try #require(try store.loadCase(id: id))
            whole[id] = AuditJSON.encode(auditor.audit(c, asOf: asOf, manualScores: [], keepPassing: false))
        }
        let raw = try store.read { db in
            try await db.fetchAll("SELECT caseId, audit FROM auditResult WHERE runId = ?", [run.id!]).map { row -> (String, String) in
                (row["caseId"], row["audit"])
            }
        }
        #expect(raw.count == whole.count && raw.allSatisfy { $0.1.hasPrefix("#") }, "every sample shares its checklist's parts")
        #expect(raw.reduce(0) { $0 + $1.1.utf8.count } * 2 < whole.values.reduce(0) { $0 + $1.utf8.count })

        var read: [String: String] = [:]
        try store.forEachAuditResult(runId: run.id!) { read[$0.caseId] = $0.audit }
        #expect(read == whole)
        var withCase: [String: String] = [:]
        try store.forEachAuditResultWithCase(runId: run.id!) { withCase[$0.result.caseId] = $0.result.audit }
        #expect(withCase == whole)
        #expect(try store.auditResults(runId: run.id!, caseIds: Array(whole.keys)).mapValues(\.audit) == whole)
        let id = try #require(whole.keys.sorted().first)
        let version = try #require(try store.read { try await $0.fetchValue(Int.self, "SELECT version FROM enforcementCase WHERE id = ?", [id]) })
        let held = try store.heldAudit(
            caseId: id, version: version, manualDigest: "", day: asOf, environmentHash: try #require(run.environmentHash))
        #expect(held?.json == whole[id])

        // The template gone (a damaged store): reading a result is an error that says so, never a guess.
        try store.write { try await $0.execute("DELETE FROM resultTemplate", []) }
        #expect {
            try store.forEachAuditResult(runId: run.id!) { _ in }
        } throws: { error in
            (error as? StoreError)?.kind == .internalFailure && "\(error)".contains("评查结果")
        }
    }
}
