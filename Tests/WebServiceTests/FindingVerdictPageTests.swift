import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WebService

/// 确认 / 更正 on the case page: a reviewer corrects a machine finding with a reason, the page
/// shows it corrected beside the machine's words and scores without it; others may not.
@Suite struct FindingVerdictPageTests {
    static let id = "WH-CGJ-2024-0910"

    @Test func aReviewerCorrectsAFindingAndThePageScoresWithoutIt() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let reviewer = try await Browser.signIn(client, as: Accounts.reviewer)
            let clerk = try await Browser.signIn(client, as: Accounts.otherClerk)
            let before = try await reviewer.get("/cases/\(Self.id)").text
            #expect(before.contains("id=\"verdict-form\"") && before.contains("<option value=\"OFFICER-CERT\">"))
            #expect(before.contains("不合格") && !before.contains("已更正"))

            let noReason = try await reviewer.post("/cases/\(Self.id)/findings", [("rule", "OFFICER-CERT"), ("verdict", "更正"), ("reason", " ")])
            #expect(noReason.status == .unprocessableContent && noReason.text.contains("须写明理由"))
            let noFailure = try await reviewer.post("/cases/\(Self.id)/findings", [("rule", "DISCLOSE-LATE"), ("verdict", "确认")])
            #expect(noFailure.status == .unprocessableContent && noFailure.text.contains("无可确认或更正"))
            let byClerk = try await clerk.post("/cases/\(Self.id)/findings", [("rule", "OFFICER-CERT"), ("verdict", "更正"), ("reason", "x")])
            #expect(byClerk.status == .forbidden)

            let saved = try await reviewer.post(
                "/cases/\(Self.id)/findings", [("rule", "OFFICER-CERT"), ("verdict", "更正"), ("reason", "吊销决定已撤销<见复印件>")])
            #expect(saved.status == .seeOther)
            let after = try await reviewer.get("/cases/\(Self.id)").text
            #expect(after.contains("已保存：更正机器评查结果 OFFICER-CERT"))
            #expect(after.contains("<span class=\"corrected\">已更正</span>") && after.contains("评查人员更正：吊销决定已撤销&lt;见复印件&gt;（\(Accounts.reviewer) "))
            #expect(after.contains("初评 90分 · 优秀"), "the veto and its points are gone from the score")
            #expect(try await fixture.store.journal().last?.detail.contains("更正:OFFICER-CERT") == true)

            // 确认 takes the correction back.
            #expect(try await reviewer.post("/cases/\(Self.id)/findings", [("rule", "OFFICER-CERT"), ("verdict", "确认")]).status == .seeOther)
            let confirmed = try await reviewer.get("/cases/\(Self.id)").text
            #expect(!confirmed.contains("<span class=\"corrected\">") && confirmed.contains("不合格"))
        }
    }
}
