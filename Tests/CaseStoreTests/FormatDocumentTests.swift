import Audit
import AuditRuns
import Checklists
import Foundation
import TestSupport
import Testing

@testable import CaseStore

/// docs/format.md is the contract vendors read: its examples must be what Zhifa accepts, and the
/// example cases, described as handled right, must audit clean.
@Suite struct FormatDocumentTests {
    static func examples() throws -> [String] {
        let text = try String(contentsOf: Repository.root.appendingPathComponent("docs/format.md"), encoding: .utf8)
        return text.components(separatedBy: "```xml\n").dropFirst().map { $0.components(separatedBy: "\n```")[0] }
    }

    @Test(arguments: Backend.allCases)
    func everyExampleImportsAndTheExampleCasesAuditClean(_ backend: Backend) throws {
        let examples = try Self.examples()
        #expect(examples.count == 4)
        let folder = try TemporaryFolder()
        for (index, example) in examples.enumerated() {
            try Data(example.utf8).write(to: folder.url.appendingPathComponent("example-\(index).xml"))
        }
        let store = try backend.emptyStore()
        let report = store.importPaths([folder.url.path], actor: "test")
        #expect(report.failures.isEmpty, "\(report.failures.map(\.outcome))")
        #expect(report.totals.newCases == 3 && report.totals.officers == 5 && report.totals.benchmarkItems == 2)
        let runner = AuditRunner(
            store: store, checklist: try ChecklistLoader(directory: Repository.checklists).load("national"),
            calendar: Repository.calendar)
        let run = try runner.run(asOf: day("2026-11-22"), actor: "test").run
        var audited = 0
        try AuditRunner.forEachCaseAudit(in: store, runId: run.id!) { audit in
            audited += 1
            let failing = audit.failures.map(\.rule)
            #expect(failing.isEmpty, "\(audit.id) fails \(failing): \(audit.failures.map(\.message))")
        }
        #expect(audited == 3)
    }

    @Test(arguments: Backend.allCases)
    func aBrokenExampleIsRefusedWithItsLine(_ backend: Backend) throws {
        let broken = try Self.examples()[2].replacingOccurrences(of: "date=\"2024-03-28\"", with: "date=\"2024-03-32\"")
        let folder = try TemporaryFolder()
        try Data(broken.utf8).write(to: folder.url.appendingPathComponent("broken.xml"))
        let report = try backend.emptyStore().importPaths([folder.url.path], actor: "test")
        #expect(report.failures.count == 1)
        let outcome = "\(report.failures.first?.outcome as Any)"
        #expect(outcome.contains("2024-03-32"))
    }
}
