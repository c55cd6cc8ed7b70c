import Audit
import CaseModel
import Foundation
import Testing

/// A result is stored without what it shares with every result of its checklist (its categories'
/// names and points, its manual items while unscored) and reads back byte for byte as
/// `AuditJSON.encode` writes it.
@Suite struct StoredAuditJSONTests {
    let clean = Fixture.cleanFine
    let auditor = Fixture.auditor()
    var shared: SharedResultParts { auditor.sharedResultParts }

    func roundTrip(_ audit: CaseAudit, key: String = "0123abcc") throws -> String {
        let stored = AuditJSON.encodeStored(audit, sharing: shared, headers: StoredAuditText.Headers(key: key))
        let whole = AuditJSON.encode(audit)
        #expect(try StoredAuditText.expand(stored, with: shared.template) == whole)
        #expect(try JSONDecoder().decode(CaseAudit.self, from: Data(whole.utf8)) == audit)
        return stored
    }

    @Test func aResultWithOnlyItsOpenManualItemsKeepsUnderAThirdOfItsText() throws {
        let audit = auditor.audit(clean, asOf: day("2026-11-22"), keepPassing: false)
        #expect(audit.findings.map(\.status) == [.manual, .manual, .manual, .manual])
        let stored = try roundTrip(audit)
        #expect(stored.hasPrefix(#"#0123abcc:cm{"agency":"#))
        #expect(stored.contains(#""categories":[0,0,0,0,0,0]"#) && stored.contains(#""findings":[]"#))
        #expect(stored.utf8.count * 3 < AuditJSON.encode(audit).utf8.count)
        #expect(StoredAuditText.key(of: stored) == "0123abcc", "a key may end in a flag's letter")
    }

    @Test func failuresAndPassesStayBeforeTheManualItemsLeftOut() throws {
        var bad = clean
        bad.events[1].officers = ["AUX", "NOBODY \"引号\"\n"]
        let audit = auditor.audit(bad, asOf: day("2026-11-22"), keepPassing: true)
        #expect(!audit.failures.isEmpty && audit.categories.contains { $0.deducted > 0 })
        let stored = try roundTrip(audit)
        #expect(stored.hasPrefix("#0123abcc:cm{"))
        #expect(!stored.contains("待评查人员评分"))
    }

    @Test func aScoredManualItemKeepsEveryManualItemInTheResult() throws {
        let scores = [ManualScore(item: "FACTS", deduction: 2, note: "事实不清", reviewer: "陈某", at: "2026-11-22T08:00:00Z")]
        let audit = auditor.audit(clean, asOf: day("2026-11-22"), manualScores: scores, keepPassing: false)
        let stored = try roundTrip(audit)
        #expect(stored.hasPrefix("#0123abcc:c{"))
        #expect(stored.contains("待评查人员评分") && stored.contains("事实不清"))
    }

    @Test func aResultSharingNothingIsStoredWhole() throws {
        let audit = auditor.unreadable(id: "X-1", agency: "WH-SJJ", reason: "第3行")
        #expect(audit.categories.isEmpty)
        let stored = try roundTrip(audit)
        #expect(stored == AuditJSON.encode(audit))
        #expect(StoredAuditText.key(of: stored) == nil)
        #expect(try StoredAuditText.expand(stored, with: nil) == stored, "whole JSON needs no template")
    }

    @Test func aStoredResultWithoutItsTemplateOrWithAnotherIsAnErrorNotAGuess() throws {
        let stored = AuditJSON.encodeStored(
            auditor.audit(clean, asOf: day("2026-11-22"), keepPassing: false), sharing: shared, headers: StoredAuditText.Headers(key: "k"))
        #expect(throws: StoredAuditText.Malformed.self) { try StoredAuditText.expand(stored, with: nil) }
        var fewer = shared.template
        fewer.categoryTails.removeLast()
        #expect(throws: StoredAuditText.Malformed.self) { try StoredAuditText.expand(stored, with: fewer) }
        var more = shared.template
        more.categoryTails.append(#","name":"其他","points":1}"#)
        #expect(throws: StoredAuditText.Malformed.self) { try StoredAuditText.expand(stored, with: more) }
        #expect(throws: StoredAuditText.Malformed.self) {
            try StoredAuditText.expand(#"#k:c{"categories":[0,,0,0,0,0],"findings":[]}"#, with: shared.template)
        }
        #expect(throws: StoredAuditText.Malformed.self) { try StoredAuditText.expand("#k:cm", with: shared.template) }
        #expect(throws: StoredAuditText.Malformed.self) { try StoredAuditText.expand(#"#k:m{"findings":[]}"#, with: shared.template) }
    }
}
