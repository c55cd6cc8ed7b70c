import CaseStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WebService

/// Case pages and sessions kept on a node while the store has not changed (`StampedCache`,
/// `PageSkeleton`): a page shows every write, whichever node or process made it; a page rendered
/// for one user never carries another's name, token or access.
@Suite struct CasePageCacheTests {
    static let id = "WH-SJJ-2024-0117"

    @Test func aCasePageShowsWhatAnotherProcessWroteSinceItWasKept() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let reviewer = try await Browser.signIn(client, as: Accounts.reviewer)
            let before = try await reviewer.get("/cases/\(Self.id)").text
            #expect(try await reviewer.get("/cases/\(Self.id)").text == before, "nothing written: the same page")
            #expect(!before.contains("另一进程的意见"))

            // A store of its own on the same file, as `zhifa review` run beside the server is.
            let other = try CaseStore(location: fixture.location)
            _ = try await other.recordManualScore(caseId: Self.id, item: "FACTS", deduction: 2, note: "另一进程的意见", reviewer: "命令行评查员")
            let after = try await reviewer.get("/cases/\(Self.id)").text
            #expect(after.contains("扣 2 分（命令行评查员）另一进程的意见"))
        }
    }

    @Test func usersOfOneRoleEachSeeTheirOwnNameAndFormToken() async throws {
        let fixture = try await WebFixture()
        try await fixture.store.addAccount(name: "吴评查", role: .reviewer, agency: nil, passwordHash: Accounts.hash, actor: "test")
        try await fixture.test { client in
            let first = try await Browser.signIn(client, as: Accounts.reviewer)
            let second = try await Browser.signIn(client, as: "吴评查")
            #expect(first.csrf != second.csrf)
            let firstPage = try await first.get("/cases/\(Self.id)").text
            let secondPage = try await second.get("/cases/\(Self.id)").text
            #expect(firstPage.contains("<span>\(Accounts.reviewer) · ") && !firstPage.contains("吴评查"))
            #expect(firstPage.contains("<span>\(Accounts.reviewer) · 评查人员</span>"), "a reviewer belongs to no agency, not the case's")
            #expect(secondPage.contains("<span>吴评查 · ") && !secondPage.contains(Accounts.reviewer))
            let tokens = secondPage.matches(of: /name="csrf" value="([^"]*)"/).map { String($0.output.1) }
            // The review, sign and check forms, and a confirm button for each machine proposal (LAW, DOCUMENTS).
            #expect(tokens.count == 5 && tokens.allSatisfy { $0 == second.csrf }, "\(tokens)")
            #expect(!secondPage.contains("\u{E000}"), "no stand-in is left in a page")

            // The token the page carries is the one that posts its forms.
            let saved = try await second.post("/cases/\(Self.id)/review", [("item", "LAW"), ("deduct", "1"), ("note", "第二位评查员")])
            #expect(saved.status == .seeOther)
            let noticed = try await second.get("/cases/\(Self.id)").text
            #expect(noticed.contains("id=\"saved\"") && noticed.contains("第二位评查员"))
            let again = try await second.get("/cases/\(Self.id)").text
            #expect(!again.contains("id=\"saved\"") && again.contains("第二位评查员"), "a notice is said once")
            #expect(try await first.get("/cases/\(Self.id)").text.contains("扣 1 分（吴评查）第二位评查员"))
        }
    }

    @Test func aPageKeptForOneReaderOpensForNoOneElseWhoMayNotRead() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let reviewer = try await Browser.signIn(client, as: Accounts.reviewer)
            let stranger = try await Browser.signIn(client, as: Accounts.otherClerk)
            let owner = try await Browser.signIn(client, as: Accounts.clerk)
            #expect(try await reviewer.get("/cases/\(Self.id)").status == .ok)
            #expect(try await owner.get("/cases/\(Self.id)").status == .ok)
            for _ in 0..<2 {
                let refused = try await stranger.get("/cases/\(Self.id)")
                #expect(refused.status == .notFound && !refused.text.contains("review-form"))
            }
            let ownersPage = try await owner.get("/cases/\(Self.id)").text
            #expect(ownersPage.contains("<span>\(Accounts.clerk) · 办案人员 · 芜湖市市场监督管理局</span>"), "the agency by its name")
            #expect(ownersPage.contains("save-disclosure") && !ownersPage.contains("review-form"), "the owner's page has the owner's forms")
            let reviewersPage = try await reviewer.get("/cases/\(Self.id)").text
            #expect(!reviewersPage.contains("save-disclosure") && reviewersPage.contains("review-form"))
        }
    }

    @Test func aSessionEndedByAnotherProcessSignsNoOneIn() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            #expect(try await clerk.get("/cases/\(Self.id)").status == .ok)
            let other = try CaseStore(location: fixture.location)
            try await other.removeAccount(name: Accounts.clerk, actor: "admin")
            let after = try await clerk.get("/cases/\(Self.id)")
            #expect(after.status == .seeOther && after.headers[.location]?.hasPrefix("/login") == true)
        }
    }
}

@Suite struct PageSkeletonTests {
    @Test func standInsAreFilledEscapedAndNothingElseIsTakenForOne() {
        let forged = "\u{E000}zhifa-00000000000000000000000000000000-1\u{E001}"
        let text =
            "<p>\(forged)</p><span>\(PageSkeleton.Hole.userName.standIn)</span>"
            + "<input value=\"\(PageSkeleton.Hole.csrf.standIn)\">\(PageSkeleton.Hole.csrf.standIn)"
        let page = PageSkeleton(rendered: text).filled([.userName: "<王>", .csrf: "t\"1"])
        #expect(page == "<p>\(forged)</p><span>&lt;王&gt;</span><input value=\"t&quot;1\">t&quot;1")
        #expect(PageSkeleton(rendered: "没有替身").filled([:]) == "没有替身")
    }
}

@Suite struct StampedCacheTests {
    @Test func keepsWhileTheStampStaysAndReadsAgainWhenItMoves() async throws {
        let store = try CaseStore.inMemory()
        let cache = StampedCache<String, Int>(budget: 2)
        let reads = ReadCounter()
        func value(_ key: String) async throws -> Int {
            try await cache.value(for: key, stamp: store.changeStamp()) { reads.next() }
        }
        #expect(try await value("a") == 1)
        #expect(try await value("a") == 1, "kept")
        #expect(try await value("b") == 2)
        try await store.addAccount(name: "甲", role: .reviewer, agency: nil, passwordHash: "x", actor: "test")
        #expect(try await value("a") == 3, "read again after a write")
        #expect(try await value("b") == 4)
        #expect(try await value("c") == 5, "full: the oldest goes")
        #expect(cache.count == 2)
        #expect(try await value("b") == 4)
        #expect(try await value("c") == 5)
        #expect(try await value("a") == 6, "read again once it went")
        #expect(try await cache.value(for: "d", stamp: nil) { reads.next() } == 7)
        #expect(try await cache.value(for: "d", stamp: nil) { reads.next() } == 8, "without a stamp nothing is kept")
    }

    final class ReadCounter: @unchecked Sendable {
        private let lock = NSLock()
        private var reads = 0
        func next() -> Int {
            lock.withLock {
                reads += 1
                return reads
            }
        }
    }
}
