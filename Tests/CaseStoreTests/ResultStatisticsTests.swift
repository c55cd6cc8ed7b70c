import AuditRuns
import CaseModel
import Checklists
import Foundation
import Generator
import Testing

@testable import CaseStore

/// On PostgreSQL a run that wrote a large share of `auditResult` renews its planner statistics at
/// once (`CaseStore.renewResultStatistics`); a small run leaves them to autovacuum, which the test
/// turns off on the table so that only Zhifa's own `ANALYZE` can set `last_analyze`.
@Suite struct ResultStatisticsTests {
    /// How many bounds PostgreSQL keeps of `column`'s histogram: at most the statistics target
    /// and one.
    private func histogramBounds(_ store: CaseStore, _ table: String, _ column: String) throws -> Int {
        try store.read { db in
            try await db.fetchValue(
                Int.self, "SELECT array_length(histogram_bounds::text::text[], 1) FROM pg_stats WHERE tablename = ? AND attname = ?",
                [table, column])
        } ?? 0
    }

    private func lastAnalyze(_ store: CaseStore, _ table: String = "auditresult") throws -> String? {
        try store.read { db in
            try await db.fetchValue(String.self, "SELECT last_analyze::text FROM pg_stat_user_tables WHERE relname = ?", [table])
        }
    }

    @Test func aRunRenewsThemWhenItWroteFiveHundredRowsAndATenthOfTheTableOrFiftyThousand() {
        #expect(CaseStore.rowsThatRenewStatistics(estimatedRows: -1) == 500, "never analyzed")
        #expect(CaseStore.rowsThatRenewStatistics(estimatedRows: 4_000) == 500)
        #expect(CaseStore.rowsThatRenewStatistics(estimatedRows: 100_000) == 10_000)
        #expect(CaseStore.rowsThatRenewStatistics(estimatedRows: 100_001) == 10_001)
        #expect(CaseStore.rowsThatRenewStatistics(estimatedRows: 200_000) > 2_500, "not after an audit of 1% changed")
        #expect(CaseStore.rowsThatRenewStatistics(estimatedRows: 499_990) == 49_999)
        #expect(CaseStore.rowsThatRenewStatistics(estimatedRows: 500_010) == 50_000)
        #expect(CaseStore.rowsThatRenewStatistics(estimatedRows: 8_000_000) == 50_000, "a fresh run of a city among many kept runs")
        #expect(CaseStore.rowsThatRenewStatistics(estimatedRows: 1e30) == 50_000, "an absurd estimate is bounded")
        #expect(CaseStore.rowsThatRenewStatistics(estimatedRows: .nan) == 500 && CaseStore.rowsThatRenewStatistics(estimatedRows: .infinity) == 500)
    }

    @Test func aLargeRunRenewsThePlannersStatisticsAndASmallOneDoesNot() throws {
        let store = try Backend.postgres.emptyStore()
        try store.tamper("ALTER TABLE auditResult SET (autovacuum_enabled = false)")
        #expect(store.importPaths([Repository.samples.path], actor: "test").failures.isEmpty)
        let runner = AuditRunner(
            store: store, checklist: try ChecklistLoader(directory: Repository.checklists).load("national"),
            calendar: Repository.calendar)

        // The samples' rows: below the 500 that a run must write.
        _ = try runner.run(asOf: day("2026-11-22"), actor: "test", reuse: false, incremental: false)
        #expect(try lastAnalyze(store) == nil)

        let folder = try TemporaryFolder()
        _ = try DataSetWriter(cases: 600, seed: 7, agencies: 2).write(to: folder.url, calendar: Repository.calendar)
        #expect(store.importPaths([folder.url.path], actor: "test").failures.isEmpty)
        let fresh = try runner.run(asOf: day("2026-11-22"), actor: "test", reuse: false, incremental: false)
        #expect(fresh.run.caseCount == 600 + Repository.sampleCaseCount)
        let renewed = try #require(try lastAnalyze(store), "600 rows and the samples', most of the table")
        let estimated = try store.read { try await $0.fetchValue(Double.self, "SELECT reltuples::float8 FROM pg_class WHERE relname = 'auditresult'", []) }
        #expect(estimated == Double(600 + 2 * Repository.sampleCaseCount), "the statistics count both runs' rows")
        // Sampled as a table read by its keys (`keyedSample`): a histogram of 11 bounds, not 101.
        #expect((2...CaseStore.keyedSample + 1).contains(try histogramBounds(store, "auditresult", "caseid")))

        // A run after a few changes writes a few rows of its own: the statistics stay as they were.
        let sample = try #require(try store.loadCase(id: "WH-SJJ-2024-0117"))
        var corrected = sample
        corrected.party.name += "（更正）"
        try store.save(corrected, actor: "test", source: "test")
        let incremental = try runner.run(asOf: day("2026-11-23"), actor: "test")
        #expect(incremental.casesReused > 600)
        #expect(try lastAnalyze(store) == renewed)
    }

    /// Until the statistics of the case tables count a large import's rows, PostgreSQL read a
    /// case's records by scanning the whole table: the import renews them itself.
    @Test func aLargeImportRenewsTheCaseTablesStatisticsAndASmallOneDoesNot() throws {
        let store = try Backend.postgres.emptyStore()
        try store.tamper(
            "ALTER TABLE record SET (autovacuum_enabled = false)", "ALTER TABLE enforcementCase SET (autovacuum_enabled = false)")
        #expect(store.importPaths([Repository.samples.path], actor: "test").failures.isEmpty)
        #expect(try lastAnalyze(store, "record") == nil, "the samples: below the 500 that renew them")

        let folder = try TemporaryFolder()
        _ = try DataSetWriter(cases: 600, seed: 7, agencies: 2).write(to: folder.url, calendar: Repository.calendar)
        #expect(store.importPaths([folder.url.path], actor: "test").failures.isEmpty)
        #expect(try lastAnalyze(store, "record") != nil && lastAnalyze(store, "enforcementcase") != nil)
        // The parts sampled as tables read by their keys; the cases, which listings filter by
        // agency and date, by the server's default.
        #expect((2...CaseStore.keyedSample + 1).contains(try histogramBounds(store, "event", "id")))
        #expect(try histogramBounds(store, "enforcementcase", "id") > CaseStore.keyedSample + 1)
        let id = try #require(try store.caseIds().last)
        let plan = try store.read { db in
            try await db.fetchAll(
                "EXPLAIN SELECT r.eventId, r.position FROM record r JOIN event e ON e.id = r.eventId WHERE e.caseId BETWEEN ? AND ?",
                [id, id]
            ).map { $0[0] as String }.joined(separator: "\n")
        }
        #expect(!plan.contains("Seq Scan on record"), "\(plan)")
    }
}
