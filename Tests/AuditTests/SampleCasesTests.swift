import Audit
import AuditRuns
import CaseStore
import Foundation
import Testing

/// The sample cases audit to exactly the failures SampleCases/README.md predicts.
@Suite struct SampleCasesTests {
    /// `| case | failing rules | what it shows |` rows of the README.
    static func predictions() throws -> [String: Set<String>] {
        let readme = try String(contentsOf: Repository.samples.appendingPathComponent("README.md"), encoding: .utf8)
        var expected: [String: Set<String>] = [:]
        for line in readme.split(separator: "\n") where line.hasPrefix("| WH-") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            expected[cells[0]] = cells[1] == "—" ? [] : Set(cells[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }
        return expected
    }

    @Test func auditToWhatTheReadmePredicts() throws {
        let store = try CaseStore.inMemory()
        #expect(store.importPaths([Repository.samples.path], actor: "test").failures.isEmpty)
        let run = try AuditRunner(store: store, checklist: Fixture.national, calendar: Fixture.calendar).run(asOf: day("2026-11-22"), actor: "t")
        let expected = try Self.predictions()
        var seen = 0
        try AuditRunner.forEachCaseAudit(in: store, runId: run.run.id!) { audit in
            seen += 1
            let failing = Set(audit.failures.filter { RuleCatalogue.rule($0.rule) != nil }.map(\.rule))
            #expect(failing == expected[audit.id], "\(audit.id)")
            #expect(!audit.findings.contains { $0.status == .manual && RuleCatalogue.rule($0.rule) != nil }, "\(audit.id) left a rule undecided")
        }
        #expect(seen == expected.count)
        #expect(seen == Repository.sampleCaseCount)
    }

    @Test func marketRegulationTreatsTwentyWorkingDaysAsInTime() throws {
        let store = try CaseStore.inMemory()
        _ = store.importPaths([Repository.samples.path], actor: "test")
        let market = try Fixture.loader.load("market-regulation")
        let run = try AuditRunner(store: store, checklist: market, calendar: Fixture.calendar)
            .run(asOf: day("2026-11-22"), selection: AuditSelection(caseIds: ["WH-SJJ-2024-0204"]), actor: "t")
        try AuditRunner.forEachCaseAudit(in: store, runId: run.run.id!) { audit in
            #expect(!audit.failures.contains { $0.rule == "DISCLOSE-LATE" })
        }
    }
}
