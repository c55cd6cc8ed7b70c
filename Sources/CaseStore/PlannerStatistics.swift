import Foundation

/// PostgreSQL plans by its statistics of each table, which autovacuum renews only a minute or
/// more after a large write; until then it plans as for the table before the write. The store
/// renews them itself (`ANALYZE` samples the tables and blocks no writer) after a write of at least
/// 500 rows and a tenth of what the table held, or of 50,000 rows whatever it held. SQLite's plans
/// of these queries do not depend on statistics (`RunRows.keyColumns`).
extension CaseStore {
    /// After a run: the queries over results (which results still hold, a base's rows) were
    /// planned as for the table before the run, several times slower (docs/performance.md,
    /// footnote ⁵). An incremental run's few rows renew nothing.
    func renewResultStatistics(afterRun runId: Int64) throws {
        guard backendKind == .postgres else { return }
        let worthIt = try readPrimary { db -> Bool in
            let needed = Self.rowsThatRenewStatistics(estimatedRows: try await Self.estimatedRows(of: "auditresult", db))
            // Counted only as far as needed: a fresh run at a million cases has a million rows.
            let written =
                try await db.fetchValue(
                    Int.self, "SELECT COUNT(*) FROM (SELECT 1 FROM auditResult WHERE runId = ? LIMIT ?) w",
                    [runId, needed]) ?? 0
            return written >= needed
        }
        guard worthIt else { return }
        try backend.writeOutsideJournal { try await Self.analyze(["auditResult"], sampling: Self.keyedSample, $0) }
    }

    /// After an import: a case page's reads of events' records and officers scanned whole tables
    /// (10 ms instead of 0.1 at 10,000 cases).
    func renewCaseStatistics(afterWriting cases: Int) throws {
        guard backendKind == .postgres, cases >= Self.rowsThatRenewStatistics(estimatedRows: -1) else { return }
        let estimated = try readPrimary { try await Self.estimatedRows(of: "enforcementcase", $0) }
        guard cases >= Self.rowsThatRenewStatistics(estimatedRows: estimated) else { return }
        try backend.writeOutsideJournal { db in
            try await Self.analyze(["enforcementCase"], sampling: nil, db)
            try await Self.analyze(Self.caseTables.filter { $0 != "enforcementCase" }, sampling: Self.keyedSample, db)
        }
    }

    /// The statistics target for tables read only by their keys (a run's results by run and case,
    /// a case's parts by case or event): PostgreSQL samples 300 rows a unit of target, so 10
    /// samples 3,000 rows instead of the default's 30,000, in about a tenth of the time
    /// (docs/performance.md), and still counts the rows, each run's share of the results and a
    /// key's rows as the plans of those reads need them. The cases themselves keep the default:
    /// listings and figures filter them by agency, date and kind.
    static let keyedSample = 10

    /// `ANALYZE tables`, sampling by `target` (nil: the server's default) for this transaction.
    ///
    /// A table autovacuum is vacuuming (woken by the very rows a run wrote) is waited for: the
    /// server cancels autovacuum for a waiting command after `deadlock_timeout`, a second. Left to
    /// autovacuum (`SKIP_LOCKED`), the next run was planned on the old statistics until it had
    /// analyzed the table (docs/performance.md).
    private static func analyze(_ tables: [String], sampling target: Int?, _ db: any SQLConnection) async throws {
        if let target { try await db.execute("SET LOCAL default_statistics_target = \(target)") }
        try await db.execute("ANALYZE " + tables.joined(separator: ", "))
    }

    /// The tables that hold the cases as imported.
    static let caseTables = [
        "enforcementCase", "party", "event", "eventOfficer", "record", "outcome", "penalty", "baseAmount", "disclosure", "caseHistory"
    ]

    /// The rows PostgreSQL last counted in `table` (lower case): -1 until it was first analyzed.
    private static func estimatedRows(of table: String, _ db: any SQLConnection) async throws -> Double {
        try await db.fetchValue(Double.self, "SELECT reltuples::float8 FROM pg_class WHERE oid = CAST(? AS regclass)", [table]) ?? -1
    }

    /// How many rows a write must have added to renew the statistics of a table PostgreSQL last
    /// estimated at `estimatedRows` (which count those rows only once analyzed; -1: never
    /// analyzed): 500, and a tenth of the estimate, at most 50,000. In a store that keeps many
    /// runs a fresh run was less than a tenth of the results, and the statistics never heard of
    /// it: the next day's run looked up its base's rows through the wrong index, 37 ms a thousand
    /// against 4 ms once analyzed (docs/performance.md).
    static func rowsThatRenewStatistics(estimatedRows: Double) -> Int {
        guard estimatedRows.isFinite, estimatedRows > 0 else { return 500 }
        return max(500, min(50_000, Int((min(estimatedRows, 1e15) / 10).rounded(.up))))
    }
}
