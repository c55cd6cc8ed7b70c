import GRDB
import WorkCalendar

/// Which cases a run must compare with the latest run's results, when the latest run can say.
///
/// A run records the journal's newest entry as it begins (`AuditRunRecord.journalSeq`), in the
/// write transaction that selects its cases; every case is stored under the same write lock, with
/// its journal entry. So a case with no `case.import` or `case.replace` entry after that number
/// is, version for version, the case the latest run took or judged; and when the latest run covered
/// the store, it holds a result for it whose window contains the latest run's day (a judged
/// window always contains its day, `EnforcementCase.standingWindow`; a taken one was checked
/// on it). On a day no earlier than that, such a result can fail to hold only if its window ends
/// (or it had manual scores, or no keys at all): the few results of v28's partial index. The cases
/// to compare are therefore those entries' cases, those results' cases and the cases with manual
/// scores; the comparison itself is the one every case went through before, so the set can
/// only be wider than needed, never narrower.
enum ReuseCandidates {
    /// The results whose reuse lapses on some day or was never possible, as v28's partial index
    /// names them: the last day a window can end on (`CalendarDate.latest`) is literal, since a
    /// shipped migration's text never changes. A query gives the same text, which is how SQLite
    /// knows the index holds every row it selects.
    static let lapsing = "reuseUntil IS NULL OR reuseUntil < 2932896 OR manualDigest <> ''"

    /// v28 on SQLite (`PostgresSchema.v28` the same): the journal's position at a run's start, and
    /// the index of the results whose reuse may lapse. Partial, so that a fresh run's hundred
    /// thousand results pay only for the one in fifty or so that have a last day.
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE auditRun ADD COLUMN journalSeq INTEGER")
        try db.execute(sql: "CREATE INDEX auditResult_lapsing ON auditResult(runId, caseId) WHERE \(lapsing)")
    }

    /// The journal number after which `latest`'s results must be compared case by case only for
    /// the candidates: nil (compare every case) when `latest` did not cover the store, was begun
    /// before v28, or judged a later day than `day` (a result's window may start after `day`).
    static func changedSince(latest: AuditRunRecord, day: CalendarDate) -> Int64? {
        guard latest.coversStore == true, day >= latest.asOf else { return nil }
        return latest.journalSeq
    }

    /// A subquery of the candidates' ids (some more than once) for journal number `seq`, and its
    /// arguments: the cases stored since, the lapsing results of runs `runs`, the cases with
    /// manual scores.
    static func subquery(since seq: Int64, runs: [Int64], on kind: SQLBackendKind) -> (sql: String, arguments: SQLArguments) {
        let placeholders = runs.map { _ in "?" }.joined(separator: ", ")
        // Named on SQLite, which would otherwise walk every result of the runs in the covering
        // `auditResultKeys` (10 to 20 ms at 100,000 cases, against under one).
        let lapsingResults = kind == .sqlite ? "auditResult l INDEXED BY auditResult_lapsing" : "auditResult l"
        let sql = """
            SELECT j.subject FROM journal j WHERE j.seq > ? AND j.action IN (?, ?)
            UNION ALL SELECT l.caseId FROM \(lapsingResults) WHERE l.runId IN (\(placeholders)) AND (\(lapsing))
            UNION ALL SELECT m.caseId FROM manualScore m
            """
        return (sql, [seq, JournalAction.caseImport.rawValue, JournalAction.caseReplace.rawValue] + SQLArguments(runs))
    }
}

extension PostgresSchema {
    static let v28 = """
        ALTER TABLE auditRun ADD COLUMN journalSeq BIGINT;
        CREATE INDEX auditResult_lapsing ON auditResult(runId, caseId) WHERE \(ReuseCandidates.lapsing);
        """
}
