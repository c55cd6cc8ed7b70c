import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WebService

/// 初评 until reviewed: a case page and its 评查表 call the score provisional, with what is open,
/// until a reviewer has scored every manual item and signed the conclusion; signing before the
/// items are scored is refused, and only reviewers may sign.
@Suite struct ReviewSigningTests {
    static let id = "WH-SJJ-2024-0117"

    static func provisionalCount(_ page: String) throws -> Int {
        let match = try #require(page.firstMatch(of: #/其中初评 (\d+) 件/#))
        return Int(match.output.1)!
    }

    @Test func aCaseIsProvisionalUntilScoredAndSigned() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let reviewer = try await Browser.signIn(client, as: Accounts.reviewer)
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            let page = { try await reviewer.get("/cases/\(Self.id)").text }
            let form = { try await reviewer.get("/cases/\(Self.id)/form").text }
            let unreviewed = try await page()
            #expect(unreviewed.contains("初评 ") && unreviewed.contains("待人工评查 4 项，共24分"))
            #expect(try await form().contains("初评得分："))

            // Three items scored: still provisional, and signing is refused with what is left.
            for item in ["FACTS", "EVIDENCE", "LAW"] {
                #expect(try await reviewer.post("/cases/\(Self.id)/review", [("item", item), ("deduct", "0"), ("note", "")]).status == .seeOther)
            }
            #expect(try await page().contains("待人工评查 1 项，共4分"))
            let early = try await reviewer.post("/cases/\(Self.id)/review/sign", [("note", "案卷规范")])
            #expect(early.status == .unprocessableContent && early.text.contains("尚有 1 项人工评查项（共4分）未评分"), "\(early.status)")

            // The last item scored: 待签署评查结论; a clerk may not sign.
            #expect(try await reviewer.post("/cases/\(Self.id)/review", [("item", "DOCUMENTS"), ("deduct", "1"), ("note", "文书页码不连续")]).status == .seeOther)
            #expect(try await page().contains("待签署评查结论"))
            #expect(try await clerk.post("/cases/\(Self.id)/review/sign", [("note", "x")]).status == .forbidden)
            let unsigned = try Self.provisionalCount(try await reviewer.get("/audit?asOf=2024-12-31").text)
            #expect(unsigned > 0)

            // Signed: the score is final on the page and the form names who signed.
            #expect(try await reviewer.post("/cases/\(Self.id)/review/sign", [("note", "案卷规范")]).status == .seeOther)
            let signed = try await page()
            #expect(!signed.contains("初评 ") && signed.contains("评查结论已签署：\(Accounts.reviewer)"))
            let printed = try await form()
            #expect(printed.contains("评查得分：") && !printed.contains("初评得分") && printed.contains("评查结论签署：\(Accounts.reviewer)"))

            // The run's page counts one 初评 fewer, and lists no unsigned case with a bare grade.
            let audit = try await reviewer.get("/audit?asOf=2024-12-31").text
            #expect(try Self.provisionalCount(audit) == unsigned - 1)
            let rows = audit.matches(of: #/">([^<]+)</a></td><td>[^<]*</td><td>[^<]*</td><td>(初评 )?(优秀|良好|合格|不合格)/#)
            #expect(rows.count > 1)
            for row in rows {
                #expect((row.output.2 == nil) == (row.output.1 == Self.id), "\(row.output.0)")
            }

            // A score changed after the signature reopens the case.
            #expect(try await reviewer.post("/cases/\(Self.id)/review", [("item", "LAW"), ("deduct", "1"), ("note", "条款引用不全")]).status == .seeOther)
            #expect(try await page().contains("待签署评查结论"))
        }
    }
}
