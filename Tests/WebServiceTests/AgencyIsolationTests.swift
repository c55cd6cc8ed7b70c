import CaseStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WebService

/// A clerk of 市场监管局 (WH-SJJ) must not see, change or infer the cases of 城管局 (WH-CGJ).
@Suite struct AgencyIsolationTests {
    static let foreignCase = "WH-CGJ-2024-0035"
    static let missingCase = "WH-SJJ-2099-9999"

    @Test func anotherAgencysCaseAnswersExactlyLikeAMissingOne() async throws {
        let fixture = try await WebFixture()
        #expect(try fixture.store.agency(ofCase: Self.foreignCase) == "WH-CGJ")
        try await fixture.test { client in
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            for (foreign, missing) in [
                ("/cases/\(Self.foreignCase)", "/cases/\(Self.missingCase)"),
                ("/api/v1/cases/\(Self.foreignCase)", "/api/v1/cases/\(Self.missingCase)")
            ] {
                let a = try await clerk.get(foreign)
                let b = try await clerk.get(missing)
                #expect(a.status == .notFound)
                #expect(b.status == .notFound)
                // Same page but for the id itself: nothing tells the two apart.
                #expect(a.text.replacingOccurrences(of: Self.foreignCase, with: "ID") == b.text.replacingOccurrences(of: Self.missingCase, with: "ID"))
            }
            // The other agency's clerk does see it.
            let owner = try await Browser.signIn(client, as: Accounts.otherClerk)
            #expect(try await owner.get("/cases/\(Self.foreignCase)").status == .ok)
        }
    }

    @Test func listingsSearchesAndWarningsHoldOnlyTheClerksAgency() async throws {
        let fixture = try await WebFixture()
        let ownCount = try fixture.store.caseIds(agency: "WH-SJJ").count
        let foreignParty = try #require(try fixture.store.loadCase(id: Self.foreignCase)?.party.name)
        try await fixture.test { client in
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            // Asking for the other agency by filter changes nothing.
            let api = try await clerk.get("/api/v1/cases?limit=1000&agency=WH-CGJ")
            let list = try JSONDecoder().decode(CaseListBody.self, from: Data(buffer: api.body))
            #expect(list.total == ownCount)
            #expect(list.cases.allSatisfy { $0.agency == "WH-SJJ" })
            let search = try await clerk.get("/cases?q=\(foreignParty.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&agency=WH-CGJ")
            #expect(search.text.contains("共 0 件"))
            #expect(!search.text.contains("WH-CGJ-"))
            let due = try await clerk.get("/api/v1/due?within=366")
            let items = try JSONDecoder().decode([DueItem].self, from: Data(buffer: due.body))
            #expect(items.allSatisfy { $0.agency == "WH-SJJ" })
        }
    }

    @Test func anotherAgencysCaseCannotBeChanged() async throws {
        let fixture = try await WebFixture()
        let before = try fixture.store.journal().count
        try await fixture.test { client in
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            let event = [("kind", "closed"), ("date", "2024-12-02")]
            #expect(try await clerk.post("/cases/\(Self.foreignCase)/events", event).status == .notFound)
            #expect(try await clerk.post("/cases/\(Self.foreignCase)/disclosure", [("date", "2024-12-02")]).status == .notFound)
            #expect(
                try await clerk.upload(
                    "/cases/\(Self.foreignCase)/records", [("event", "1"), ("title", "照片")],
                    file: [1, 2, 3], fileName: "a.jpg"
                ).status == .notFound)
            // Nor through the API: claiming the case for one's own agency, or posting it as the other's.
            let stolen =
                "<case xmlns=\"urn:zhifa:case:1\" id=\"\(Self.foreignCase)\" agency=\"WH-SJJ\" type=\"inspection\"><party kind=\"organisation\" name=\"某公司\"/></case>"
            let foreign =
                "<case xmlns=\"urn:zhifa:case:1\" id=\"WH-CGJ-2026-0001\" agency=\"WH-CGJ\" type=\"inspection\"><party kind=\"organisation\" name=\"某公司\"/></case>"
            let a = try await clerk.send("/api/v1/cases", contentType: "application/xml", body: stolen)
            let b = try await clerk.send("/api/v1/cases", contentType: "application/xml", body: foreign)
            #expect(a.status == .unprocessableContent)
            #expect(b.status == .unprocessableContent)
            // Both are refused by the id rule, before the store is asked whether the id exists.
            #expect(a.text.contains("案件编号须以本机关代码“WH-SJJ-”开头"))
            #expect(a.text == b.text)
        }
        #expect(try fixture.store.journal().count == before)
        #expect(try fixture.store.loadCase(id: Self.foreignCase)?.agency == "WH-CGJ")
        #expect(try fixture.store.loadCase(id: "WH-CGJ-2026-0001") == nil)
    }
}

