import CaseModel
import CaseXML
import Foundation
import Generator
import Testing

@testable import CaseStore

/// A large file's new cases are staged in short transactions and published in one: the store ends
/// as if the file had been one transaction, and until then no reader sees any of it.
@Suite struct StagedImportTests {
    /// A data set of `cases` generated cases in files of `perFile`.
    func dataSet(_ folder: TemporaryFolder, cases: Int, perFile: Int) throws -> URL {
        var writer = DataSetWriter(cases: cases, seed: 13, agencies: 2)
        writer.casesPerFile = perFile
        _ = try writer.write(to: folder.url, calendar: Repository.calendar)
        return folder.url
    }

    /// Every stored case, without the lines of its file its events were read from (the files differ).
    func everyCase(_ store: CaseStore) throws -> [EnforcementCase] {
        try store.caseIds().map { withoutLines(try #require(try store.loadCase(id: $0))) }
    }

    func withoutLines(_ c: EnforcementCase) -> EnforcementCase {
        var c = c
        for index in c.events.indices { c.events[index].line = 0 }
        return c
    }

    func count(_ table: String, _ store: CaseStore) throws -> Int {
        try store.read { try await $0.fetchValue(Int.self, "SELECT COUNT(*) FROM \(table)") } ?? 0
    }

    @Test(arguments: Backend.allCases)
    func aFilesCasesAreWrittenInTheOrderOfTheirIds(_ backend: Backend) throws {
        let folder = try TemporaryFolder()
        // Large enough to be staged on SQLite and, into this empty store, loaded first on PostgreSQL (`FirstLoad`).
        let data = try dataSet(folder, cases: StagedImport.threshold + 500, perFile: StagedImport.threshold + 500)
        let file = try #require(
            try FileManager.default.contentsOfDirectory(atPath: data.appendingPathComponent("cases").path).first { $0.hasSuffix(".xml") })
        let text = try String(contentsOf: data.appendingPathComponent("cases").appendingPathComponent(file), encoding: .utf8)
        let given = text.components(separatedBy: "<case id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(given.count == StagedImport.threshold + 500)
        let inOrder = given.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(given != inOrder, "the generated file's cases are not in the order of their ids, or this test proves nothing")

        let store = try backend.storeWithSampleRegistry()
        #expect(store.importPaths([data.path], actor: "test").failures.isEmpty)
        // Events are numbered as they are written: their cases' ids ascend with them.
        let written = try store.read { db in try await db.fetchValues(String.self, "SELECT caseId FROM event ORDER BY id") }
        var seen: [String] = []
        for id in written where seen.last != id { seen.append(id) }
        // The first place the order differs, not two lists of 2,500 ids.
        #expect(seen.count == inOrder.count)
        #expect(zip(seen, inOrder).first { $0 != $1 } == nil)
        #expect(try store.caseIds() == inOrder)
    }

    @Test func aCaseGivenTwiceKeepsItsPlaceAfterItsFirst() throws {
        var read: [EnforcementCase] = []
        try CaseFileReader().readCases(try #require(Repository.sampleCaseFiles.first)) { c, _ in read.append(c) }
        let sample = try #require(read.first)
        func prepared(_ id: String, _ hash: String) -> PreparedCase {
            var c = sample
            c.id = id
            return PreparedCase(enforcementCase: c, line: 0, contentHash: hash)
        }
        // Byte order: "Z" (0x5A) before "é" (0xC3 0xA9), "A" before "AB".
        let cases = [prepared("é", "1"), prepared("AB", "2"), prepared("A", "3"), prepared("Z", "4"), prepared("A", "5")]
        #expect(cases.inStoreOrder.map(\.contentHash) == ["3", "5", "2", "4", "1"])
        #expect([PreparedCase]().inStoreOrder.isEmpty)
        // Already in order, as generated and exported files are; a repeated id is not in order.
        #expect([prepared("A", "1"), prepared("AB", "2"), prepared("Z", "3")].inStoreOrder.map(\.contentHash) == ["1", "2", "3"])
        #expect([prepared("A", "1"), prepared("Z", "2"), prepared("A", "3")].inStoreOrder.map(\.contentHash) == ["1", "3", "2"])
        #expect([prepared("AB", "1"), prepared("A", "2")].inStoreOrder.map(\.contentHash) == ["2", "1"])
    }

    @Test func aLargeFileEndsAsOneTransactionWouldLeaveIt() throws {
        let staged = try TemporaryFolder()
        let small = try TemporaryFolder()
        let count = StagedImport.threshold + 500
        // One file above the threshold, staged; the same cases in files below it, each one transaction.
        let large = try CaseStore.inMemory()
        let report = large.importPaths([try dataSet(staged, cases: count, perFile: count).path], actor: "test")
        #expect(report.failures.isEmpty)
        #expect(report.totals.newCases == count)
        let reference = try CaseStore.inMemory()
        #expect(reference.importPaths([try dataSet(small, cases: count, perFile: StagedImport.threshold - 1).path], actor: "test").failures.isEmpty)

        #expect(try everyCase(large) == everyCase(reference))
        #expect(try large.journal().filter { $0.action == JournalAction.caseImport.rawValue }.count == count)
        #expect(try large.verify().isIntact)
        #expect(try self.count("stagedCase", large) == 0 && self.count("importStage", large) == 0)
        // Every event id is used once, and every row belongs to a stored case.
        #expect(try self.count("event", large) == self.count("event", reference))
        #expect(try large.read { try await $0.fetchValue(Int.self, "SELECT COUNT(*) FROM party WHERE caseId NOT IN (SELECT id FROM enforcementCase)") } == 0)

        // Imported again, nothing is staged: every case is unchanged.
        let again = large.importPaths([staged.url.appendingPathComponent("cases").path], actor: "test")
        #expect(again.totals.unchangedCases == count && again.totals.newCases == 0)
    }

    @Test func aFileWithARefusedCaseStagesNothing() throws {
        let folder = try TemporaryFolder()
        let store = try CaseStore.inMemory()
        let data = try dataSet(folder, cases: StagedImport.threshold + 10, perFile: 100_000)
        _ = store.importPaths([data.appendingPathComponent("registry.xml").path], actor: "test")
        // Without the second agency's registry entry its cases are refused: the whole file is.
        let file = data.appendingPathComponent("cases/cases-0001.xml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let agency = try #require(text.range(of: #"agency="[^"]+""#, options: .regularExpression).map { String(text[$0]) })
        try text.replacingOccurrences(of: agency, with: #"agency="NO-SUCH""#).write(to: file, atomically: true, encoding: .utf8)
        let report = store.importPaths([file.path], actor: "test")
        #expect(report.failures.count == 1)
        #expect(try store.caseCount() == 0)
        for table in ["party", "event", "eventOfficer", "record", "stagedCase", "importStage"] {
            #expect(try count(table, store) == 0, "\(table)")
        }
    }

    /// A stage in progress is no part of the store: a copy leaves it behind, whole.
    @Test func aCopyLeavesAStageInProgressBehind() throws {
        let store = try CaseStore.inMemory()
        #expect(store.importPaths([Repository.samples.path], actor: "test").failures.isEmpty)
        var ghost = try #require(try store.loadCase(id: "WH-SJJ-2024-0117"))
        ghost.id = "WH-SJJ-2024-9998"
        try stage(ghost, in: store, leaseUntil: Date().timeIntervalSince1970 + 60)
        let copy = try CaseStore.inMemory()
        #expect(try store.copy(into: copy).cases == Repository.sampleCaseCount)
        #expect(try copy.verify().isIntact)
        #expect(try count("party", copy) == count("party", store) - 1)
        #expect(try count("event", copy) == count("event", store) - ghost.events.count)
        #expect(try count("stagedCase", copy) == 0)
        // Every table is either copied or deliberately left behind.
        let tables = try store.read {
            try await $0.fetchValues(String.self, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'")
        }
        #expect(Set(tables) == Set(CaseStore.copiedTables.map(\.name) + CaseStore.uncopiedTables))
    }

    /// Writes every row of `c` but its own under a new stage, as a large import does before it publishes.
    func stage(_ c: EnforcementCase, in store: CaseStore, leaseUntil: Double) throws {
        let stage = try store.write { db in
            try await db.insertReturningID(
                "INSERT INTO importStage (file, actor, startedAt, leaseUntil) VALUES (?, ?, ?, ?)",
                ["dead.xml", "test", "2026-12-06T00:00:00Z", leaseUntil])
        }
        try store.backend.writeWithoutForeignKeys { db in
            var eventIDs = try await CaseRows.lastEventID(db)
            try await db.append(into: "stagedCase", columns: ["caseId", "stageId"], row: [c.id, stage])
            try await CaseRows.insertParts(c, into: db, eventIDs: &eventIDs)
        }
    }

    /// What an importer that died after staging leaves, and how the next large import clears it.
    @Test func aDeadImportersStageIsInvisibleHoldsItsIdsAndIsClearedWhenItsLeaseRunsOut() throws {
        let store = try CaseStore.inMemory()
        #expect(store.importPaths([Repository.samples.appendingPathComponent("registry.xml").path], actor: "test").failures.isEmpty)
        let sample = try #require(
            store.importPaths([Repository.samples.path], actor: "test").failures.isEmpty ? try store.loadCase(id: "WH-SJJ-2024-0117") : nil)
        var ghost = sample
        ghost.id = "WH-SJJ-2024-9999"
        let before = try store.caseCount()
        try stage(ghost, in: store, leaseUntil: Date().timeIntervalSince1970 + 60)
        // Readers do not see it.
        #expect(try store.caseCount() == before)
        #expect(try store.loadCase(id: ghost.id) == nil)
        #expect(try !store.caseSummaries().contains { $0.id == ghost.id })
        // No one else may store the id meanwhile, with a sentence saying why.
        #expect(throws: StoreError.caseBeingImported(ghost.id)) { try store.save(ghost, actor: "test", source: "web") }
        // A lease still running is left alone; one that ran out is cleared, every row of it.
        try store.clearExpiredStages()
        #expect(try count("stagedCase", store) == 1)
        try store.write { try await $0.execute("UPDATE importStage SET leaseUntil = 0") }
        try store.clearExpiredStages()
        for table in ["stagedCase", "importStage"] { #expect(try count(table, store) == 0) }
        #expect(try store.read { try await $0.fetchValue(Int.self, "SELECT COUNT(*) FROM event WHERE caseId = ?", [ghost.id]) } == 0)
        #expect(try store.read { try await $0.fetchValue(Int.self, "SELECT COUNT(*) FROM party WHERE caseId = ?", [ghost.id]) } == 0)
        #expect(try store.save(ghost, actor: "test", source: "web") == .new)
        #expect(try store.loadCase(id: ghost.id).map(withoutLines) == withoutLines(ghost))
    }
}
