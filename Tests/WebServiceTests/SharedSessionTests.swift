import CaseStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import TestSupport
import Testing

@testable import WebService

/// Several nodes of the service on one store: sessions, sign-in forms and the throttle are the
/// store's, so a user moves between nodes, survives a restart, and is signed out everywhere at once.
@Suite struct SharedSessionTests {
    enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
        case sqliteFile, postgres
        var testDescription: String { rawValue }

        func fixture() async throws -> WebFixture {
            switch self {
            case .sqliteFile: try await WebFixture()
            case .postgres: try await WebFixture(location: try ThrowawayPostgres.newDatabase())
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aSessionStartedOnOneNodeContinuesOnAnotherAndEndsOnBoth(_ kind: StoreKind) async throws {
        let fixture = try await kind.fixture()
        let other = try await fixture.node()
        try await fixture.test { first in
            try await fixture.test(other) { second in
                let onFirst = try await Browser.signIn(first, as: Accounts.clerk)
                let onSecond = Browser(client: second, cookie: onFirst.cookie, csrf: onFirst.csrf)
                let page = try await onSecond.get("/cases")
                #expect(page.status == .ok && page.text.contains("WH-SJJ-2024-0117"), "the second node knows the session")
                // The second node accepts the first node's form token: it is the session's, not the node's.
                let out = try await onSecond.post("/logout", [])
                #expect(out.status == .seeOther)
                let after = try await onFirst.get("/cases")
                #expect(
                    after.status == .seeOther && after.headers[.location]?.hasPrefix("/login") == true,
                    "signing out through one node ends the session on the other")
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aRestartSignsNoOneOut(_ kind: StoreKind) async throws {
        let fixture = try await kind.fixture()
        let signedIn = Mutex("")
        try await fixture.test { client in
            let cookie = try await Browser.signIn(client, as: Accounts.reviewer).cookie
            signedIn.withLock { $0 = cookie }
        }
        let restarted = try await fixture.node()
        let cookie = signedIn.withLock { $0 }
        try await fixture.test(restarted) { client in
            let page = try await client.execute(uri: "/cases", method: .get, headers: [.cookie: cookie])
            #expect(page.status == .ok)
            let stranger = try await client.execute(uri: "/cases", method: .get, headers: [.cookie: "zhifa_session=" + String(repeating: "A", count: 43)])
            #expect(stranger.status == .seeOther, "an unknown session id signs no one in")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func removingAnAccountEndsItsSessionsOnEveryNode(_ kind: StoreKind) async throws {
        let fixture = try await kind.fixture()
        let other = try await fixture.node()
        try await fixture.test { first in
            try await fixture.test(other) { second in
                let onFirst = try await Browser.signIn(first, as: Accounts.clerk)
                let onSecond = try await Browser.signIn(second, as: Accounts.clerk)
                let now = Date().timeIntervalSince1970
                #expect(try fixture.store.webSessionCount(user: Accounts.clerk, now: now) == 2)
                #expect(try fixture.store.webSessionCount(user: Accounts.reviewer, now: now) == 0)

                try await fixture.store.removeAccount(name: Accounts.clerk, actor: "admin")
                #expect(try fixture.store.webSessionCount(user: Accounts.clerk, now: now) == 0)
                #expect(try await onFirst.get("/cases").status == .seeOther)
                #expect(try await onSecond.get("/cases").status == .seeOther)
                // Added again under the same name, the account does not inherit the old sessions.
                try await fixture.store.addAccount(name: Accounts.clerk, role: .clerk, agency: "WH-SJJ", passwordHash: Accounts.hash, actor: "admin")
                #expect(try await onFirst.get("/cases").status == .seeOther)
            }
        }
        #expect(try fixture.store.verify().isIntact)
        #expect(try fixture.store.journal().last?.action == "user.add")
    }

    @Test(arguments: StoreKind.allCases)
    func aSignInFormFromOneNodeSignsInOnceOnAnother(_ kind: StoreKind) async throws {
        let fixture = try await kind.fixture()
        let other = try await fixture.node()
        try await fixture.test { first in
            try await fixture.test(other) { second in
                let form = try await first.execute(uri: "/login", method: .get)
                let token = try #require(form.text.firstMatch(of: /name="token" value="([^"]+)"/)?.1).description
                func post(_ client: any TestClientProtocol) async throws -> TestResponse {
                    try await client.execute(
                        uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                        body: ByteBuffer(string: formBody([("user", Accounts.clerk), ("password", Accounts.password), ("token", token), ("next", "/cases")])))
                }
                #expect(try await post(second).status == .seeOther, "the key that signed the form is the store's")
                #expect(try await post(first).status == .forbidden, "a used token is refused by every node")
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func failuresCountedOnOneNodeLockTheNameOnAnother(_ kind: StoreKind) async throws {
        let fixture = try await kind.fixture()
        let other = try await fixture.node()
        try await fixture.test { first in
            try await fixture.test(other) { second in
                for attempt in 0..<4 {
                    let node = attempt.isMultiple(of: 2) ? first : second
                    let refused = try await node.postLogin(name: Accounts.clerk, password: "wrong password")
                    #expect(refused.status == .unauthorized)
                }
                // Four failures, split over two nodes: one more is allowed, then the name is locked on both.
                let fifth = try await first.postLogin(name: Accounts.clerk, password: "wrong password")
                #expect(fifth.status == .unauthorized)
                let lockedOnSecond = try await second.postLogin(name: Accounts.clerk, password: Accounts.password)
                #expect(lockedOnSecond.status == .tooManyRequests)
                let lockedOnFirst = try await first.postLogin(name: Accounts.clerk, password: Accounts.password)
                #expect(lockedOnFirst.status == .tooManyRequests)
            }
        }
    }
}
