import CaseModel
import CaseStore
import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WebService

/// The case forms: what they store, under whose name, and what they refuse.
@Suite struct CaseFormTests {
    static let newCase = [
        ("id", "WH-SJJ-2026-0101"), ("type", "penalty"), ("procedure", "general"),
        ("partyKind", "organisation"), ("partyName", "芜湖某<script>alert(1)</script>公司"),
        ("item", "SJ-SP-124-1"), ("violationDate", "2026-03-02"), ("matter", "经营超过保质期的食品")
    ]

    @Test func aClerkBuildsACaseThatIsJournaledUnderTheirName() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            let created = try await clerk.post("/cases/new", Self.newCase)
            #expect(created.status == .seeOther)
            #expect(created.headers[.location] == "/cases/WH-SJJ-2026-0101")
            #expect(
                try await clerk.post(
                    "/cases/WH-SJJ-2026-0101/events",
                    [("kind", "decision"), ("date", "2026-03-10"), ("officers", "O-1001 O-1002"), ("number", "芜市监处罚〔2026〕101号")]
                ).status == .seeOther)
            // Added out of order: the form keeps events in date order.
            #expect(
                try await clerk.post(
                    "/cases/WH-SJJ-2026-0101/events",
                    [("kind", "filed"), ("date", "2026-03-03"), ("officers", "O-1001 O-1002"), ("recordTitle", "立案审批表")]
                ).status == .seeOther)
            #expect(try await clerk.post("/cases/WH-SJJ-2026-0101/outcome", [("fine", "5000"), ("level", "从轻")]).status == .seeOther)
            // 2026-03-10 + 7 working days is 2026-03-19: one day late.
            #expect(try await clerk.post("/cases/WH-SJJ-2026-0101/disclosure", [("date", "2026-03-20"), ("platform", "芜湖市人民政府网站")]).status == .seeOther)
            let page = try await clerk.get("/cases/WH-SJJ-2026-0101")
            #expect(page.text.contains("id=\"saved\">已保存："))
            #expect(page.text.contains("DISCLOSE-LATE"))
            #expect(page.text.contains("2026-03-19"))
            // User text is escaped by the template library.
            #expect(page.text.contains("芜湖某&lt;script&gt;alert(1)&lt;/script&gt;公司"))
            #expect(!page.text.contains("<script>alert(1)</script>"))
        }
        let stored = try #require(try fixture.store.loadCase(id: "WH-SJJ-2026-0101"))
        #expect(stored.events.map(\.kind) == [.filed, .decision])
        #expect(stored.events[0].records.map(\.title) == ["立案审批表"])
        #expect(stored.outcome?.penalties == [Penalty(kind: .fine, amount: Money(yuan: 5000))])
        #expect(stored.disclosure?.date == CalendarDate("2026-03-20"))
        let entries = try fixture.store.journal().filter { $0.subject == "WH-SJJ-2026-0101" }
        #expect(entries.count == 5)
        #expect(entries.allSatisfy { $0.actor == Accounts.clerk })
        #expect(entries.map(\.action) == ["case.import"] + Array(repeating: "case.replace", count: 4))
        #expect(try fixture.store.history(caseId: "WH-SJJ-2026-0101").count == 4)
        #expect(try fixture.store.verify().isIntact)
    }

    @Test func aFormWithoutThePagesTokenIsRefusedAndChangesNothing() async throws {
        let fixture = try await WebFixture()
        let journal = try fixture.store.journal().count
        try await fixture.test { client in
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            let other = try await Browser.signIn(client, as: Accounts.otherClerk)
            for token in ["", "0000", other.csrf] {
                let response = try await clerk.post("/cases/WH-SJJ-2024-0117/events", [("kind", "closed"), ("date", "2024-12-02")], csrf: token)
                #expect(response.status == .forbidden)
                #expect(response.text.contains("CSRF"))
            }
            #expect(try await clerk.post("/cases/new", Self.newCase, csrf: other.csrf).status == .forbidden)
            // The sign-in form has its own signed token.
            let forged = try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: formBody([("user", Accounts.clerk), ("password", Accounts.password), ("token", "1999999999.00")])))
            #expect(forged.status == .forbidden)
        }
        #expect(try fixture.store.journal().count == journal)
        #expect(try fixture.store.loadCase(id: "WH-SJJ-2026-0101") == nil)
    }

    @Test func invalidFieldsAreNamedAndNothingIsStored() async throws {
        let fixture = try await WebFixture()
        let journal = try fixture.store.journal().count
        try await fixture.test { client in
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            let badDate = try await clerk.post("/cases/WH-SJJ-2024-0117/events", [("kind", "closed"), ("date", "2024-13-02")])
            #expect(badDate.status == .unprocessableContent)
            #expect(badDate.text.contains("“2024-13-02”不是 YYYY-MM-DD 形式的日期"))
            let foreignPrefix = try await clerk.post("/cases/new", [("id", "WH-CGJ-2026-0001"), ("partyName", "某公司")])
            #expect(foreignPrefix.status == .unprocessableContent)
            #expect(foreignPrefix.text.contains("须以本机关代码“WH-SJJ-”开头"))
            let taken = try await clerk.post("/cases/new", [("id", "WH-SJJ-2024-0117"), ("partyName", "某公司")])
            #expect(taken.status == .unprocessableContent)
            let badMoney = try await clerk.post("/cases/WH-SJJ-2024-0117/outcome", [("fine", "五千")])
            #expect(badMoney.status == .unprocessableContent)
            #expect(badMoney.text.contains("罚款金额“五千”"))
        }
        #expect(try fixture.store.journal().count == journal)
    }

    @Test func uploadedEvidenceIsHashedByTheServer() async throws {
        let fixture = try await WebFixture()
        let bytes = (0..<50_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        try await fixture.test { client in
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            let response = try await clerk.upload(
                "/cases/WH-SJJ-2024-0117/records",
                [("event", "3"), ("kind", "audio-video"), ("title", "补充执法记录仪视频")],
                file: bytes, fileName: "现场.mp4")
            #expect(response.status == .seeOther)
            // Anyone who may read the case may fetch the file; the link is on the case page.
            let position = try #require(try fixture.store.loadCase(id: "WH-SJJ-2024-0117")?.events[2].records.count)
            let link = "/cases/WH-SJJ-2024-0117/evidence/3/\(position)"
            #expect(try await clerk.get("/cases/WH-SJJ-2024-0117").text.contains(#"href="\#(link)""#))
            let reviewer = try await Browser.signIn(client, as: Accounts.reviewer)
            let fetched = try await reviewer.get(link)
            #expect(fetched.status == .ok)
            #expect(Array(fetched.body.readableBytesView) == bytes)
            let other = try await Browser.signIn(client, as: Accounts.otherClerk)
            #expect(try await other.get(link).status == .notFound)
            // A record imported from a file names no stored upload.
            #expect(try await reviewer.get("/cases/WH-SJJ-2024-0117/evidence/3/1").status == .notFound)
        }
        let record = try #require(try fixture.store.loadCase(id: "WH-SJJ-2024-0117")?.events[2].records.last)
        #expect(record.title == "补充执法记录仪视频")
        #expect(record.sha256 == digest)
        #expect(record.file == "\(digest).mp4")
        #expect(record.evidence == .ok)
        let stored = try Data(contentsOf: fixture.web.configuration.evidenceDirectory.appendingPathComponent("\(digest).mp4"))
        #expect(Array(stored) == bytes)
    }

    @Test func anOversizedUploadIsRefusedWith413() async throws {
        let fixture = try await WebFixture(maxUploadBytes: 64 << 10)
        let journal = try fixture.store.journal().count
        try await fixture.test { client in
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            let response = try await clerk.upload(
                "/cases/WH-SJJ-2024-0117/records", [("event", "3"), ("title", "视频")],
                file: Array(repeating: 7, count: 100 << 10), fileName: "big.mp4")
            #expect(response.status == .contentTooLarge)
            #expect(response.text.contains("上传内容超过 64 KB 的上限，未保存"))
            // Just under the limit is accepted.
            let small = try await clerk.upload(
                "/cases/WH-SJJ-2024-0117/records", [("event", "3"), ("title", "视频")],
                file: Array(repeating: 7, count: 60 << 10), fileName: "small.mp4")
            #expect(small.status == .seeOther)
        }
        // The upload's ownership by the agency, then the record saved with the case.
        #expect(try fixture.store.journal().map(\.action).suffix(2) == ["evidence.upload", "case.replace"])
        #expect(try fixture.store.journal().count == journal + 2)
    }
}
