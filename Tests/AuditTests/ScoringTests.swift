import Audit
import CaseModel
import Checklists
import Foundation
import Testing

@Suite struct ScoringTests {
    let clean = Fixture.cleanFine

    @Test func aCaseWithNoFailuresScoresFullMarks() {
        let audit = Fixture.auditor().audit(clean, asOf: day("2026-11-22"))
        #expect(audit.failures.isEmpty, "\(audit.failures.map(\.message))")
        #expect(audit.score == 100)
        #expect(audit.grade == "优秀")
        #expect(!audit.veto)
        #expect(audit.findings.filter { $0.status == .manual }.map(\.rule) == ["FACTS", "EVIDENCE", "LAW", "DOCUMENTS"])
    }

    @Test func indicatorsCountTheCaseAsItStoodOnTheAsOfDate() {
        var seized = clean
        seized.events.insert(.e(.seizure, "2024-03-01", "A B", records: [.text, .audioVideo]), at: 3)
        seized.events.insert(.e(.demolition, "2024-03-05", "A B"), at: 4)
        let decided = Fixture.auditor().audit(seized, asOf: day("2026-11-22")).indicators
        #expect(decided?.countedOn == day("2024-03-28"))
        #expect(decided?.decided == true && decided?.disclosedOnTime == true)
        #expect(decided?.sensitiveActs == 2 && decided?.sensitiveActsRecorded == 1)
        #expect(decided?.legalReviewApproved == nil, "not a major case")
        // The day before the demolition: one act so far, no decision, nothing to disclose yet.
        let early = Fixture.auditor().audit(seized, asOf: day("2024-03-04")).indicators
        #expect(early?.decided == false && early?.disclosedOnTime == nil)
        #expect(early?.sensitiveActs == 1 && early?.sensitiveActsRecorded == 1)
        #expect(early?.countedOn == day("2024-02-26"))
    }

    @Test func everyRuleGivesAVerdictAndNotApplicableIsNotPass() {
        let audit = Fixture.auditor().audit(clean, asOf: day("2026-11-22"))
        let rules = Set(audit.findings.map(\.rule)).subtracting(["FACTS", "EVIDENCE", "LAW", "DOCUMENTS"])
        #expect(rules == Set(RuleCatalogue.all.map(\.id.rawValue)))
        #expect(audit.findings.first { $0.rule == "LICENSE-DEADLINE" }?.status == .notApplicable)
        #expect(audit.findings.first { $0.rule == "SEIZURE-DEADLINE" }?.status == .notApplicable)
        #expect(audit.findings.first { $0.rule == "DISCLOSE-LATE" }?.status == .pass)
    }

    @Test func manualScoresDeductWithinTheirPoints() {
        let scored = Fixture.auditor().audit(
            clean, asOf: day("2026-11-22"),
            manualScores: [
                ManualScore(item: "FACTS", deduction: 3, note: "违法事实认定不清", reviewer: "陈某", at: "2026-11-22T08:00:00Z"),
                ManualScore(item: "LAW", deduction: 0, note: "", reviewer: "陈某", at: "2026-11-22T08:00:00Z"),
                ManualScore(item: "DOCUMENTS", deduction: 99, note: "文书错漏多", reviewer: "陈某", at: "2026-11-22T08:00:00Z")
            ])
        #expect(scored.score == 100 - 3 - 4)
        #expect(scored.findings.first { $0.rule == "FACTS" }?.status == .fail)
        #expect(scored.findings.first { $0.rule == "LAW" }?.status == .pass)
        #expect(scored.findings.first { $0.rule == "EVIDENCE" }?.status == .manual)
        #expect(scored.findings.first { $0.rule == "FACTS" }?.reviewer?.hasPrefix("陈某") == true)
    }

    @Test func aVetoGradesTheCase不合格WhateverItsScore() {
        var expired = clean
        expired.events[2].officers = ["A", "EXPIRING"]
        expired.events[2].date = day("2024-04-01")
        let audit = Fixture.auditor().audit(expired, asOf: day("2026-11-22"))
        #expect(audit.veto)
        #expect(audit.score >= 80)
        #expect(audit.grade == "不合格")
        // Shown as 否决 with the item that decided it, never as a deduction of 0 points.
        let certTitle = RuleCatalogue.rule("OFFICER-CERT")!.title
        #expect(audit.vetoReasons == [certTitle])
        #expect(audit.resultText.hasPrefix("初评 ") && audit.resultText.contains("分 · 不合格 · 否决：\(certTitle)（"))
        #expect(!audit.resultText.contains("扣0分"))
    }

