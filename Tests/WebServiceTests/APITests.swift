import CaseModel
import CaseStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WebService

/// The JSON API: sign-in, paging, posting case XML, and what it refuses.
@Suite struct APITests {
    static func signInJSON(_ client: any TestClientProtocol, _ name: String) async throws -> Browser {
        let response = try await client.execute(
            uri: "/api/v1/login", method: .post, headers: [.contentType: "application/json"],
            body: ByteBuffer(string: #"{"user":"\#(name)","password":"\#(Accounts.password)"}"#))
        #expect(response.status == .ok)
        #expect(response.text.contains(#""role":"#))
        let cookie = try #require(response.headers[.setCookie])
        #expect(cookie.contains("HttpOnly"))
        #expect(cookie.contains("SameSite=Strict"))
        return Browser(client: client, cookie: String(cookie.split(separator: ";")[0]), csrf: "")
    }

    @Test func casesArePagedByLimitAndOffset() async throws {
        let fixture = try await WebFixture()
        let total = try fixture.store.caseCount()
        try await fixture.test { client in
            let reviewer = try await Self.signInJSON(client, Accounts.reviewer)
            let first = try JSONDecoder().decode(CaseListBody.self, from: Data(buffer: try await reviewer.get("/api/v1/cases?limit=10").body))
            let rest = try JSONDecoder().decode(CaseListBody.self, from: Data(buffer: try await reviewer.get("/api/v1/cases?limit=1000&offset=10").body))
            #expect(first.total == total)
            #expect(first.cases.count == 10)
            #expect(rest.cases.count == total - 10)
            #expect(Set(first.cases.map(\.id)).isDisjoint(with: rest.cases.map(\.id)))
            let defaults = try JSONDecoder().decode(CaseListBody.self, from: Data(buffer: try await reviewer.get("/api/v1/cases").body))
            #expect(defaults.limit == 100)
            #expect(defaults.offset == 0)
            #expect(try await reviewer.get("/api/v1/cases?limit=0").status == .badRequest)
            #expect(try await reviewer.get("/api/v1/cases?limit=1001").status == .badRequest)
            // Following `next` lists every case once, in the offsets' order; the last page has none.
            var followed: [String] = []
            var next = first.next
            followed += first.cases.map(\.id)
            while let after = next {
                let page = try JSONDecoder().decode(
                    CaseListBody.self, from: Data(buffer: try await reviewer.get("/api/v1/cases?limit=10&after=\(after)").body))
                followed += page.cases.map(\.id)
                next = page.next
            }
            #expect(followed == first.cases.map(\.id) + rest.cases.map(\.id))
            #expect(try await reviewer.get("/api/v1/cases?after=forged").status == .badRequest)
            // One case as JSON, or as the interchange XML on request.
            let json = try await reviewer.get("/api/v1/cases/WH-SJJ-2024-0117")
            let decoded = try JSONDecoder().decode(EnforcementCase.self, from: Data(buffer: json.body))
            // The text read from its documents is the case page's, not the interchange format's.
            var stored = try #require(try fixture.store.loadCase(id: "WH-SJJ-2024-0117"))
            #expect(stored.events.contains { $0.records.contains { $0.document != nil } })
            for e in stored.events.indices {
                for r in stored.events[e].records.indices { stored.events[e].records[r].document = nil }
            }
            #expect(decoded == stored && !json.text.contains(#""document""#))
            let xml = try await reviewer.get("/api/v1/cases/WH-SJJ-2024-0117", headers: [.accept: "application/xml"])
            #expect(xml.text.contains(#"<case xmlns="urn:zhifa:case:1" id="WH-SJJ-2024-0117""#))
        }
    }

    @Test func postedCaseXMLIsStoredOr422WithItsLines() async throws {
        let fixture = try await WebFixture()
        let journal = try fixture.store.journal().count
        try await fixture.test { client in
            let clerk = try await Self.signInJSON(client, Accounts.clerk)
            let valid = """
                <?xml version="1.0" encoding="UTF-8"?>
                <case xmlns="urn:zhifa:case:1" id="WH-SJJ-2026-0201" agency="WH-SJJ" type="inspection">
                  <party kind="organisation" name="芜湖某公司"/>
                  <events><event kind="inspection" date="2026-03-02" officers="O-1001 O-1002"><record kind="text" title="现场检查笔录"/></event></events>
                </case>
                """
            let created = try await clerk.send("/api/v1/cases", contentType: "application/xml; charset=utf-8", body: valid)
            #expect(created.status == .created)
            #expect(created.text == #"{"new":1,"replaced":0,"unchanged":0}"#)
            let malformed = try await clerk.send("/api/v1/cases", contentType: "application/xml", body: "<case xmlns=\"urn:zhifa:case:1\">\n<party>\n</case>")
            #expect(malformed.status == .unprocessableContent)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: malformed.body)) as? [String: Any]
            let errors = try #require(body?["errors"] as? [[String: Any]])
            #expect(!errors.isEmpty)
            #expect(errors.allSatisfy { ($0["line"] as? Int ?? 0) > 0 && !($0["message"] as? String ?? "").isEmpty })
            // Well-formed but against the schema: an unknown event kind, on line 4.
            let invalid = valid.replacingOccurrences(of: "WH-SJJ-2026-0201", with: "WH-SJJ-2026-0202")
                .replacingOccurrences(of: #"kind="inspection" date"#, with: #"kind="raid" date"#)
            let refused = try await clerk.send("/api/v1/cases", contentType: "application/xml", body: invalid)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#""line":4"#))
            #expect(refused.text.contains("raid"))
        }
        #expect(try fixture.store.loadCase(id: "WH-SJJ-2026-0201") != nil)
        #expect(try fixture.store.loadCase(id: "WH-SJJ-2026-0202") == nil)
        let entries = try fixture.store.journal()
        #expect(entries.count == journal + 1)
        #expect(entries.last?.actor == Accounts.clerk)
    }

    @Test func onlyJSONAndXMLBodiesAreAccepted() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            // A cross-site HTML form can send only these three types; each is refused before anything else.
            for type in ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain"] {
                let login = try await client.execute(
                    uri: "/api/v1/login", method: .post, headers: [.contentType: type],
                    body: ByteBuffer(string: #"{"user":"\#(Accounts.clerk)","password":"\#(Accounts.password)"}"#))
                #expect(login.status == .unsupportedMediaType, "\(type)")
                #expect(login.headers[.setCookie] == nil)
            }
            let clerk = try await Self.signInJSON(client, Accounts.clerk)
            let xml =
                "<case xmlns=\"urn:zhifa:case:1\" id=\"WH-SJJ-2026-0301\" agency=\"WH-SJJ\" type=\"inspection\"><party kind=\"organisation\" name=\"某公司\"/></case>"
            #expect(try await clerk.send("/api/v1/cases", contentType: "text/plain", body: xml).status == .unsupportedMediaType)
            #expect(try await clerk.send("/api/v1/cases", contentType: "application/x-www-form-urlencoded", body: xml).status == .unsupportedMediaType)
            // The right family but the wrong one for the route.
            #expect(try await clerk.send("/api/v1/cases", contentType: "application/json", body: "{}").status == .unsupportedMediaType)
        }
        #expect(try fixture.store.loadCase(id: "WH-SJJ-2026-0301") == nil)
    }

    @Test func anOversizedDocumentIsRefusedWith413() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let clerk = try await Self.signInJSON(client, Accounts.clerk)
            let padding = String(repeating: "<!-- padding -->", count: 20_000)
            let big =
                "<case xmlns=\"urn:zhifa:case:1\" id=\"WH-SJJ-2026-0401\" agency=\"WH-SJJ\" type=\"inspection\"><party kind=\"organisation\" name=\"某公司\"/>\(padding)</case>"
            let response = try await clerk.send("/api/v1/cases", contentType: "application/xml", body: big)
            #expect(response.status == .contentTooLarge)
            #expect(response.text.contains("256 KB"))
        }
        #expect(try fixture.store.loadCase(id: "WH-SJJ-2026-0401") == nil)
    }

    @Test func auditAndExportAnswerInTheirFormats() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let supervisor = try await Self.signInJSON(client, Accounts.supervisor)
            let audit = try await supervisor.get("/api/v1/audit?asOf=2024-12-31")
            let object = try JSONSerialization.jsonObject(with: Data(buffer: audit.body)) as? [String: Any]
            #expect((object?["cases"] as? [Any])?.count == (try fixture.store.caseCount()))
            #expect(try await supervisor.get("/api/v1/audit?asOf=2024-02-30").status == .badRequest)
            let csv = try await supervisor.get("/api/v1/export/violations?format=csv&asOf=2024-12-31")
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(Array(csv.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let xlsx = try await supervisor.get("/api/v1/export/violations?format=xlsx&asOf=2024-12-31")
            #expect(Array(xlsx.body.readableBytesView.prefix(2)) == Array("PK".utf8))
            #expect(try await supervisor.get("/api/v1/export/violations?format=pdf").status == .badRequest)
        }
    }
}
