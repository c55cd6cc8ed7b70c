import CaseModel
import Foundation
import Testing

@testable import CaseStore

@Suite struct JournalTests {
    private func sampleStore(_ backend: Backend) throws -> CaseStore {
        let store = try backend.storeWithSampleRegistry()
        let report = store.importPaths([Repository.samples.appendingPathComponent("cases").path], actor: "审查员甲")
        #expect(report.failures.isEmpty)
        return store
    }

    @Test(arguments: Backend.allCases)
    func chainsEveryChangeWithWhoWhatAndWhen(_ backend: Backend) throws {
        let store = try sampleStore(backend)
        let journal = try store.journal()
        #expect(journal.count == 4 + Repository.sampleCaseCount)
        #expect(journal.map(\.seq) == Array(1...Int64(journal.count)))
        #expect(journal[0].prevHash == JournalEntry.genesis)
        for (previous, entry) in zip(journal, journal.dropFirst()) {
            #expect(entry.prevHash == previous.hash)
        }
        #expect(journal.last?.actor == "审查员甲")
        #expect(journal.allSatisfy { !$0.at.isEmpty && $0.hash == $0.expectedHash })
        let report = try store.verify()
        #expect(report.isIntact)
        #expect(report.casesChecked == Repository.sampleCaseCount)
    }

    @Test(arguments: Backend.allCases)
    func referenceFingerprintIsTheLatestImportOfReferencesNotOfCases(_ backend: Backend) throws {
        let store = try sampleStore(backend)
        let references: Set<String> = [JournalAction.registryImport, .benchmarksImport, .publicityImport].map(\.rawValue).reduce(into: []) { $0.insert($1) }
        func latestReference() throws -> String? { try store.journal().last { references.contains($0.action) }?.hash }
        let before = try store.referenceFingerprint()
        #expect(before == (try latestReference()))
        #expect(before != (try store.journal().last?.hash), "the cases imported after the references are not what it names")
        // The registry imported again: the fingerprint follows it.
        #expect(store.importPaths([Repository.samples.appendingPathComponent("registry.xml").path], actor: "审查员甲").failures.isEmpty)
        let after = try store.referenceFingerprint()
        #expect(after != before)
        #expect(after == (try latestReference()))
        #expect(try store.journal().last?.action == JournalAction.registryImport.rawValue)
    }