    @Test func aCaseWithoutADecisionIs办理中AndNeverGraded() throws {
        // A newly registered case with no steps at all.
        let registered = penalty([], item: "LICENCE", violation: "2024-02-20", fine: nil, level: nil, reason: nil, disclosure: nil)
        let fresh = Fixture.auditor().audit(registered, asOf: day("2024-02-27"))
        #expect(fresh.isInProgress && fresh.grade == "办理中" && fresh.resultText == "办理中")
        #expect(!fresh.resultText.contains("优秀") && !fresh.resultText.contains("100"))
        // The clean case the day before its decision is still in progress; on the decision day it is graded.
        let before = Fixture.auditor().audit(clean, asOf: day("2024-03-27"))
        #expect(before.isInProgress && before.grade == "办理中")
        let decided = Fixture.auditor().audit(clean, asOf: day("2024-03-28"))
        #expect(!decided.isInProgress && decided.inProgress == nil && decided.grade == "优秀")
        #expect(decided.resultText == "初评 100分 · 优秀（待人工评查 4 项，共24分）", "nobody has reviewed it")
        // A case closed without a decision (撤案) is finished, not in progress.
        var withdrawn = clean
        withdrawn.events = Array(clean.events.prefix(3)) + [.e(.closed, "2024-03-01", "A B")]
        #expect(!Fixture.auditor().audit(withdrawn, asOf: day("2026-11-22")).isInProgress)
        // The flag survives the hand-written JSON.
        let json = AuditJSON.encode(before)
        #expect(json.contains("\"inProgress\":true"))
        #expect(try JSONDecoder().decode(CaseAudit.self, from: Data(json.utf8)) == before)
    }

    @Test func categoriesCapTheirDeductionsAndTheScoreNeverGoesBelowZero() throws {
        let folder = try TemporaryFolder()
        try folder.copyChecklists(["checklist.xsd", "national.xml"])
        try folder.write(
            "harsh.xml",
            """
            <checklist xmlns="urn:zhifa:checklist:1" name="harsh" title="严苛">
              <categories><category name="执法主体" points="3"/><category name="其他" points="2"/></categories>
              <rules>
                <rule id="OFFICER-CERT" category="执法主体" deduction="50" per-occurrence="50" veto="false"/>
                <rule id="OFFICER-COUNT" category="执法主体" deduction="50"/>
                <rule id="RECORD-TEXT" category="其他" deduction="50" per-occurrence="50"/>
              </rules>
              <manual><item id="ANY" category="其他" points="1">其他</item></manual>
              <grades><grade name="合格" min="1"/><grade name="不合格" min="0"/></grades>
            </checklist>
            """)
        let harsh = try ChecklistLoader(directory: folder.url).load("harsh")
        #expect(harsh.fullMarks == 5)
        var bad = clean
        bad.events[1].officers = ["AUX", "NOBODY"]
        bad.events[1].records = []
        let audit = Fixture.auditor(harsh).audit(bad, asOf: day("2026-11-22"))
        #expect(audit.categories.first { $0.name == "执法主体" }?.deducted == 3)
        #expect(audit.score == 0)
        #expect(audit.grade == "不合格")
        #expect(!audit.veto)
    }
}

@Suite struct AuditJSONTests {
    @Test func handWrittenJSONReadsBackToTheSameAuditAsFoundationWritesIt() throws {
        var tricky = penalty(
            [.e(.inspection, "2024-04-01", "A EXPIRING \"Q\\\n")], fine: "100", level: "从轻", reason: nil,
            disclosure: Disclosure(date: day("2024-04-10"), text: "电话13912345678\t"))
        tricky.id = "T-\u{1}\"引号\""
        let audit = Fixture.auditor().audit(
            tricky, asOf: day("2026-11-22"),
            manualScores: [
                ManualScore(item: "FACTS", deduction: 1.5, note: "多行\n说明", reviewer: "陈某", at: "2026-11-22T08:00:00Z")
            ])
        #expect(audit.failures.count >= 3)
        let decoded = try JSONDecoder().decode(CaseAudit.self, from: Data(AuditJSON.encode(audit).utf8))
        #expect(decoded == audit)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let viaFoundation = try JSONSerialization.jsonObject(with: encoder.encode(audit)) as! NSDictionary
        let viaHand = try JSONSerialization.jsonObject(with: Data(AuditJSON.encode(audit).utf8)) as! NSDictionary
        #expect(viaFoundation == viaHand)
    }
}
