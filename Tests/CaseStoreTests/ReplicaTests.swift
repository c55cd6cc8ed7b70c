import CaseXML
import Foundation
import TestSupport
import Testing

@testable import CaseStore

/// A store whose reads go to a streaming replica: a process reads its own writes at once, reads
/// that must be current (sessions, accounts) go to the primary, and the rest come from the replica.
@Suite struct ReplicaTests {
    /// The store on a new database of the test cluster, reading from the cluster's replica once
    /// the replica has the database (it is created on the primary and replicated).
    func replicatedStore() throws -> (replicated: CaseStore, primaryOnly: CaseStore, primary: PostgresLocation, replica: PostgresLocation) {
        let url = try ThrowawayPostgres.newDatabase()
        let primary = try #require(try PostgresLocation.parse(url))
        let replica = try #require(try PostgresLocation.parse(try ThrowawayPostgres.replicaURL(of: url)))
        let primaryOnly = try CaseStore(postgres: primary)
        let deadline = Date().addingTimeInterval(20)
        while true {
            do {
                return (try CaseStore(postgres: primary, readReplica: replica), primaryOnly, primary, replica)
            } catch  where Date() < deadline {
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
    }

    @Test func readsGoToTheReplicaAndSeeThisProcesssWritesAtOnce() throws {
        let (store, primaryOnly, _, _) = try replicatedStore()
        #expect(try store.read { try await $0.fetchValue(Bool.self, "SELECT pg_is_in_recovery()") } == true, "reads are the replica's")
        #expect(try store.readPrimary { try await $0.fetchValue(Bool.self, "SELECT pg_is_in_recovery()") } == false)

        let report = store.importPaths([Repository.samples.path], actor: "test")
        #expect(report.failures.isEmpty)
        // Read back at once, from the replica, after the write: nothing is missing.
        #expect(try store.caseCount() == Repository.sampleCaseCount)
        #expect(try store.loadCase(id: "WH-SJJ-2024-0117")?.party.name == "芜湖某超市有限公司")
        #expect(try store.verify().isIntact)

        // Another process's account shows at once, since accounts are read on the primary.
        try primaryOnly.addAccount(name: "王某", role: .reviewer, agency: nil, passwordHash: "x", actor: "admin")
        #expect(try store.account(named: "王某")?.role == .reviewer)
    }

    @Test func writesThroughTheReplicatedStoreLandOnThePrimary() throws {
        let (store, primaryOnly, _, _) = try replicatedStore()
        _ = store.importPaths([Repository.samples.appendingPathComponent("registry.xml").path], actor: "test")
        #expect(try primaryOnly.registry().officers.count == 17)
        #expect(try store.registry().officers.count == 17)
        #expect(try primaryOnly.journal() == store.journal())
    }

    @Test func aStoreOpenedAfterAnotherProcesssImportSeesItOnTheReplica() throws {
        let (_, primaryOnly, primary, replica) = try replicatedStore()
        #expect(primaryOnly.importPaths([Repository.samples.path], actor: "other process").failures.isEmpty)
        // Opened at once after the import, as `zhifa audit --read-db` run after `zhifa import` is.
        let later = try CaseStore(postgres: primary, readReplica: replica)
        #expect(try later.caseIds().count == Repository.sampleCaseCount)
        #expect(try later.read { try await $0.fetchValue(Bool.self, "SELECT pg_is_in_recovery()") } == true)
    }
}
