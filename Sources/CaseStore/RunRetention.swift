import Foundation
import GRDB

/// A stored audit run as `zhifa runs list` shows it.
public struct AuditRunListing: Sendable, Equatable {
    public var run: AuditRunRecord
    /// Result rows the run holds itself (a run built on a base holds few).
    public var ownResults: Int
}

/// What `pruneAuditRuns` removed and kept.
public struct AuditPruneReport: Sendable, Equatable {
    public var removed: [Int64]
    /// Runs kept although not asked for: a kept run takes results from them.
    public var keptAsNeeded: [Int64]
    public var kept: [Int64]
    /// Result rows deleted.
    public var results: Int
}

extension CaseStore {
    /// Every run, newest first, with the result rows each holds.
    public func auditRunListing() throws -> [AuditRunListing] {
        try read { db in
            let counts = await Dictionary(
                uniqueKeysWithValues: try db.fetchAll("SELECT runId, COUNT(*) AS n FROM \(RunRows.keyColumns(db)) GROUP BY runId").map {
                    ($0["runId"] as Int64, $0["n"] as Int)
                })
            return try await db.fetchRecords(AuditRunRecord.self, "SELECT * FROM auditRun ORDER BY id DESC").map {
                AuditRunListing(run: $0, ownResults: counts[$0.id ?? 0] ?? 0)
            }
        }
    }

    /// Removes complete audit runs but the newest `keepLatest` and those made on or after `since`
    /// (an ISO 8601 time or day), and never one a kept run takes results from: its base run, and
    /// every run that judged a result it or its base reused (`judgedIn`). Runs not complete (one
    /// being written, or shared among workers) are kept. Each run's results are deleted a chunk
    /// per transaction, so the store's one writer is never held for long; the removal is journaled.
    /// `dryRun`: says what would go, removes nothing.
    public func pruneAuditRuns(keepLatest: Int, since: String? = nil, actor: String, dryRun: Bool = false) throws -> AuditPruneReport {
        let plan = try read { db -> AuditPruneReport in
            let runs = try await db.fetchRecords(AuditRunRecord.self, "SELECT * FROM auditRun ORDER BY id DESC")
            let complete = runs.filter(\.complete)
            var asked = Set(complete.prefix(max(0, keepLatest)).compactMap(\.id))
            asked.formUnion(runs.filter { !$0.complete }.compactMap(\.id))
            if let since { asked.formUnion(runs.filter { $0.createdAt >= since }.compactMap(\.id)) }
            var needed = asked
            let bases = Set(runs.filter { asked.contains($0.id ?? -1) }.compactMap(\.baseRun))
            needed.formUnion(bases)
            for runId in asked.union(bases) {
                await needed.formUnion(
                    try db.fetchValues(
                        Int64.self, "SELECT DISTINCT judgedIn FROM \(RunRows.keyColumns(db)) WHERE r.runId = ? AND r.judgedIn IS NOT NULL", [runId]))
            }
            let removed = complete.compactMap(\.id).filter { !needed.contains($0) }.sorted()
            return AuditPruneReport(
                removed: removed, keptAsNeeded: needed.subtracting(asked).filter { id in runs.contains { $0.id == id } }.sorted(),
                kept: needed.sorted(), results: 0)
        }
        guard !dryRun, !plan.removed.isEmpty else { return plan }
        var report = plan
        var yield = WriterYield()
        for runId in plan.removed {
            while true {
                let deleted = try write { db -> Int in
                    let ids = try await db.fetchValues(
                        String.self, "SELECT caseId FROM auditResult WHERE runId = ? ORDER BY caseId LIMIT \(Self.pruneChunk)", [runId])
                    for chunk in SQLInList.chunks(ids, size: 256) {
                        try await db.execute("DELETE FROM auditResult WHERE runId = ? AND caseId IN \(chunk.placeholders)", [runId] + chunk.values)
                    }
                    return ids.count
                }
                report.results += deleted
                yield.afterTransaction()
                if deleted < Self.pruneChunk { break }
            }
        }
        try write { db in
            for chunk in stride(from: 0, to: plan.removed.count, by: 256) {
                let ids = Array(plan.removed[chunk..<min(plan.removed.count, chunk + 256)])
                let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
                let arguments = SQLArguments(ids.map { $0 as (any DatabaseValueConvertible)? })
                for table in ["auditTally", "runFigures", "auditWork", "auditPlan", "auditRun"] {
                    try await db.execute("DELETE FROM \(table) WHERE \(table == "auditRun" ? "id" : "runId") IN (\(placeholders))", arguments)
                }
            }
            try await JournalAppender(db: db, actor: actor, at: Self.timestamp()).append(
                .auditPrune, subject: "audit runs", contentHash: nil,
                detail: "removed \(plan.removed.map(String.init).joined(separator: " ")); \(report.results) results")
        }
        backend.checkpoint()
        return report
    }

    /// Results deleted per transaction: about a tenth of a second of writing.
    static let pruneChunk = 20_000
}
