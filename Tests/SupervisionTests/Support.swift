import Audit
import CaseStore
import Foundation
import WorkCalendar

enum Repository {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let samples = root.appendingPathComponent("SampleCases")
    static let checklists = root.appendingPathComponent("Checklists")
}

func day(_ text: String) -> CalendarDate { CalendarDate(text)! }

enum Fixture {
    static let calendar: WorkingDayCalendar = try! WorkingDayCalendar.load(directory: Repository.checklists.appendingPathComponent("calendar"))
    static let national: Checklist = try! ChecklistLoader(directory: Repository.checklists).load("national")

    /// The sample cases in a fresh store, with an audit run as of 2026-11-22.
    static func sampleRun() throws -> (store: CaseStore, runner: AuditRunner, run: AuditRunRecord) {
        let store = try CaseStore.inMemory()
        let report = store.importPaths([Repository.samples.path], actor: "test")
        precondition(report.failures.isEmpty)
        let runner = AuditRunner(store: store, checklist: national, calendar: calendar)
        return (store, runner, try runner.run(asOf: day("2026-11-22"), actor: "test").run)
    }

    /// Every failed finding of the run, straight from the audit.
    static func failures(_ store: CaseStore, _ run: AuditRunRecord) throws -> [(caseId: String, finding: Finding)] {
        var all: [(String, Finding)] = []
        try AuditRunner.forEachCaseAudit(in: store, runId: run.id!) { audit in
            all += audit.failures.map { (audit.id, $0) }
        }
        return all
    }
}

final class TemporaryFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("zhifa-supervision-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func file(_ name: String) -> URL { url.appendingPathComponent(name) }
}

/// RFC 4180 CSV, the reader side, to check what the exporter wrote.
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
    var characters = Array(text)[...]
    while let c = characters.popFirst() {
        if quoted {
            if c == "\"" {
                if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
            } else { field.append(c) }
        } else if c == "\"" { quoted = true }
        else if c == "," { row.append(field); field = "" }
        else if c == "\r\n" || c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
        else { field.append(c) }
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}
