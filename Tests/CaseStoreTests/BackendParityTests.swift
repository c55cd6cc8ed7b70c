import AuditRuns
import CaseModel
import Checklists
import Foundation
import Generator
import Reports
import Testing
import WorkCalendar

@testable import CaseStore

/// The same files on SQLite and on PostgreSQL give the same audits, exports, listings and
/// `verify`; and `store copy` moves a whole store either way with its journal whole.
@Suite struct BackendParityTests {
    static let asOf = day("2025-06-30")

    /// Everything a reader of the store can see, as text; run ids and times are left out.
    private func outputs(of store: CaseStore) throws -> [String: String] {
        let runner = AuditRunner(store: store, checklist: try ChecklistLoader.bundled().load("national"), calendar: Repository.calendar)
        let run = try runner.run(asOf: Self.asOf, actor: "test").run
        var seen: [String: String] = [:]
        let json = ReportSink()
        try JSONAuditReport.write(run: run, store: store, includeAll: true, to: json)
        // Run ids and the times manual scores were given are the store's own; all else must agree.
        seen["audit.json"] = String(decoding: json.collected, as: UTF8.self)
            .replacingOccurrences(of: "\"run\":\(run.id!)", with: "\"run\":RUN")
            .replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"#, with: "TIME", options: .regularExpression)
        let folder = try TemporaryFolder()
        for format in [ExportFormat.csv, .json] {
            let file = folder.file("violations.\(format.rawValue)")
            _ = try ViolationExport.write(
                run: run, store: store, filter: ViolationFilter(from: day("2024-01-01"), to: day("2024-12-31")),
                format: format, to: file)
            seen["violations.\(format.rawValue)"] = try String(contentsOf: file, encoding: .utf8)
        }
        seen["annual.html"] = try AnnualReport.html(year: 2024, store: store, links: false)
        seen["summaries"] = "\(try store.caseSummaries())"
        for sort in CaseSort.allCases {
            var query = CaseQuery(text: "wh-", sort: sort, limit: 40, offset: 3)
            query.decidedFrom = day("2024-01-01")
            seen["search.\(sort.rawValue)"] = "\(try store.searchCases(query))"
        }
        seen["registry"] = "\(try store.registry())"
        seen["benchmarks"] = "\(try store.benchmarkSets())"
        // The next day's run reuses what still holds (one statement inside the database, then the
        // cases with manual scores one by one); read through the references, it is the fresh run.
        let next = try runner.run(asOf: day("2025-07-01"), actor: "test", reuse: false)
        let fresh = try runner.run(asOf: day("2025-07-01"), actor: "test", reuse: false, incremental: false)
        #expect(next.casesReused > (try store.caseCount()) / 2 && fresh.casesReused == 0, "\(next.casesReused)")
        seen["incremental"] = "\(next.casesReused) reused"
        for (name, summary) in [("incremental", next), ("fresh", fresh)] {
            let sink = ReportSink()
            try JSONAuditReport.write(run: summary.run, store: store, includeAll: true, to: sink)
            seen["\(name).json"] = String(decoding: sink.collected, as: UTF8.self)
                .replacingOccurrences(of: "\"run\":\(summary.run.id!)", with: "\"run\":RUN")
                .replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"#, with: "TIME", options: .regularExpression)
            let file = folder.file("\(name).csv")
            _ = try ViolationExport.write(
                run: summary.run, store: store, filter: ViolationFilter(from: day("2024-01-01"), to: day("2024-12-31")),
                format: .csv, to: file)
            seen["\(name).csv"] = try String(contentsOf: file, encoding: .utf8)
        }
        #expect(seen["incremental.json"] == seen["fresh.json"] && seen["incremental.csv"] == seen["fresh.csv"])
        let report = try store.verify()
        seen["verify"] = "\(report.isIntact) \(report.entriesChecked) \(report.casesChecked)"
        seen["history"] = "\(try store.history(caseId: "WH-SJJ-2024-0117").map { "\($0.version) \($0.contentHash)" })"
        return seen
    }

