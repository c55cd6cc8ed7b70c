import CaseModel
import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import CaseStore
@testable import WebService

/// The second hardening trial's findings on the web service (issue 31), each failing before its fix.
@Suite struct WebHardeningTests {
    @Test func theStatusNoticeIsNeverTakenFromTheQuery() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            let admin = try await Browser.signIn(client, as: Accounts.admin)
            for (browser, page) in [(clerk, "/cases"), (clerk, "/cases/WH-SJJ-2024-0117"), (admin, "/admin")] {
                let forged = try await browser.get(page + "?saved=" + "您的账号已被冻结，请致电".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
                #expect(forged.status == .ok)
                #expect(!forged.text.contains("您的账号已被冻结") && !forged.text.contains("已保存："), "\(page)")
            }
        }
    }

    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            let api = try await APITests.signInJSON(client, Accounts.clerk)
            let responses: [(String, TestResponse)] = [
                ("page", try await clerk.get("/cases")),
                ("redirect", try await client.execute(uri: "/cases", method: .get)),
                ("sign-in page", try await client.execute(uri: "/login", method: .get)),
                ("JSON", try await api.get("/api/v1/cases")),
                ("case XML", try await api.get("/api/v1/cases/WH-SJJ-2024-0117", headers: [.accept: "application/xml"])),
                ("404 page", try await clerk.get("/cases/WH-SJJ-2099-0000")),
                ("404 JSON", try await api.get("/api/v1/cases/WH-SJJ-2099-0000")),
                ("401 JSON", try await client.execute(uri: "/api/v1/cases", method: .get)),
                ("download", try await clerk.get("/cases/WH-SJJ-2024-0117/form"))
            ]
            for (what, response) in responses {
                #expect(response.headers[.init("Referrer-Policy")!] == "no-referrer", "\(what)")
                #expect(response.headers[.init("X-Content-Type-Options")!] == "nosniff", "\(what)")
                #expect(response.headers[.cacheControl] == "no-store", "\(what)")
            }
            // The style sheet alone may be kept.
            let css = try await client.execute(uri: "/static/zhifa.css", method: .get)
            #expect(css.headers[.cacheControl] == "max-age=3600" && css.headers[.init("X-Content-Type-Options")!] == "nosniff")
        }
    }

    @Test func theSessionCookieIsSecureWhenConfigured() async throws {
        let fixture = try await WebFixture()
        var configuration = fixture.configuration
        configuration.secureCookies = true
        let secure = try await WebApp(store: fixture.store, configuration: configuration)
        for (node, expected) in [(fixture.web, false), (secure, true)] {
            try await fixture.test(node) { client in
                let response = try await client.postLogin(name: Accounts.clerk, password: Accounts.password)
                let cookie = try #require(response.headers[.setCookie])
                #expect(cookie.contains("; Secure") == expected, "\(cookie)")
            }
        }
    }

    @Test func invisibleAndControlCharactersAreRefusedInIdsNamesAndAccounts() async throws {
        let fixture = try await WebFixture()
        for name in ["管理\u{200B}员", "\u{202E}nimda", "a\u{0}b", "\u{FEFF}王办案"] {
            #expect { try fixture.store.addAccount(name: name, role: .reviewer, agency: nil, passwordHash: Accounts.hash, actor: "t") } throws: { error in
                "\(error)".hasPrefix("用户名含有")
            }
        }
        try await fixture.test { client in
            let api = try await APITests.signInJSON(client, Accounts.clerk)
            for (id, named) in [("WH-SJJ-2026-0\u{202E}1", "U+202E"), ("WH-SJJ-2026-0\u{200B}1", "U+200B"), ("\u{FEFF}WH-SJJ-2026-0001", "U+FEFF")] {
                let body =
                    "<case xmlns=\"urn:zhifa:case:1\" id=\"\(id)\" agency=\"WH-SJJ\" type=\"inspection\"><party kind=\"organisation\" name=\"某公司\"/></case>"
                let refused = try await api.send("/api/v1/cases", contentType: "application/xml", body: body)
                #expect(refused.status == .unprocessableContent && refused.text.contains(named), "\(named): \(refused.status) \(refused.text)")
            }
            let form = try await Browser.signIn(client, as: Accounts.clerk)
            for (id, party, named) in [("WH-SJJ-2026-0\u{200D}2", "某公司", "U+200D"), ("WH-SJJ-2026-0003", "某\u{0}公司", "U+0000")] {
                let posted = try await form.post(
                    "/cases/new",
                    [
                        ("id", id), ("type", "inspection"), ("procedure", "general"),
                        ("partyKind", "organisation"), ("partyName", party)
                    ])
                #expect(posted.status == .unprocessableContent && posted.text.contains(named), "\(named): \(posted.status) \(posted.text.prefix(3000))")
            }
        }
        #expect(try fixture.store.caseIds(agency: "WH-SJJ").allSatisfy { TextSafety.identifierProblem($0) == nil })
    }
}

