import Audit
import AuditRuns
import CaseStore
import Foundation
import Reports
import Testing

@Suite struct RunnerTests {
    func sampleStore() throws -> CaseStore {
        let store = try CaseStore.inMemory()
        let report = store.importPaths([Repository.samples.path], actor: "test")
        #expect(report.failures.isEmpty)
        return store
    }

    func audits(_ store: CaseStore, _ runId: Int64) throws -> [CaseAudit] {
        var all: [CaseAudit] = []
        try AuditRunner.forEachCaseAudit(in: store, runId: runId) { all.append($0) }
        return all
    }

    @Test func storesARunAndReusesItForTheSameInputs() throws {
        let store = try sampleStore()
        let runner = AuditRunner(store: store, checklist: Fixture.national, calendar: Fixture.calendar)
        let first = try runner.run(asOf: day("2026-11-22"), actor: "审查员", batchSize: 7)
        #expect(!first.reused && first.run.complete && first.run.caseCount == Repository.sampleCaseCount)
        let again = try runner.run(asOf: day("2026-11-22"), actor: "审查员")
        #expect(again.reused && again.run.id == first.run.id)
        let fresh = try runner.run(asOf: day("2026-11-22"), actor: "审查员", reuse: false)
        #expect(fresh.run.id != first.run.id)
        #expect(try audits(store, fresh.run.id!) == audits(store, first.run.id!), "same inputs, same results")
        #expect(try store.journal().last?.action == "audit.run")
    }

    @Test func aChangedInputIsANewRun() throws {
        let store = try sampleStore()
        let runner = AuditRunner(store: store, checklist: Fixture.national, calendar: Fixture.calendar)
        let first = try runner.run(asOf: day("2026-11-22"), actor: "t")
        #expect(try !runner.run(asOf: day("2026-11-21"), actor: "t").reused)
        #expect(try !runner.run(asOf: day("2026-11-22"), selection: AuditSelection(agency: "WH-CGJ"), actor: "t").reused)
        let market = try AuditRunner(store: store, checklist: Fixture.loader.load("market-regulation"), calendar: Fixture.calendar)
        #expect(try !market.run(asOf: day("2026-11-22"), actor: "t").reused)
        try store.recordManualScore(caseId: "WH-SJJ-2024-0117", item: "FACTS", deduction: 2, note: "事实认定依据不足", reviewer: "陈某")
        let afterReview = try runner.run(asOf: day("2026-11-22"), actor: "t")
        #expect(!afterReview.reused)
        let scored = try audits(store, afterReview.run.id!).first { $0.id == "WH-SJJ-2024-0117" }
        #expect(scored?.score == 98)
        #expect(try audits(store, first.run.id!).first { $0.id == "WH-SJJ-2024-0117" }?.score == 100)
        #expect(try store.journal().contains { $0.action == "review.score" && $0.actor == "陈某" && $0.subject == "WH-SJJ-2024-0117" })
    }

    @Test func selectsCasesByIdAndAgency() throws {
        let store = try sampleStore()
        let runner = AuditRunner(store: store, checklist: Fixture.national, calendar: Fixture.calendar)
        let one = try runner.run(asOf: day("2026-11-22"), selection: AuditSelection(caseIds: ["WH-SJJ-2024-0204"]), actor: "t")
        #expect(try audits(store, one.run.id!).map(\.id) == ["WH-SJJ-2024-0204"])
        let agency = try runner.run(asOf: day("2026-11-22"), selection: AuditSelection(agency: "WH-HBJ"), actor: "t")
        #expect(try audits(store, agency.run.id!).count == 5)
    }

    @Test func writesTheJSONShapeOfTheRuleCatalogue() throws {
        let store = try sampleStore()
        let run = try AuditRunner(store: store, checklist: Fixture.national, calendar: Fixture.calendar).run(asOf: day("2026-11-22"), actor: "t")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sink = try ReportSink(path: path)
        try JSONAuditReport.write(run: run.run, store: store, includeAll: false, to: sink)
        try sink.close()
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        #expect(document["checklist"] as? String == "national")
        #expect(document["asOf"] as? String == "2026-11-22")
        let cases = document["cases"] as! [[String: Any]]
        #expect(cases.count == Repository.sampleCaseCount)
        let late = cases.first { $0["id"] as? String == "WH-SJJ-2024-0204" }!
        #expect(late["score"] as? Double == 97)
        #expect(late["grade"] as? String == "优秀")
        #expect(late["veto"] as? Bool == false)
        let finding = (late["findings"] as! [[String: Any]]).first { $0["rule"] as? String == "DISCLOSE-LATE" }!
        #expect(finding["status"] as? String == "fail")
        #expect(finding["severity"] as? String == "major")
        #expect(finding["deduction"] as? Double == 3)
        #expect(finding["deadline"] as? String == "2024-02-20")
        #expect((finding["message"] as? String)?.contains("2024-02-21") == true)
        let statuses = Set(cases.flatMap { ($0["findings"] as! [[String: Any]]).compactMap { $0["status"] as? String } })
        #expect(statuses == ["fail", "manual"], "without --all only failures and manual items are listed")
    }
}
