import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import CaseStore
@testable import WebService

/// The attacks of issue 11 on the web service, one test per class; each crashed, leaked or
/// misdirected before the fix.
@Suite struct HostileRequestTests {
    @Test func anyNumberInARequestIsAnsweredNeverOverflowed() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            for page in ["9223372036854775807", "-9223372036854775808", "99999999999999999999", "x"] {
                #expect(try await clerk.get("/cases?page=\(page)").status == .ok, "page=\(page)")
            }
            for (event, record) in [("-9223372036854775808", "1"), ("1", "-9223372036854775808"), ("9223372036854775807", "9223372036854775807"), ("0", "0")] {
                #expect(try await clerk.get("/cases/WH-SJJ-2024-0117/evidence/\(event)/\(record)").status == .notFound)
            }
            let days = """
                <case xmlns="urn:zhifa:case:1" id="WH-SJJ-2026-0900" agency="WH-SJJ" type="penalty"><party kind="individual" name="某"/>
                <events><event kind="extension" date="2026-01-05" days="2147483647"/></events></case>
                """
            let refused = try await APITests.signInJSON(client, Accounts.clerk).send("/api/v1/cases", contentType: "application/xml", body: days)
            #expect(refused.status == .unprocessableContent)
            #expect(try fixture.store.agency(ofCase: "WH-SJJ-2026-0900") == nil)
        }
    }

    @Test func evidenceIsOnlyEverTheUploadingAgencys() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let owner = try await Browser.signIn(client, as: Accounts.otherClerk)
            let cgjCase = try #require(try fixture.store.caseSummaries(agency: "WH-CGJ").first { $0.id.hasPrefix("WH-CGJ-") }).id
            let stored = try await owner.upload(
                CaseRoutes.href(cgjCase) + "/records", [("event", "1"), ("title", "视频")],
                file: Array("城管的视频".utf8), fileName: "v.mp4")
            #expect(stored.status == .seeOther)
            let name = try #require(try fixture.store.loadCase(id: cgjCase)?.events[0].records.last?.file)
            // Another agency's clerk names that file by its hash in a case of their own.
            let thief = try await APITests.signInJSON(client, Accounts.clerk)
            let posted = try await thief.send(
                "/api/v1/cases", contentType: "application/xml",
                body: """
                    <case xmlns="urn:zhifa:case:1" id="WH-SJJ-2026-0901" agency="WH-SJJ" type="penalty"><party kind="individual" name="某"/>
                    <events><event kind="filed" date="2026-01-05"><record kind="audio-video" title="借来的" file="\(name)"/></event></events></case>
                    """)
            #expect(posted.status == .created)
            #expect(try fixture.store.loadCase(id: "WH-SJJ-2026-0901")?.events[0].records[0].evidence == .missing)
            #expect(try await thief.get("/cases/WH-SJJ-2026-0901/evidence/1/1").status == .notFound)
            #expect(
                try await owner.get(CaseRoutes.href(cgjCase) + "/evidence/1/\(try fixture.store.loadCase(id: cgjCase)!.events[0].records.count)").status == .ok)
            // A path outside the evidence folder is refused, in the same words whether it exists or not.
            for file in ["/etc/shadow", "/etc/no-such-file"] {
                let probe = try await thief.send(
                    "/api/v1/cases", contentType: "application/xml",
                    body: """
                        <case xmlns="urn:zhifa:case:1" id="WH-SJJ-2026-0902" agency="WH-SJJ" type="penalty"><party kind="individual" name="某"/>
                        <events><event kind="filed" date="2026-01-05"><record kind="text" title="x" file="\(file)"/></event></events></case>
                        """)
                #expect(probe.status == .unprocessableContent)
                #expect(probe.text.replacingOccurrences(of: file, with: "F").contains("只能引用本机关已上传的证据文件"))
            }
        }
    }

    @Test func theAPIHoldsClerksToTheirAgencysIds() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let clerk = try await APITests.signInJSON(client, Accounts.clerk)
            let foreign = try await clerk.send(
                "/api/v1/cases", contentType: "application/xml",
                body: """
                    <case xmlns="urn:zhifa:case:1" id="WH-CGJ-2026-0001" agency="WH-SJJ" type="penalty"><party kind="individual" name="某"/></case>
                    """)
            #expect(foreign.status == .unprocessableContent)
            #expect(foreign.text.contains("案件编号须以本机关代码“WH-SJJ-”开头"))
            #expect(try fixture.store.agency(ofCase: "WH-CGJ-2026-0001") == nil)
        }
    }

    @Test func signInSendsOnlyToPathsOfThisSite() async throws {
        for hostile in ["/\t/evil.example", "//evil.example", "/\\evil.example", "https://evil.example", "/\n/evil", "/%09/x\u{7F}"] {
            #expect(LoginRoutes.safeNext(hostile) == "/cases", "\(hostile.debugDescription)")
        }
        for fine in ["/cases/WH-SJJ-2024-0117", "/cases?q=%E8%B6%85%E5%B8%82&page=2", "/due"] {
            #expect(LoginRoutes.safeNext(fine) == fine)
        }
    }

    @Test func idsOfAnyCharactersAreReachable() async throws {
        let fixture = try await WebFixture()
        let ids = ["WH-SJJ-中文 0001", "WH-SJJ-50%?#/x"]
        for id in ids {
            _ = try await fixture.store.importDocument(.memory(Data(caseDocument(id: id).utf8)), displayName: "t", actor: "t", evidence: .none)
        }
        try await fixture.test { client in
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            let list = try await clerk.get("/cases?q=WH-SJJ-")
            for id in ids {
                #expect(list.text.contains(CaseRoutes.href(id).replacingOccurrences(of: "&", with: "&amp;")) || list.text.contains(CaseRoutes.href(id)))
                let page = try await clerk.get(CaseRoutes.href(id))
                #expect(page.status == .ok, "\(id)")
                let api = try await clerk.get("/api/v1/cases/" + String(CaseRoutes.href(id).dropFirst("/cases/".count)))
                #expect(api.status == .ok, "\(id)")
            }
        }
    }

    @Test func aWriteBehindAnotherProcessGets503WithRetryAfter() async throws {
        let fixture = try await WebFixture()
        let holder = try CaseStore(path: fixture.folder.file("web.sqlite").path)
        let busyWeb = try await WebApp(
            store: try CaseStore(path: fixture.folder.file("web.sqlite").path, busyTimeout: 0.3),
            configuration: fixture.web.configuration)
        let journal = try fixture.store.journal().count
        let application = Application(router: busyWeb.buildRouter())
        try await application.test(.router) { client in
            // Signed in first: a sign-in is itself a (short) write of the session.
            let clerk = try await APITests.signInJSON(client, Accounts.clerk)
            let hold = BackgroundHold { whileHeld in
                try? holder.write { db in
                    try await db.execute("UPDATE agency SET name = name")
                    whileHeld()
                }
            }
            defer { hold.release() }
            let response = try await clerk.send(
                "/api/v1/cases", contentType: "application/xml",
                body: caseDocument(id: "WH-SJJ-2026-0950"))
            #expect(response.status == .serviceUnavailable)
            #expect(response.headers[.retryAfter] == "5")
            #expect(response.text.contains("系统正忙"))
            let page = try await clerk.get("/api/v1/cases?limit=1")
            #expect(page.status == .ok, "reads and the session go on while another process writes")
        }
        #expect(try fixture.store.journal().count == journal)
    }

    @Test func aSignInTokenWorksOnceAndSigningInAgainEndsTheOldSession() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let page = try await client.execute(uri: "/login", method: .get)
            let token = try #require(page.text.firstMatch(of: /name="token" value="([^"]+)"/)?.1).description
            func post() async throws -> TestResponse {
                try await client.execute(
                    uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: formBody([("user", Accounts.clerk), ("password", Accounts.password), ("token", token)])))
            }
            let first = try await post()
            #expect(first.status == .seeOther)
            #expect(try await post().status == .forbidden)
            let old = try #require(first.headers[.setCookie]?.split(separator: ";").first.map(String.init))
            #expect(try await client.execute(uri: "/cases", method: .get, headers: [.cookie: old]).status == .ok)
            // Signing in again from the same browser: the old session id no longer signs anyone in.
            let fresh = try await client.execute(uri: "/login", method: .get, headers: [.cookie: old])
            let again = try #require(fresh.text.firstMatch(of: /name="token" value="([^"]+)"/)?.1).description
            let second = try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: old],
                body: ByteBuffer(string: formBody([("user", Accounts.clerk), ("password", Accounts.password), ("token", again)])))
            #expect(second.status == .seeOther)
            #expect(try await client.execute(uri: "/cases", method: .get, headers: [.cookie: old]).status == .seeOther)
        }
    }

    @Test func diskAndStoreErrorsReachUsersAsSentencesWithoutPaths() {
        let full = WebError.from(CocoaError(.fileWriteOutOfSpace, userInfo: [NSFilePathErrorKey: "/srv/zhifa/zhifa.evidence/x.part"]))
        #expect(full.status.code == 507)
        #expect(full.message.contains("存储空间不足") && !full.message.contains("/srv"))
        #expect(WebError.from(POSIXError(.ENOSPC)).status.code == 507)
        let other = WebError.from(CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: "/srv/zhifa/secret"]))
        #expect(other.status == .internalServerError && !other.message.contains("/srv"))
        #expect(WebError.from(StoreError.corrupt("case X has no party row")).message.contains("case X") == false)
    }
}