/// PostgreSQL stopped hard under `zhifa serve`: pages and the API answer 503 instead of signing
/// users out, and the same session works again once the server is back.
@Suite struct StoreOutageTests {
    @Test func aDatabaseThatGoesAwayIs503AndTheServiceRecoversWhenItReturns() async throws {
        let cluster = try HaltableCluster()
        let fixture = try await WebFixture(location: cluster.url)
        try await fixture.test { client in
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            let api = try await APITests.signInJSON(client, Accounts.clerk)
            #expect(try await clerk.get("/cases").status == .ok)
            let probe = Probe(client: client)
            #expect(try await probe.get("/readyz").status == .ok)
            // The cluster commits asynchronously: give the sessions time to reach its disk.
            try await Task.sleep(for: .seconds(1))
            try cluster.halt()
            // The process answers; it cannot serve: a load balancer takes it out, not down.
            #expect(try await probe.get("/healthz").status == .ok)
            let notReady = try await probe.get("/readyz")
            #expect(notReady.status == .serviceUnavailable && notReady.text.contains("库无法访问"), "\(notReady.text)")
            for _ in 0..<2 {
                let page = try await clerk.get("/cases")
                #expect(page.status == .serviceUnavailable && page.text.contains("数据库暂时无法访问"), "\(page.status) \(page.headers)")
                #expect(page.headers[.location] == nil, "not sent to the sign-in page")
                #expect(page.headers[.retryAfter] != nil)
                let json = try await api.get("/api/v1/cases")
                #expect(json.status == .serviceUnavailable && json.text.contains("数据库暂时无法访问"), "\(json.status) \(json.text)")
            }
            try cluster.resume()
            let back = try await clerk.get("/cases")
            #expect(back.status == .ok && back.text.contains("WH-SJJ-2024-0117"), "\(back.status)")
            #expect(try await api.get("/api/v1/cases").status == .ok)
            #expect(try await probe.get("/readyz").status == .ok)
        }
    }

    /// `/healthz` needs nothing; `/readyz` needs the store and every migration this program knows.
    @Test func readinessSaysWhichMigrationsTheStoreLacks() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let probe = Probe(client: client)
            let health = try await probe.get("/healthz")
            #expect(health.status == .ok && health.text == "ok\n")
            #expect(try await probe.get("/readyz").text == "ready\n")
            let last = try #require(Schema.migrator.migrations.last)
            try fixture.store.write { try await $0.execute("DELETE FROM grdb_migrations WHERE identifier = ?", [last]) }
            let behind = try await probe.get("/readyz")
            #expect(behind.status == .serviceUnavailable && behind.text.contains("缺少 \(last)"), "\(behind.text)")
        }
    }
}

/// Requests without a session, as a load balancer's health checks are.
struct Probe {
    let client: any TestClientProtocol

    func get(_ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get)
    }
}
