import Audit
import AuditRuns
import CaseStore
import Checklists
import Foundation
@_exported import TestSupport
import WorkCalendar

enum Fixture {
    static let calendar = Repository.calendar
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

/// RFC 4180 CSV, the reader side, to check what the exporter wrote.
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var characters = Array(text)[...]
    while let c = characters.popFirst() {
        if quoted {
            if c == "\"" {
                if characters.first == "\"" {
                    field.append("\"")
                    characters.removeFirst()
                } else {
                    quoted = false
                }
            } else {
                field.append(c)
            }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            row.append(field)
            field = ""
        } else if c == "\r\n" || c == "\n" {
            row.append(field)
            rows.append(row)
            row = []
            field = ""
        } else {
            field.append(c)
        }
    }
    if !field.isEmpty || !row.isEmpty {
        row.append(field)
        rows.append(row)
    }
    return rows
}