    private func importEverything(_ store: CaseStore, generated: URL) throws {
        var report = store.importPaths([Repository.samples.path], actor: "test")
        #expect(report.failures.isEmpty)
        report = store.importPaths([generated.path], actor: "test")
        #expect(report.failures.isEmpty, "\(report.failures.prefix(2).map(\.outcome))")
        // A replaced case (kept in history), a manual score, an account and an upload: every kind of row.
        let folder = try TemporaryFolder()
        let sample = try String(contentsOf: Repository.samples.appendingPathComponent("cases/WH-SJJ-2024-0117.xml"), encoding: .utf8)
        let changed = try folder.write("0117.xml", sample.replacingOccurrences(of: "芜湖某超市有限公司", with: "芜湖某超市股份有限公司"))
        #expect(try store.importFile(changed, actor: "test").replacedCases == 1)
        importExtras(store)
        try store.recordUpload(sha256: String(repeating: "b", count: 64), agency: "WH-SJJ", name: "b.pdf", size: 3, actor: "clerk")
    }

    @Test func theSamplesAndAGeneratedSetGiveTheSameResultsOnBothBackends() throws {
        let folder = try TemporaryFolder()
        _ = try DataSetWriter(cases: 1_500, seed: 14, agencies: 4).write(to: folder.url, calendar: Repository.calendar)
        let sqlite = try Backend.sqlite.emptyStore()
        let postgres = try Backend.postgres.emptyStore()
        try importEverything(sqlite, generated: folder.url)
        try importEverything(postgres, generated: folder.url)
        #expect(try sqlite.caseCount() == Repository.sampleCaseCount + 1_500)
        #expect(try sqlite.snapshot() == postgres.snapshot())
        let expected = try outputs(of: sqlite)
        let actual = try outputs(of: postgres)
        #expect(expected.keys.sorted() == actual.keys.sorted())
        for key in expected.keys.sorted() {
            #expect(expected[key] == actual[key], "\(key) differs between SQLite and PostgreSQL")

        }
        #expect(expected["verify"] == "true \(try sqlite.journal().count) \(Repository.sampleCaseCount + 1_500)")
    }

    @Test(arguments: [(Backend.sqlite, Backend.postgres), (Backend.postgres, Backend.sqlite)])
    func aStoreCopiesWholeEitherWay(_ from: Backend, _ to: Backend) throws {
        let source = try from.storeWithSampleRegistry()
        _ = source.importPaths([Repository.samples.appendingPathComponent("cases").path], actor: "test")
        importExtras(source)
        // A run stored before the copy: the copy's results read whole only with its template.
        let runner = AuditRunner(store: source, checklist: try ChecklistLoader.bundled().load("national"), calendar: Repository.calendar)
        let run = try runner.run(asOf: Self.asOf, actor: "test").run
        let target = try to.emptyStore()
        let counts = try source.copy(into: target)
        #expect(counts.cases == Repository.sampleCaseCount)
        #expect(counts.head == (try source.verify().head))
        let copied = try target.verify()
        #expect(copied.isIntact)
        #expect(copied.head == counts.head)
        #expect(try target.snapshot() == (try source.snapshot()))
        #expect(try outputs(of: target) == (try outputs(of: source)))
        #expect(try target.snapshot()["resulttemplate"] == 1)
        var copiedJSON: [String] = []
        try target.forEachAuditResult(runId: run.id!) { copiedJSON.append($0.audit) }
        var sourceJSON: [String] = []
        try source.forEachAuditResult(runId: run.id!) { sourceJSON.append($0.audit) }
        #expect(copiedJSON.count == Repository.sampleCaseCount && copiedJSON == sourceJSON)
        // Ids generated after the copy follow the copied ones, and the copy takes new writes.
        #expect(try target.recordManualScore(caseId: "WH-SJJ-2024-0204", item: "LAW", deduction: 1, note: "新", reviewer: "乙").note == "新")
        #expect(try target.manualScores().values.joined().count == 2)
        #expect(try target.verify().isIntact)
        // A store is copied only into an empty one.
        #expect(throws: StoreError.copyTargetNotEmpty("agency")) { try source.copy(into: target) }
    }

    private func importExtras(_ store: CaseStore) {
        #expect((try? store.recordManualScore(caseId: "WH-SJJ-2024-0117", item: "FACTS", deduction: 2, note: "事实欠清", reviewer: "甲")) != nil)
        #expect((try? store.addAccount(name: "clerk", role: .clerk, agency: "WH-SJJ", passwordHash: "x", actor: "admin")) != nil)
    }
}
