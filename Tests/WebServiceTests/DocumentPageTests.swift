import CaseModel
import CaseStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WebService

/// The case page shows each document's text under its record, beside the event's findings, and a
/// reviewer confirms the machine's proposal for 文书是否规范 with one button; a document uploaded
/// through the record form is read as it arrives.
@Suite struct DocumentPageTests {
    @Test func theTextAndTheProposalAreOnTheCasePage() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let reviewer = try await Browser.signIn(client, as: Accounts.reviewer)
            let page = try await reviewer.get("/cases/WH-SJJ-2024-0203").text
            #expect(page.contains("文书内容 · PDF，1页 · 已读取"))
            #expect(page.contains(#"<pre class="document-text">"#) && page.contains("申请行政复议"))
            #expect(page.contains("载明申请行政复议的期限为30日，法定为六十日"))
            #expect(page.contains(#"id="proposal-DOCUMENTS""#) && page.contains("机器建议扣 1 分"))
            // The decision cites the benchmark item's 《计量法实施细则》第四十三条: LAW is proposed no deduction.
            #expect(page.contains("适用法律是否正确 · 机器建议扣 0 分：机器读取文书未见问题（决定书引用依据）"))
            let clean = try await reviewer.get("/cases/WH-SJJ-2024-0117").text
            #expect(clean.contains("文书内容 · OFD 版式文件，1页 · 已读取") && clean.contains("文书内容 · Word 文档（DOCX） · 已读取"))
            #expect(clean.contains("机器建议扣 0 分"))
            #expect(clean.contains(#"id="proposal-LAW""#), "the decision cites the benchmark's provision")

            // Confirming stores the proposal as the reviewer's score, under their name.
            let note = "行政处罚决定书（documents/0203-decision.pdf）载明申请行政复议的期限为30日，法定为六十日"
            let confirmed = try await reviewer.post("/cases/WH-SJJ-2024-0203/review", [("item", "DOCUMENTS"), ("deduct", "1"), ("note", note)])
            #expect(confirmed.status == .seeOther)
            let after = try await reviewer.get("/cases/WH-SJJ-2024-0203").text
            #expect(!after.contains(#"id="proposal-DOCUMENTS""#))
            // A clerk sees the text but no proposal: scoring is the reviewer's.
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            let seen = try await clerk.get("/cases/WH-SJJ-2024-0203").text
            #expect(seen.contains("文书内容 · PDF") && !seen.contains("机器建议扣"))
        }
        let scores = try fixture.store.manualScores(caseId: "WH-SJJ-2024-0203")
        #expect(scores.last?.item == "DOCUMENTS" && scores.last?.deduction == 1 && scores.last?.reviewer == Accounts.reviewer)
    }

    @Test func anUploadedDocumentIsReadAsItArrives() async throws {
        let fixture = try await WebFixture()
        let text = "芜湖市市场监督管理局\n行政处罚决定书（补正）\n当事人：芜湖某超市有限公司\n"
        try await fixture.test { client in
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            let response = try await clerk.upload(
                "/cases/WH-SJJ-2024-0117/records", [("event", "6"), ("kind", "text"), ("title", "行政处罚决定书（补正）")],
                file: Array(text.utf8), fileName: "补正.txt")
            #expect(response.status == .seeOther)
            #expect(try await clerk.get("/cases/WH-SJJ-2024-0117").text.contains("文书内容 · 纯文本 · 已读取"))
        }
        let record = try #require(try fixture.store.loadCase(id: "WH-SJJ-2024-0117")?.events[5].records.last)
        #expect(record.title == "行政处罚决定书（补正）" && record.document?.status == .read && record.document?.text == text)
        // Another agency's case naming the same bytes by their hash gets no text: it owns no such upload.
        #expect(record.documentKey == record.sha256)
    }
}
