import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CaseStore
@testable import WebService

/// Sign-in: throttling on both sides of its limit, and sessions that end.
@Suite struct SignInTests {
    @Test func fourFailuresStillLetTheRightPasswordIn() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            for _ in 0..<4 {
                let refused = try await client.postLogin(name: Accounts.clerk, password: "wrong password")
                #expect(refused.status == .unauthorized)
            }
            let admitted = try await client.postLogin(name: Accounts.clerk, password: Accounts.password)
            #expect(admitted.status == .seeOther)
        }
    }

    @Test func theFifthFailureLocksTheNameEvenForTheRightPassword() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            for _ in 0..<5 {
                let refused = try await client.postLogin(name: Accounts.clerk, password: "wrong password")
                #expect(refused.status == .unauthorized)
                #expect(refused.text.contains("用户名或密码错误"))
            }
            let locked = try await client.postLogin(name: Accounts.clerk, password: Accounts.password)
            #expect(locked.status == .tooManyRequests)
            #expect(locked.headers[.setCookie] == nil)
            #expect(Int(locked.headers[.retryAfter] ?? "") ?? 0 > 800)
            let api = try await client.execute(
                uri: "/api/v1/login", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"user":"\#(Accounts.clerk)","password":"\#(Accounts.password)"}"#))
            #expect(api.status == .tooManyRequests)
            // Other names are not affected.
            #expect(try await client.postLogin(name: Accounts.reviewer, password: Accounts.password).status == .seeOther)
        }
    }

    @Test func aWindowOfFailuresExpires() async throws {
        let throttle = LoginThrottle(store: try CaseStore.inMemory(), limit: 2, window: .seconds(60))
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        try await throttle.recordFailure("a", now: start)
        #expect(try await throttle.retryAfter("a", now: start + 1) == nil, "one failure is under the limit")
        try await throttle.recordFailure("a", now: start + 1)
        #expect(try await throttle.retryAfter("a", now: start + 2) == .seconds(58))
        #expect(try await throttle.retryAfter("a", now: start + 59.5) == .milliseconds(500))
        #expect(try await throttle.retryAfter("a", now: start + 60) == nil, "the first failure has left the window")
        #expect(try await throttle.retryAfter("b", now: start + 2) == nil, "names are counted apart")
        try await throttle.recordSuccess("a")
        #expect(try await throttle.retryAfter("a", now: start + 2) == nil, "a success forgives")
    }

    @Test func unknownNamesAreRefusedLikeWrongPasswords() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let unknown = try await client.postLogin(name: "无此人", password: Accounts.password)
            let wrong = try await client.postLogin(name: Accounts.clerk, password: "wrong password")
            #expect(unknown.status == .unauthorized)
            #expect(wrong.status == .unauthorized)
            #expect(unknown.text.contains("用户名或密码错误"))
            #expect(wrong.text.contains("用户名或密码错误"))
        }
    }

    @Test func aSessionEndsAfterItsLifetime() async throws {
        let fixture = try await WebFixture(sessionLifetime: .seconds(5))
        try await fixture.test { client in
            let clock = ContinuousClock()
            let signedIn = clock.now
            // Signed in without reading a page for its form token: on a loaded machine that read
            // alone can outlast the lifetime.
            let login = try await client.postLogin(name: Accounts.clerk, password: Accounts.password)
            let cookie = try #require(login.headers[.setCookie]?.split(separator: ";").first.map(String.init))
            let first = try await client.execute(uri: "/cases", method: .get, headers: [.cookie: cookie])
            // Within the lifetime the session serves. A machine loaded enough (a build beside the
            // tests) can take longer than the lifetime to answer at all; then only the expiry is checked.
            if signedIn.duration(to: clock.now) < .seconds(4) { #expect(first.status == .ok) }
            try await Task.sleep(for: .milliseconds(5_500))
            let expired = try await client.execute(uri: "/cases", method: .get, headers: [.cookie: cookie])
            #expect(expired.status == .seeOther)
            #expect(expired.headers[.location]?.hasPrefix("/login") == true)
        }
    }

    @Test func aRemovedAccountLosesItsSession() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            // Behind the service's back: the account is read afresh on every request.
            try fixture.store.write { try await $0.execute("DELETE FROM account WHERE name = ?", [Accounts.clerk]) }
            #expect(try await clerk.get("/cases").status == .seeOther)
        }
    }

    @Test func theNextAddressStaysOnThisSite() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            for next in ["//evil.example/x", "https://evil.example/", "/\\evil.example"] {
                let page = try await client.execute(uri: "/login?next=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", method: .get)
                #expect(page.text.contains(#"name="next" value="/cases""#), "\(next)")
            }
        }
    }
}
