import Audit
import CaseModel
import Checklists
import Foundation
import Testing

@testable import Reports

/// A case's score is the machine's 初评 until every manual item is scored and a reviewer signs the
/// conclusion after the last score; only then does it carry a final grade.
@Suite struct ProvisionalScoreTests {
    let decided = ScoringTests().clean

    static func score(_ item: String, _ deduction: Double = 0, at minute: Int) -> ManualScore {
        ManualScore(item: item, deduction: deduction, note: "", reviewer: "陈某", at: "2026-11-22T08:\(minute + 10):00Z")
    }

    static let allFour = ["FACTS", "EVIDENCE", "LAW", "DOCUMENTS"].enumerated().map { score($1, at: $0) }

    static func sign(_ who: String = "李某", at minute: Int) -> ManualScore {
        ManualScore(item: ManualScore.conclusionItem, deduction: 0, note: "案卷规范", reviewer: who, at: "2026-11-22T09:\(minute + 10):00Z")
    }

    @Test func unreviewedCaseIsProvisionalWithItsOpenItems() {
        let audit = Fixture.auditor().audit(decided, asOf: day("2026-11-22"))
        #expect(audit.score == 100 && audit.grade == "优秀")
        #expect(audit.isProvisional)
        #expect(audit.review == ManualReview(openItems: 4, openPoints: 24))
        #expect(audit.resultText == "初评 100分 · 优秀（待人工评查 4 项，共24分）")
    }

    @Test func scoredButUnsignedIsStillProvisional() {
        let three = Fixture.auditor().audit(decided, asOf: day("2026-11-22"), manualScores: Array(Self.allFour.prefix(3)))
        #expect(three.isProvisional && three.review?.openItems == 1)
        #expect(three.pendingText == "待人工评查 1 项，共4分", "DOCUMENTS, 4 points, is the one left")
        let four = Fixture.auditor().audit(decided, asOf: day("2026-11-22"), manualScores: Self.allFour)
        #expect(four.isProvisional && four.review?.openItems == 0)
        #expect(four.resultText == "初评 100分 · 优秀（待签署评查结论）")
    }

    @Test func signingAfterTheLastScoreMakesItFinal() {
        let signed = Fixture.auditor().audit(decided, asOf: day("2026-11-22"), manualScores: Self.allFour + [Self.sign(at: 0)])
        #expect(!signed.isProvisional && signed.review?.isFinal == true)
        #expect(signed.review?.signedBy == "李某")
        #expect(signed.resultText == "100分 · 优秀")
        #expect(CaseEvaluationForm.total(signed).contains("评查等级：优秀") && CaseEvaluationForm.total(signed).contains("评查结论签署：李某 2026-11-22"))
    }

    @Test func aScoreChangedAfterTheSignatureReopensTheCase() {
        let rescored = Self.allFour + [Self.sign(at: 0), Self.score("LAW", 2, at: 30)]
        let audit = Fixture.auditor().audit(decided, asOf: day("2026-11-22"), manualScores: rescored)
        #expect(audit.isProvisional && audit.review?.signedBy == nil)
        #expect(audit.score == 98)
        #expect(audit.resultText == "初评 98分 · 优秀（待签署评查结论）")
        #expect(CaseEvaluationForm.total(audit).hasPrefix("初评得分：98分　　初评等级：优秀"))
    }

    @Test func aSignatureBeforeAnyScoreSignsNothing() {
        let early = [Self.sign(at: 0)] + Self.allFour
        #expect(Fixture.auditor().audit(decided, asOf: day("2026-11-22"), manualScores: early).isProvisional)
    }

    @Test func aCaseInProgressHasNoScoreToBeProvisional() {
        var open = decided
        open.events.removeAll { $0.kind == .decision || $0.kind == .delivery }
        let audit = Fixture.auditor().audit(open, asOf: day("2026-11-22"))
        #expect(audit.isInProgress && !audit.isProvisional && audit.review == nil)
        #expect(audit.resultText == "办理中")
    }

    /// A result stored before reviews were kept has no `review`: read as not final, never as signed.
    @Test func aStoredAuditWithoutItsReviewIsProvisional() throws {
        var audit = Fixture.auditor().audit(decided, asOf: day("2026-11-22"), manualScores: Self.allFour + [Self.sign(at: 0)])
        audit.review = nil
        let old = try JSONDecoder().decode(CaseAudit.self, from: JSONEncoder().encode(audit))
        #expect(old.isProvisional && old.pendingText == "待人工评查")
    }

    @Test(arguments: [ManualScore.conclusionItem, "更正:FACTS", "确认:LAW"])
    func aChecklistCannotNameAManualItemAsTheConclusionOrAVerdict(_ id: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhifa-conclusion-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("mine.xml")
        try """
        <checklist xmlns="urn:zhifa:checklist:1" name="mine" title="含结论项的标准" extends="national">
          <manual><item id="\(id)" category="文书与归档" points="4">评查结论</item></manual>
        </checklist>
        """.write(to: file, atomically: true, encoding: .utf8)
        let error = #expect(throws: ChecklistError.self) { try ChecklistLoader.bundled().load(file.path) }
        #expect(error?.description.contains("人工评查项的编号不能是“\(id)”") == true, "\(String(describing: error))")
    }
}

extension ProvisionalScoreTests {
    /// Stored results are written by `AuditJSON`, by hand: the review must come back as it went in,
    /// signed or not, or a stored run would show a signed case as 初评 (or the reverse).
    @Test(arguments: [false, true])
    func theReviewSurvivesTheStoredJSON(_ signed: Bool) throws {
        let scores = Self.allFour + (signed ? [Self.sign(at: 0)] : [])
        let audit = Fixture.auditor().audit(decided, asOf: day("2026-11-22"), manualScores: scores)
        let back = try JSONDecoder().decode(CaseAudit.self, from: Data(AuditJSON.encode(audit).utf8))
        #expect(back == audit)
        #expect(back.isProvisional == !signed)
    }
}
