import CaseModel
import Foundation
import Testing

@testable import CaseStore

/// The transactions the web service awaits (`reading`, `readingPrimary`, `writingSessions`) on both
/// backends: they see what the synchronous store sees, many at once all answer, and a failing body
/// leaves the store usable.
@Suite struct AwaitedTransactionTests {
    @Test(arguments: Backend.allCases)
    func awaitedReadsAndSessionWritesAgreeWithTheStore(_ backend: Backend) async throws {
        let store = try backend.storeWithSampleRegistry()
        #expect(store.importPaths([Repository.samples.path], actor: "test").failures.isEmpty)
        let count = try store.caseCount()
        #expect(count > 30)
        #expect(try await store.reading { try await $0.cases.count() } == count)
        let id = "WH-SJJ-2024-0902"
        let together = try #require(try await store.reading { try await $0.cases.loadWithVersion(id: id) })
        #expect(together.enforcementCase == (try store.loadCase(id: id)))
        #expect(try await store.reading { try await $0.cases.loadWithVersion(id: "没有的案件") } == nil)

        // A session read with the account it signs in; the key itself is never stored.
        _ = try await store.addAccount(name: "评查员甲", role: .reviewer, agency: nil, passwordHash: "x", actor: "test")
        let now = Date().timeIntervalSince1970
        #expect(try await store.writingSessions { try await $0.createWebSession(key: "k1", user: "评查员甲", value: "{}", expiresAt: now + 60) })
        #expect(try await !store.writingSessions { try await $0.createWebSession(key: "k1", user: "评查员甲", value: "{}", expiresAt: now + 60) })
        try await store.writingSessions { try await $0.setWebSession(key: "k1", user: "评查员甲", value: "{\"a\":1}", expiresAt: nil) }
        let signedIn = try #require(try await store.readingPrimary { try await $0.accounts.webSessionWithAccount(key: "k1", now: now) })
        #expect(signedIn.session.value == "{\"a\":1}" && signedIn.session.expiresAt == now + 60)
        #expect(signedIn.account?.name == "评查员甲" && signedIn.account?.role == .reviewer)
        #expect(try await store.readingPrimary { try await $0.accounts.webSessionWithAccount(key: "k1", now: now + 61) } == nil, "expired")
        #expect(try store.read { try await $0.fetchValue(Int.self, "SELECT COUNT(*) FROM webSession WHERE keyHash = ?", ["k1"]) } == 0)
        try await store.removeAccount(name: "评查员甲", actor: "test")
        #expect(try await store.readingPrimary { try await $0.accounts.webSessionWithAccount(key: "k1", now: now) } == nil, "removed with its account")

        // More at once than PostgreSQL's connections (8): each waits its turn and answers.
        let answers = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<40 { group.addTask { try await store.reading { try await $0.cases.count() } } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(answers == Array(repeating: count, count: 40))

        // A body that fails throws its own error and leaves the store usable.
        await #expect(throws: StoreError.self) {
            try await store.reading { _ in throw StoreError.corrupt("on purpose") }
        }
        await #expect(throws: (any Error).self) {
            try await store.reading { try await $0.db.execute("SELECT * FROM noSuchTable") }
        }
        #expect(try await store.reading { try await $0.cases.count() } == count)
        store.close()
    }

    /// The web service's journaled writes, awaited: many at once each take their turn, the journal
    /// stays one chain, and a refused write leaves nothing.
    @Test(arguments: Backend.allCases)
    func awaitedWritesTakeTurnsAndKeepTheChain(_ backend: Backend) async throws {
        let store = try backend.storeWithSampleRegistry()
        #expect(store.importPaths([Repository.samples.path], actor: "test").failures.isEmpty)
        let sample = try #require(try store.loadCase(id: "WH-SJJ-2024-0117"))
        let before = try store.journal().count
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<12 {
                group.addTask {
                    var c = sample
                    c.id = String(format: "WH-SJJ-2026-%04d", 9000 + index)
                    #expect(try await store.save(c, actor: "clerk", source: "web:clerk", agencyScope: "WH-SJJ") == .new)
                    try await store.recordManualScore(caseId: c.id, item: "FACTS", deduction: 1, note: "依据不足", reviewer: "陈某")
                }
            }
            try await group.waitForAll()
        }
        #expect(try store.journal().count == before + 24)
        #expect(try store.verify().isIntact)
        #expect(try store.manualScores(caseId: "WH-SJJ-2026-9011").count == 1)
        // Outside the clerk's agency: refused, nothing stored, nothing journaled.
        var other = sample
        other.id = "WH-CGJ-2026-9000"
        other.agency = "WH-CGJ"
        await #expect(throws: StoreError.self) { try await store.save(other, actor: "clerk", source: "web:clerk", agencyScope: "WH-SJJ") }
        #expect(try store.loadCase(id: other.id) == nil)
        #expect(try store.journal().count == before + 24)
        store.close()
    }
}
