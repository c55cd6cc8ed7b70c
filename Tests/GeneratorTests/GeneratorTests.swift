import Audit
import AuditRuns
import CaseModel
import CaseStore
import Checklists
import Foundation
import Generator
import TestSupport
import Testing
import WorkCalendar

@Suite struct GeneratorTests {
    static let calendar = Repository.calendar
    static let national = try! ChecklistLoader(directory: Repository.checklists).load("national")

    @Test func everyCaseFailsExactlyTheRulesOfItsPlantedDefect() throws {
        let agencies = SyntheticAgencies(agencyCount: 8)
        let auditor = try CaseAuditor(checklist: Self.national, calendar: Self.calendar, registry: agencies.registry, benchmarks: agencies.benchmarks)
        var factory = CaseFactory(agencies: agencies, calendar: Self.calendar)
        factory.defectRate = 0.5
        var rng = SeededGenerator(seed: 42)
        var planted: [Defect: Int] = [:]
        var clean = 0
        let asOf = CalendarDate(year: 2026, month: 11, day: 22)!
        for index in 0..<3_000 {
            let (c, defect) = factory.make(index, using: &rng)
            let failing = Set(auditor.audit(c, asOf: asOf).failures.filter { RuleCatalogue.rule($0.rule) != nil }.map(\.rule))
            let expected = defect?.rules ?? []
            #expect(failing == expected, "\(c.id) planted \(defect?.rawValue ?? "nothing"): \(failing.sorted())")
            if let defect { planted[defect, default: 0] += 1 } else { clean += 1 }
        }
        #expect(Set(planted.keys) == Set(Defect.allCases), "every defect is planted at least once")
        #expect(clean > 1_000)
    }

    @Test func theSameSeedWritesTheSameFiles() throws {
        func write(_ seed: UInt64) throws -> [String: Data] {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhifa-gen-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            var writer = DataSetWriter(cases: 2_500, seed: seed, agencies: 3)
            writer.casesPerFile = 1_000
            let summary = try writer.write(to: folder, calendar: Self.calendar)
            #expect(summary.cases == 2_500)
            return try Dictionary(
                uniqueKeysWithValues: summary.files.map {
                    ($0.path.replacingOccurrences(of: folder.path, with: ""), try Data(contentsOf: $0))
                })
        }
        let first = try write(9)
        let again = try write(9)
        let other = try write(10)
        #expect(first == again)
        #expect(first.keys.filter { $0.hasPrefix("/cases/") }.sorted() == ["/cases/cases-0001.xml", "/cases/cases-0002.xml", "/cases/cases-0003.xml"])
        #expect(first["/cases/cases-0001.xml"] != other["/cases/cases-0001.xml"])
    }

    @Test func writesFilesTheImporterAcceptsAndTheAuditAgreesWith() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhifa-gen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = try DataSetWriter(cases: 1_200, seed: 5, agencies: 4).write(to: folder, calendar: Self.calendar)
        let store = try CaseStore.inMemory()
        let report = store.importPaths([folder.path], actor: "test")
        #expect(report.failures.isEmpty, "\(report.failures.map(\.outcome))")
        #expect(try store.caseCount() == 1_200)
        let run = try AuditRunner(store: store, checklist: Self.national, calendar: Self.calendar)
            .run(asOf: CalendarDate(year: 2026, month: 11, day: 22)!, actor: "test")
        var failingCases = 0
        try AuditRunner.forEachCaseAudit(in: store, runId: run.run.id!) { audit in
            if audit.failures.contains(where: { RuleCatalogue.rule($0.rule) != nil }) { failingCases += 1 }
        }
        #expect(failingCases == summary.defects.values.reduce(0, +))
        #expect(try store.verify().isIntact)
    }
}
