import GRDB

/// The stored rows that make up a run's results. A run built on a base run (`AuditRunRecord.baseRun`)
/// holds rows only for the cases it judged or took from a run other than its base; every other case
/// of the store has its result in the base's row. An incremental run after a day's changes so writes
/// a few thousand rows instead of copying every unchanged case's row.
///
/// Every reader of a run's results goes through this type: a query is written once against the
/// alias `r` and run for each part, the run's own rows and the base's rows it does not override,
/// joined by `UNION ALL`. Ordered by case id, both databases merge the two parts as they come in
/// key order from the primary key, with no sort; a run without a base has one part only.
struct RunRows: Sendable, Equatable {
    var runId: Int64
    var baseRun: Int64?

    /// The rows of run `runId` as stored (`baseRun` read from the run's record).
    static func of(_ runId: Int64, _ db: any SQLConnection) async throws -> RunRows {
        await RunRows(runId: runId, baseRun: try db.fetchOne("SELECT baseRun FROM auditRun WHERE id = ?", [runId])?["baseRun"])
    }

    /// The results table as `r`, for a query that reads no result's JSON: on SQLite through
    /// `auditResultKeys`, which holds every other column. Through the table SQLite would look each
    /// row up by its primary key and walk the JSON stored before the columns read; its planner
    /// prefers that index, so it is named. PostgreSQL keeps long JSON out of line and chooses alone.
    static func keyColumns(_ db: any SQLConnection) -> String {
        db.kind == .sqlite ? "auditResult r INDEXED BY auditResultKeys" : "auditResult r"
    }

    /// Each part's condition on the alias `r` (an `auditResult` row, or `auditResultRead`'s), with
    /// its arguments.
    var parts: [(condition: String, arguments: SQLArguments)] {
        var parts: [(condition: String, arguments: SQLArguments)] = [("r.runId = ?", [runId])]
        if let baseRun {
            // NOT IN, not NOT EXISTS: the run's own few ids are gathered once into a set that each of
            // the base's rows is looked up in (SQLite's list subquery, PostgreSQL's hashed subplan),
            // rather than each base row searching the index of every run's results.
            parts.append(("r.runId = ? AND r.caseId NOT IN (SELECT o.caseId FROM auditResult o WHERE o.runId = ?)", [baseRun, runId]))
        }
        return parts
    }

    /// `select(condition)` for every part, joined by `UNION ALL`; `arguments` follow each part's
    /// own (a select's arguments after its condition's, `extra`, are repeated for each part).
    func union(_ select: (String) -> String, extra: SQLArguments = []) -> (sql: String, arguments: SQLArguments) {
        let parts = self.parts
        return (
            parts.map { select($0.condition) }.joined(separator: "\nUNION ALL\n"),
            parts.flatMap { $0.arguments + extra }
        )
    }
}
