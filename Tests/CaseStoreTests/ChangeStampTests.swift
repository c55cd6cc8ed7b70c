import Foundation
import TestSupport
import Testing

@testable import CaseStore

/// `CaseStore.changeStamp`: what a node's caches of pages and sessions trust. It must move with
/// every commit, whoever makes it, and stay still while nothing is written.
@Suite struct ChangeStampTests {
    @Test func aFileStoresStampMovesWithEveryCommitOfAnyConnection() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("stamp.sqlite").path
        let store = try CaseStore(path: path)
        let first = try #require(store.changeStamp())
        _ = try store.caseCount()
        _ = try store.loadCase(id: "none")
        #expect(store.changeStamp() == first, "reads leave the stamp as it was")

        try await store.addAccount(name: "甲", role: .reviewer, agency: nil, passwordHash: "x", actor: "test")
        let afterOwnWrite = try #require(store.changeStamp())
        #expect(afterOwnWrite != first, "a write through this store moves it")
        #expect(store.changeStamp() == afterOwnWrite)

        // Another process's store on the same file, as a second `zhifa serve` or `zhifa import` is.
        let other = try CaseStore(path: path)
        try await other.addAccount(name: "乙", role: .reviewer, agency: nil, passwordHash: "x", actor: "test")
        #expect(store.changeStamp() != afterOwnWrite, "a write through another connection moves it")
    }

    @Test func aStoreInMemoryCountsItsOwnWrites() async throws {
        let store = try CaseStore.inMemory()
        let first = try #require(store.changeStamp())
        _ = try store.caseCount()
        #expect(store.changeStamp() == first)
        try await store.addAccount(name: "甲", role: .reviewer, agency: nil, passwordHash: "x", actor: "test")
        #expect(store.changeStamp() != first)
    }

    /// PostgreSQL's stamp would cost a trip to the server, as much as the reads it would spare.
    @Test func postgresOffersNoStamp() throws {
        let store = try Backend.postgres.emptyStore()
        defer { store.close() }
        #expect(store.changeStamp() == nil)
    }
}
