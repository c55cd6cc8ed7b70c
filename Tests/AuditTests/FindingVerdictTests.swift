import Audit
import AuditRuns
import CaseModel
import CaseStore
import Foundation
import Testing

@testable import Reports

/// 确认 / 更正 of the machine's findings: a correction keeps the finding on the case, marked and
/// explained, takes it out of the score (and a veto out of the grade), reopens a signed review, is
/// journaled, and survives every later audit; a confirmation takes it back.
@Suite struct FindingVerdictTests {
    /// 何某's certificate was revoked on 2024-09-01: OFFICER-CERT (veto, −10) and OFFICER-COUNT
    /// (−5) fail, capped together at 执法主体's 10 points; RECORD-AV-REQUIRED costs 5 more.
    static let id = "WH-CGJ-2024-0910"
    static let asOf = day("2026-11-22")

    static func correction(_ rule: String = "OFFICER-CERT", by reviewer: String = "陈某", at minute: Int = 0) -> ManualScore {
        ManualScore(
            item: FindingVerdict.corrected.item(rule: rule), deduction: 0, note: "吊销决定已于2024-09-05撤销，见卷内复印件", reviewer: reviewer,
            at: "2026-11-22T10:\(minute + 10):00Z")
    }

    @Test func aCorrectionLeavesTheFindingShownButUncounted() throws {
        let (store, _, auditor, _) = try PageAuditTests.samples()
        let c = try #require(try store.loadCase(id: Self.id))
        let machine = auditor.audit(c, asOf: Self.asOf, keepPassing: false)
        #expect(machine.score == 85 && machine.veto && machine.grade == "不合格")

        let corrected = auditor.audit(c, asOf: Self.asOf, manualScores: [Self.correction()], keepPassing: false)
        #expect(corrected.score == 90 && !corrected.veto && corrected.grade == "优秀")
        let finding = try #require(corrected.findings.first { $0.rule == "OFFICER-CERT" })
        #expect(finding.status == .corrected && finding.deduction == 10 && finding.message.contains("被吊销"), "the machine's finding is kept")
        #expect(finding.correction == "吊销决定已于2024-09-05撤销，见卷内复印件（陈某 2026-11-22T10:10:00Z）")
        #expect(corrected.findings.first { $0.rule == "OFFICER-COUNT" }?.status == .fail, "only the corrected rule")
        #expect(!corrected.failures.contains { $0.rule == "OFFICER-CERT" })

        // A later 确认 takes it back; a correction after that corrects again.
        let confirm = ManualScore(item: FindingVerdict.confirmed.item(rule: "OFFICER-CERT"), deduction: 0, note: "", reviewer: "李某", at: "2026-11-22T11:00:00Z")
        #expect(auditor.audit(c, asOf: Self.asOf, manualScores: [Self.correction(), confirm], keepPassing: false) == machine)
        #expect(auditor.audit(c, asOf: Self.asOf, manualScores: [Self.correction(), confirm, Self.correction(at: 55)]).score == 90)

        // The stored JSON keeps the correction (`AuditJSON`, written by hand).
        let stored = try JSONDecoder().decode(CaseAudit.self, from: Data(AuditJSON.encode(corrected).utf8))
        #expect(stored == corrected)
        // The printed form and the reports say so.
        let form = CaseEvaluationForm.html(case: c, audit: corrected, checklist: Fixture.national, names: RegistryNames(try store.registry()), asOf: Self.asOf)
        #expect(form.contains("评查人员更正：吊销决定已于2024-09-05撤销"))
    }

    @Test func aVerdictIsRefusedWhereItHasNothingToJudgeOrNoReason() throws {
        let (store, _, auditor, _) = try PageAuditTests.samples()
        let audit = auditor.audit(try #require(try store.loadCase(id: Self.id)), asOf: Self.asOf, keepPassing: false)
        #expect(FindingVerdict.problem(.corrected, rule: "OFFICER-CERT", reason: "理由", in: audit) == nil)
        #expect(FindingVerdict.problem(.confirmed, rule: "OFFICER-CERT", reason: "", in: audit) == nil)
        #expect(FindingVerdict.problem(.corrected, rule: "OFFICER-CERT", reason: "  ", in: audit) == "更正机器评查结果须写明理由。")
        #expect(FindingVerdict.problem(.corrected, rule: "OFFICER-CERT", reason: String(repeating: "长", count: 500), in: audit) == nil)
        #expect(FindingVerdict.problem(.corrected, rule: "OFFICER-CERT", reason: String(repeating: "长", count: 501), in: audit) != nil)
        #expect(FindingVerdict.problem(.confirmed, rule: "DISCLOSE-LATE", reason: "", in: audit)?.contains("没有“DISCLOSE-LATE”的不符合项") == true)
        #expect(FindingVerdict.problem(.confirmed, rule: "FACTS", reason: "", in: audit) != nil, "a manual item is scored, not corrected")
        #expect(FindingVerdict.rules(in: audit).map(\.rule) == ["OFFICER-COUNT", "OFFICER-CERT", "RECORD-AV-REQUIRED"])
    }

    @Test func aCorrectionAfterTheSignatureReopensTheReview() {
        let signed = ProvisionalScoreTests.allFour + [ProvisionalScoreTests.sign(at: 5)]
        #expect(ManualReview.of(signed, items: Fixture.national.manualItems).isFinal)
        let reopened = ManualReview.of(signed + [Self.correction(at: 30)], items: Fixture.national.manualItems)
        #expect(!reopened.isFinal && reopened.pendingText == "待签署评查结论")
        #expect(ManualReview.of(signed + [Self.correction(at: 30), ProvisionalScoreTests.sign(at: 40)], items: Fixture.national.manualItems).isFinal)
    }

    @Test func aCorrectionIsJournaledAndSurvivesEveryLaterRun() throws {
        let (store, runner, _, _) = try PageAuditTests.samples()
        let first = try runner.run(asOf: Self.asOf, actor: "test")
        let firstId = try #require(first.run.id)
        let before = try #require(try store.auditResults(runId: firstId, caseIds: [Self.id])[Self.id])
        #expect(before.score == 85 && before.veto)

        let note = Self.correction().note
        try store.recordManualScore(caseId: Self.id, item: FindingVerdict.corrected.item(rule: "OFFICER-CERT"), deduction: 0, note: note, reviewer: "陈某")
        let entry = try #require(try store.journal().last)
        #expect(entry.action == "review.score" && entry.subject == Self.id && entry.actor == "陈某" && entry.detail.contains("更正:OFFICER-CERT"))

        for (incremental, reuse) in [(true, true), (false, false)] {
            let run = try runner.run(asOf: Self.asOf, actor: "test", reuse: reuse, incremental: incremental)
            let runId = try #require(run.run.id)
            let after = try #require(try store.auditResults(runId: runId, caseIds: [Self.id])[Self.id])
            #expect(after.score == 90 && !after.veto, "incremental \(incremental)")
            #expect(after.audit.contains("\"status\":\"corrected\"") && after.audit.contains(note))
        }
        #expect(try store.verify().isIntact)
    }
}
