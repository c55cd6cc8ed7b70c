import CaseModel
import Foundation
import Generator
import Testing

@testable import CaseStore

/// On PostgreSQL an import writes two large files of cases at once, when neither holds a case or
/// a document of the other; everything else waits for the files before it. The store ends as if
/// the files had been written one after another, and they are reported in their order.
@Suite struct FileWritesTests {
    private static func footprint(_ ids: Set<String>, documents: Set<String> = []) -> FileWrites.Footprint {
        FileWrites.Footprint(caseIds: ids, documents: documents)
    }

    /// The schedule alone: a file beside another starts while that one is still writing; one that
    /// shares a case or a document, or has no footprint, waits for those before it.
    @Test func whichFilesAreWrittenTogether() throws {
        let writes = FileWrites()
        let log = Log()
        let releaseFirst = DispatchSemaphore(value: 0)
        let secondStarted = DispatchSemaphore(value: 0)
        writes.write(Self.footprint(["A-1", "A-2"])) {
            log.add("1 start")
            releaseFirst.wait()
            log.add("1 end")
            return Self.written("1")
        }
        writes.write(Self.footprint(["B-1"])) {
            log.add("2 start")
            secondStarted.signal()
            return Self.written("2")
        }
        // The second file went on while the first still held its transaction.
        #expect(secondStarted.wait(timeout: .now() + 10) == .success)
        #expect(log.entries.contains("2 start") && !log.entries.contains("1 end"))
        // Reported in order: nothing before the first file's result.
        #expect(writes.results().isEmpty)
        let waiter = Thread {
            // A case of the first file: waits until the first is written.
            writes.write(Self.footprint(["C-1"], documents: ["doc"])) {
                log.add("3 start")
                return Self.written("3")
            }
            writes.write(Self.footprint(["A-2"])) {
                log.add("4 start")
                return Self.written("4")
            }
            // No footprint (a registry, a small file): after everything before it.
            writes.write(nil) {
                log.add("5 start")
                return Self.written("5")
            }
        }
        waiter.start()
        Thread.sleep(forTimeInterval: 0.3)
        #expect(!log.entries.contains("4 start") && !log.entries.contains("5 start"))
        releaseFirst.signal()
        let deadline = Date().addingTimeInterval(10)
        while !log.entries.contains("5 start"), Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        let entries = log.entries
        let position = { (entry: String) in entries.firstIndex(of: entry) ?? Int.max }
        #expect(position("1 end") < position("4 start"))
        #expect(position("3 start") < position("5 start") && position("4 start") < position("5 start"))
        var paths: [String] = []
        var ready = writes.results(waiting: true)
        while !ready.isEmpty {
            paths += ready.map(\.result.path)
            ready = writes.results(waiting: true)
        }
        #expect(paths == ["1", "2", "3", "4", "5"])
        #expect(FileWrites.Footprint.init(caseIds: ["x"], documents: ["d"]).overlaps(Self.footprint(["y"], documents: ["d"])))
        #expect(!Self.footprint(["x"], documents: ["d"]).overlaps(Self.footprint(["y"], documents: ["e"])))
    }

    private static func written(_ path: String) -> FileWrites.Written {
        FileWrites.Written(result: FileImportResult(path: path, kind: nil, outcome: .imported(ImportCounts())))
    }

    /// Three large files and a fourth that corrects the first's cases: on PostgreSQL the first
    /// three are written two at a time, the fourth after the first. Every case is stored once, the
    /// corrections are the stored versions, the journal is one chain, and the files are reported
    /// in their order, as on SQLite, which writes one file at a time.
    @Test(arguments: Backend.allCases)
    func largeFilesEndAsIfWrittenOneAfterAnother(_ backend: Backend) throws {
        let folder = try TemporaryFolder()
        let perFile = StagedImport.threshold + 100
        var writer = DataSetWriter(cases: 3 * perFile, seed: 29, agencies: 2)
        writer.casesPerFile = perFile
        writer.documentRate = 0.2
        _ = try writer.write(to: folder.url, calendar: Repository.calendar)
        let first = try String(contentsOf: folder.file("cases/cases-0001.xml"), encoding: .utf8)
        let corrected = first.replacingOccurrences(of: "违法行为</matter>", with: "违法行为（更正）</matter>")
        let correctedCount = first.components(separatedBy: "违法行为</matter>").count - 1
        #expect(correctedCount > 100)
        try corrected.write(to: folder.file("cases/cases-0004.xml"), atomically: true, encoding: .utf8)

        let store = try backend.emptyStore()
        defer { store.close() }
        // A store in use: into an empty PostgreSQL store the files would be the first load (`FirstLoad`).
        try store.holdOneSampleCase()
        var order: [String] = []
        let report = store.importPaths([folder.url.path], actor: "test", progress: { order.append(URL(fileURLWithPath: $0.path).lastPathComponent) })
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(order.suffix(4) == ["cases-0001.xml", "cases-0002.xml", "cases-0003.xml", "cases-0004.xml"])
        #expect(report.totals.newCases == 3 * perFile)
        #expect(report.totals.replacedCases == correctedCount)
        #expect(try store.caseCount() == 3 * perFile + 1)
        let id = try #require(first.firstMatch(of: /<case id="([^"]+)"[^>]*>\s*<party[^>]*\/>\s*<matter[^>]*>违法行为<\/matter>/)?.output.1)
        let stored = try #require(try store.loadCase(id: String(id)))
        #expect(stored.matter?.text == "违法行为（更正）")
        #expect(try store.read { try await $0.fetchValue(Int.self, "SELECT COUNT(*) FROM importStage") } == 0)
        #expect(
            try store.read { try await $0.fetchValue(Int.self, "SELECT COUNT(DISTINCT id) FROM event") }
                == store.read { try await $0.fetchValue(Int.self, "SELECT COUNT(*) FROM event") })
        #expect(try store.verify().isIntact)
    }

    /// Of two large files written at once on PostgreSQL, one that the server refuses half-way
    /// leaves nothing, its reservation included; the other is stored whole; both are reported in
    /// their order.
    @Test func aFileRefusedBesideAnotherLeavesNothingAndTheOtherIsStored() throws {
        let folder = try TemporaryFolder()
        let perFile = StagedImport.threshold + 50
        var writer = DataSetWriter(cases: 2 * perFile, seed: 37, agencies: 2)
        writer.casesPerFile = perFile
        _ = try writer.write(to: folder.url, calendar: Repository.calendar)
        let store = try Backend.postgres.emptyStore()
        defer { store.close() }
        #expect(store.importPaths([folder.file("registry.xml").path], actor: "test").failures.isEmpty)
        try store.holdOneSampleCase()
        let first = try String(contentsOf: folder.file("cases/cases-0001.xml"), encoding: .utf8)
        let refused = try #require(first.matches(of: /<case id="([^"]+)"/).last.map { String($0.output.1) })
        try store.refuseCase(refused)
        let report = store.importPaths([folder.file("cases").path], actor: "test")
        #expect(report.files.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["cases-0001.xml", "cases-0002.xml"])
        #expect(report.files.map(\.succeeded) == [false, true])
        #expect(report.interruption == nil)
        #expect(try store.caseCount() == perFile + 1)
        #expect(try store.loadCase(id: refused) == nil)
        #expect(try store.read { try await $0.fetchValue(Int.self, "SELECT COUNT(*) FROM importStage") } == 0)
        #expect(try store.verify().isIntact)
    }
}

/// What the writes did, in the order they did it, from any thread.
private final class Log: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []

    func add(_ entry: String) { lock.withLock { list.append(entry) } }
    var entries: [String] { lock.withLock { list } }
}