    @Test func referenceImportsIndexNamesTheJournalsActionsAndIsUsed() throws {
        for action in [JournalAction.registryImport, .benchmarksImport, .publicityImport] {
            #expect(Schema.referenceImports.contains("'\(action.rawValue)'"))
        }
        #expect(Schema.referenceImports.components(separatedBy: "'").count == 7, "three actions, no other")
        let store = try sampleStore(.sqlite)
        let plan = try store.read { db in
            try await db.fetchAll("EXPLAIN QUERY PLAN SELECT hash FROM journal WHERE \(Schema.referenceImports) ORDER BY seq DESC LIMIT 1")
                .map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("journal_referenceImports") }, "\(plan)")
    }

    @Test(arguments: Backend.allCases)
    func refusesEditsThroughSQLItself(_ backend: Backend) throws {
        let store = try sampleStore(backend)
        #expect(throws: (any Error).self) { try store.tamper("UPDATE journal SET actor = 'x' WHERE seq = 3") }
        #expect(throws: (any Error).self) { try store.tamper("DELETE FROM journal WHERE seq = 3") }
        #expect(try store.journal()[2].actor != "x")
        #expect(try store.journal().count == 4 + Repository.sampleCaseCount)
    }

    @Test(arguments: Backend.allCases)
    func catchesATamperedEntryAndNamesTheFirstBrokenLink(_ backend: Backend) throws {
        let store = try sampleStore(backend)
        try store.dropJournalGuards()
        try store.tamper("UPDATE journal SET actor = '某人' WHERE seq = 7")
        let report = try store.verify()
        #expect(!report.isIntact)
        #expect(report.firstBrokenLink?.seq == 7)
    }

    @Test(arguments: Backend.allCases)
    func catchesARewrittenEntryThroughTheNextLink(_ backend: Backend) throws {
        let store = try sampleStore(backend)
        try store.dropJournalGuards()
        var entry = try #require(try store.journal().first { $0.seq == 9 })
        entry.detail = "rewritten"
        entry.hash = entry.expectedHash
        try store.write { try await $0.execute("UPDATE journal SET detail = ?, hash = ? WHERE seq = 9", [entry.detail, entry.hash]) }
        #expect(try store.verify().firstBrokenLink?.seq == 10)
    }

    @Test(arguments: Backend.allCases)
    func catchesADeletedEntry(_ backend: Backend) throws {
        let store = try sampleStore(backend)
        try store.dropJournalGuards()
        try store.tamper("DELETE FROM journal WHERE seq = 12")
        #expect(try store.verify().firstBrokenLink?.seq == 13)
    }

    @Test(arguments: Backend.allCases)
    func catchesASilentEditOfACaseFile(_ backend: Backend) throws {
        let store = try sampleStore(backend)
        try store.tamper(
            "UPDATE penalty SET amount = 100 WHERE caseId = 'WH-SJJ-2024-0520' AND kind = 'fine'",
            "UPDATE event SET date = '2024-04-02' WHERE caseId = 'WH-SJJ-2024-0117' AND kind = 'disclosure'",
            "UPDATE disclosure SET date = '2024-02-20' WHERE caseId = 'WH-SJJ-2024-0204'")
        let report = try store.verify()
        #expect(report.firstBrokenLink == nil)
        #expect(report.tamperedCases.map(\.id) == ["WH-SJJ-2024-0204", "WH-SJJ-2024-0520"])
    }

    /// Writers in parallel, each appending through its own connection (several stores on one
    /// database on PostgreSQL, as several server processes would be; one file on SQLite): the
    /// journal stays one chain, with no entry lost and no two sharing a predecessor.
    @Test(arguments: Backend.allCases)
    func parallelWritersKeepOneChain(_ backend: Backend) throws {
        let folder = try TemporaryFolder()
        let location = backend == .postgres ? try ThrowawayPostgres.newDatabase() : folder.file("w.sqlite").path
        let first = try CaseStore(location: location)
        _ = first.importPaths([Repository.samples.appendingPathComponent("registry.xml").path], actor: "test")
        let before = try first.journal().count
        let writers = 6
        let each = 15
        let stores = try (0..<writers).map { _ in try CaseStore(location: location) }
        let failures = NSLock()
        nonisolated(unsafe) var errors: [String] = []
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            for n in 0..<each {
                do {
                    let c = EnforcementCase(
                        id: "WH-SJJ-P\(writer)-\(n)", agency: "WH-SJJ", type: .inspection,
                        party: Party(kind: .individual, name: "当事人\(writer)"),
                        events: [Event(kind: .filed, date: day("2024-03-01"), officers: ["O-1001", "O-1002"])])
                    try stores[writer].save(c, actor: "writer\(writer)", source: "parallel")
                    try stores[writer].recordUpload(
                        sha256: String(repeating: String(writer), count: 63) + String(n % 10),
                        agency: "WH-SJJ", name: "x", size: 1, actor: "writer\(writer)")
                } catch {
                    failures.withLock { errors.append("\(error)") }
                }
            }
        }
        #expect(errors.isEmpty, "\(errors.prefix(3))")
        let journal = try first.journal()
        #expect(journal.count == before + writers * each * 2 - writers * 5, "each writer's upload hashes repeat after ten")
        #expect(journal.map(\.seq) == Array(1...Int64(journal.count)))
        #expect(Set(journal.map(\.prevHash)).count == journal.count, "no two entries share a predecessor")
        let report = try first.verify()
        #expect(report.isIntact)
        #expect(report.casesChecked == writers * each)
    }
}
