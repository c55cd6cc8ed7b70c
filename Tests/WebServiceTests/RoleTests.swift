import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WebService

/// Each role's allowed and forbidden requests, page by page and through the API.
@Suite struct RoleTests {
    /// Expected status per role, in the order clerk, reviewer, supervisor, admin.
    static let table: [(uri: String, statuses: [HTTPResponse.Status])] = [
        ("/cases", [.ok, .ok, .ok, .ok]),
        ("/cases/WH-SJJ-2024-0117", [.ok, .ok, .ok, .ok]),
        ("/cases/new", [.ok, .forbidden, .forbidden, .forbidden]),
        ("/audit?asOf=2024-12-31", [.forbidden, .ok, .ok, .forbidden]),
        ("/due", [.ok, .ok, .ok, .forbidden]),
        ("/export", [.forbidden, .forbidden, .ok, .forbidden]),
        ("/officers", [.forbidden, .forbidden, .ok, .forbidden]),
        ("/export/publicity?kind=penalty", [.ok, .forbidden, .ok, .forbidden]),
        ("/export/violations?format=csv&asOf=2024-12-31", [.forbidden, .forbidden, .ok, .forbidden]),
        ("/admin", [.forbidden, .forbidden, .forbidden, .ok]),
        ("/api/v1/cases", [.ok, .ok, .ok, .ok]),
        ("/api/v1/audit?asOf=2024-12-31", [.forbidden, .ok, .ok, .forbidden]),
        ("/api/v1/due?within=5", [.ok, .ok, .ok, .forbidden]),
        ("/api/v1/export/violations?format=xlsx&asOf=2024-12-31", [.forbidden, .forbidden, .ok, .forbidden])
    ]

    @Test func eachRoleReachesExactlyWhatItMay() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            for (index, name) in [Accounts.clerk, Accounts.reviewer, Accounts.supervisor, Accounts.admin].enumerated() {
                let browser = try await Browser.signIn(client, as: name)
                for row in Self.table {
                    let response = try await browser.get(row.uri)
                    #expect(response.status == row.statuses[index], "\(name) GET \(row.uri): \(response.text.prefix(200))")
                }
            }
        }
    }

    @Test func writesAreLimitedToTheirRoles() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let reviewer = try await Browser.signIn(client, as: Accounts.reviewer)
            let supervisor = try await Browser.signIn(client, as: Accounts.supervisor)
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            let admin = try await Browser.signIn(client, as: Accounts.admin)
            let event = [("kind", "closed"), ("date", "2024-12-02")]
            // A reviewer reads the case but may not change it; a clerk of its agency may.
            #expect(try await reviewer.post("/cases/WH-SJJ-2024-0117/events", event).status == .forbidden)
            #expect(try await supervisor.post("/cases/WH-SJJ-2024-0117/events", event).status == .forbidden)
            #expect(try await clerk.post("/cases/WH-SJJ-2024-0117/events", event).status == .seeOther)
            // Manual scoring is the reviewer's.
            let score = [("item", "FACTS"), ("deduct", "2"), ("note", "违法所得认定依据不足")]
            #expect(try await clerk.post("/cases/WH-SJJ-2024-0117/review", score).status == .forbidden)
            #expect(try await reviewer.post("/cases/WH-SJJ-2024-0117/review", score).status == .seeOther)
            #expect(try fixture.store.manualScores()["WH-SJJ-2024-0117"]?.map(\.reviewer) == [Accounts.reviewer])
            // Accounts are the admin's.
            let user = [("name", "新用户"), ("role", "reviewer"), ("agency", ""), ("password", "long enough password")]
            #expect(try await supervisor.post("/admin/users", user).status == .forbidden)
            #expect(try await admin.post("/admin/users", user).status == .seeOther)
            #expect(try fixture.store.account(named: "新用户")?.role == .reviewer)
            // Only clerks submit case XML through the API.
            let xml =
                "<case xmlns=\"urn:zhifa:case:1\" id=\"WH-SJJ-2026-0900\" agency=\"WH-SJJ\" type=\"inspection\"><party kind=\"organisation\" name=\"某公司\"/></case>"
            #expect(try await reviewer.send("/api/v1/cases", contentType: "application/xml", body: xml).status == .forbidden)
            #expect(try await clerk.send("/api/v1/cases", contentType: "application/xml", body: xml).status == .created)
        }
    }

    @Test func signedOutRequestsAreSentToSignIn() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let page = try await client.execute(uri: "/cases/WH-SJJ-2024-0117", method: .get)
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/login?next=%2Fcases%2FWH%2DSJJ%2D2024%2D0117")
            let api = try await client.execute(uri: "/api/v1/cases", method: .get)
            #expect(api.status == .unauthorized)
            #expect(api.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(api.text.contains("请先登录"))
        }
    }

    @Test func signingOutEndsTheSession() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            #expect(try await clerk.post("/logout", []).status == .seeOther)
            #expect(try await clerk.get("/cases").status == .seeOther)
        }
    }
}

/// The menu and the routes read one permission table (`Permission`): a link is offered exactly
/// when its routes let the user in.
@Suite struct NavigationTests {
    @Test func theMenuOffersWhatThePermissionTableAllows() async throws {
        let fixture = try await WebFixture()
        let links: [(Permission, String)] = [
            (.createCases, "/cases/new"), (.runAudits, "/audit"), (.readDueList, "/due"),
            (.readDashboard, "/dashboard"), (.export, "/export"), (.administer, "/admin"), (.readOfficers, "/officers")
        ]
        try await fixture.test { client in
            for account in Accounts.all {
                let browser = try await Browser.signIn(client, as: account.name)
                let menu = try await browser.get("/cases").text
                for (permission, path) in links {
                    let allowed = permission.allows(account.role)
                    #expect(menu.contains("<a href=\"\(path)\"") == allowed, "\(account.role) \(path)")
                    let status = try await browser.get(path).status
                    #expect((status == .ok) == allowed, "\(account.role) \(path): \(status)")
                }
            }
        }
    }
}
