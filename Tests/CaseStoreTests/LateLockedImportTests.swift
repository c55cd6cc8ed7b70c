import CaseModel
import Foundation
import Generator
import Testing

@testable import CaseStore

/// On PostgreSQL a large file is one transaction that locks the other writers out only for its
/// journal entries at the end: a write made meanwhile is stored at once, and both end in one chain.
@Suite struct LateLockedImportTests {
    func count(_ sql: String, _ store: CaseStore) throws -> Int {
        try store.readPrimary { try await $0.fetchValue(Int.self, sql) } ?? 0
    }

    @Test func anotherWriterGoesOnWhileALargeFileIsWritten() throws {
        let folder = try TemporaryFolder()
        let cases = StagedImport.threshold + 1_000
        var writer = DataSetWriter(cases: cases, seed: 13, agencies: 2)
        writer.casesPerFile = 100_000
        _ = try writer.write(to: folder.url, calendar: Repository.calendar)
        let location = try ThrowawayPostgres.newDatabase()
        let importer = try CaseStore(location: location)
        let registries = [folder.file("registry.xml").path, Repository.samples.appendingPathComponent("registry.xml").path]
        #expect(importer.importPaths(registries, actor: "test").failures.isEmpty)
        // A store in use: into an empty one the file would be the first load, which other writers wait for.
        try importer.holdOneSampleCase()

        let finished = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var report: ImportReport?
        let file = folder.file("cases").path
        Thread.detachNewThread {
            report = importer.importPaths([file], actor: "import")
            finished.signal()
        }
        // Another process: it sees the reservation at once, and none of the file until it is published.
        let clerk = try CaseStore(location: location)
        let deadline = Date().addingTimeInterval(60)
        while try count("SELECT COUNT(*) FROM importStage", clerk) == 0, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        let reserved = try #require(try clerk.readPrimary { try await $0.fetchValue(Int64.self, "SELECT lastEventId FROM importStage") })
        let sample = Repository.samples.appendingPathComponent("cases/WH-SJJ-2024-0110.xml").path
        let saved = clerk.importPaths([sample], actor: "clerk")
        #expect(saved.failures.isEmpty && saved.totals.newCases == 1)
        // The clerk's write was stored while the import still held its reservation, unpublished.
        #expect(try count("SELECT COUNT(*) FROM importStage", clerk) == 1, "the import ended before the write: make the file larger")
        #expect(try clerk.caseCount() == 2)

        finished.wait()
        #expect(report?.failures.isEmpty == true && report?.totals.newCases == cases)
        #expect(try importer.caseCount() == cases + 2)
        #expect(try count("SELECT COUNT(*) FROM importStage", importer) == 0)
        // The clerk's events follow the reserved ids; the file's lie within them; none is used twice.
        let clerkEvents = try importer.readPrimary {
            try await $0.fetchValues(Int64.self, "SELECT id FROM event WHERE caseId = ?", ["WH-SJJ-2024-0110"])
        }
        #expect(!clerkEvents.isEmpty && clerkEvents.allSatisfy { $0 > reserved })
        #expect(try count("SELECT COUNT(*) FROM event WHERE caseId <> 'WH-SJJ-2024-0110' AND id > \(reserved)", importer) == 0)
        #expect(try count("SELECT COUNT(DISTINCT id) FROM event", importer) == count("SELECT COUNT(*) FROM event", importer))
        // One chain: the clerk's entry first, the file's after it, and every case vouched for.
        let journal = try importer.journal()
        let clerkEntry = try #require(journal.firstIndex { $0.subject == "WH-SJJ-2024-0110" })
        let firstOfFile = try #require(journal.firstIndex { $0.actor == "import" })
        #expect(clerkEntry < firstOfFile)
        #expect(try importer.verify().isIntact)
    }

    /// A file that fails after its reservation leaves nothing behind, the reservation included.
    @Test func aFileThatFailsWhileWritingLeavesNoReservation() throws {
        let folder = try TemporaryFolder()
        var writer = DataSetWriter(cases: StagedImport.threshold + 10, seed: 17, agencies: 2)
        writer.casesPerFile = 100_000
        _ = try writer.write(to: folder.url, calendar: Repository.calendar)
        let store = try CaseStore(location: try ThrowawayPostgres.newDatabase())
        #expect(store.importPaths([folder.file("registry.xml").path], actor: "test").failures.isEmpty)
        try store.holdOneSampleCase()
        // The database refuses the file's last case, as it would a disk that filled up: after the
        // reservation, inside the file's transaction.
        let text = try String(contentsOf: folder.file("cases/cases-0001.xml"), encoding: .utf8)
        let ids = text.matches(of: /<case id="([^"]+)"/).map { String($0.output.1) }
        let last = try #require(ids.last)
        try store.refuseCase(last)
        let report = store.importPaths([folder.file("cases").path], actor: "test")
        #expect(report.failures.count == 1)
        #expect(try store.caseCount() == 1)
        #expect(try count("SELECT COUNT(*) FROM importStage", store) == 0)
        #expect(try count("SELECT COUNT(*) FROM event WHERE caseId <> 'WH-SJJ-2024-0117'", store) == 0)
        #expect(try count("SELECT COUNT(*) FROM journal WHERE action = 'case.import'", store) == 1)
    }
}