extension AgencyIsolationTests {
    /// With WH-SJJ and its branch WH-SJJ-FJ, an id belongs to the longest code that prefixes it: the
    /// parent's clerk cannot squat the branch's ids, and the branch's clerk meets the same refusal
    /// and the same 404 whether or not an id is taken.
    @Test func aNestedAgencysIdsBelongToTheLongestMatchingCode() async throws {
        let fixture = try await WebFixture()
        let registry = try fixture.folder.write(
            "branch.xml",
            """
            <registry xmlns="urn:zhifa:registry:1"><agency code="WH-SJJ-FJ" name="芜湖市市场监督管理局分局"/></registry>
            """)
        #expect(fixture.store.importPaths([registry.path], actor: "fixture").failures.isEmpty)
        try await fixture.store.addAccount(name: "分局办案", role: .clerk, agency: "WH-SJJ-FJ", passwordHash: Accounts.hash, actor: "fixture")
        @Sendable func document(_ id: String, _ agency: String) -> String {
            "<case xmlns=\"urn:zhifa:case:1\" id=\"\(id)\" agency=\"\(agency)\" type=\"inspection\"><party kind=\"organisation\" name=\"某公司\"/></case>"
        }
        try await fixture.test { client in
            let parent = try await Browser.signIn(client, as: Accounts.clerk)
            let squat = try await parent.send("/api/v1/cases", contentType: "application/xml", body: document("WH-SJJ-FJ-2026-0007", "WH-SJJ"))
            #expect(squat.status != .created && squat.text.contains("不能以下级或其他执法主体的代码开头"), "\(squat.status) \(squat.text)")
            // The parent's own ids still go in.
            #expect(try await parent.send("/api/v1/cases", contentType: "application/xml", body: document("WH-SJJ-2026-0007", "WH-SJJ")).status == .created)

            let branch = try await Browser.signIn(client, as: "分局办案")
            #expect(try await branch.get("/api/v1/cases/WH-SJJ-FJ-2026-0007").status == .notFound)
            #expect(
                try await branch.send("/api/v1/cases", contentType: "application/xml", body: document("WH-SJJ-FJ-2026-0007", "WH-SJJ-FJ")).status == .created)
            // The parent's taken id and a free parent id are refused to the branch in the same words.
            let taken = try await branch.send("/api/v1/cases", contentType: "application/xml", body: document("WH-SJJ-2026-0007", "WH-SJJ-FJ"))
            let free = try await branch.send("/api/v1/cases", contentType: "application/xml", body: document("WH-SJJ-2026-0008", "WH-SJJ-FJ"))
            #expect(taken.status == free.status && taken.status != .created)
            #expect(taken.text.replacingOccurrences(of: "0007", with: "N") == free.text.replacingOccurrences(of: "0008", with: "N"))
        }
        #expect(try fixture.store.agency(ofCase: "WH-SJJ-FJ-2026-0007") == "WH-SJJ-FJ")
    }
}

struct CaseListBody: Decodable {
    var total: Int
    var limit: Int
    var offset: Int
    var next: String?
    var cases: [CaseSummary]
}

struct DueItem: Decodable {
    var agency: String
    var overdue: Bool
}
