import CaseModel
import GRDB
import WorkCalendar

/// The statements by which a new run takes the results of the latest run that still hold
/// (`CaseStore.beginAuditRun(_:reusing:…)`), inside its write transaction. The latest run's results
/// lie in two parts: the rows it holds itself when it was built on a base ("own"), and the base's
/// rows it holds none of, or all its rows when it has no base ("base"). A case's result holds on
/// `day` when its version is the one judged, it had and has no manual score, and `day` lies in the
/// days the judgment holds; cases with manual scores are compared one by one.
struct ReuseInto {
    let db: any SQLConnection
    let runId: Int64
    let latest: Int64
    let latestBase: Int64?
    let day: CalendarDate
    let agency: String?
    /// The journal number after which only `ReuseCandidates` need comparing; nil, every case.
    let changedSince: Int64?

    /// The results as `r`, by their key columns alone (`RunRows.keyColumns`).
    private var results: String { RunRows.keyColumns(db) }

    /// `r`'s result holds for its case `c` on `day`, by the stored columns.
    private var holds: String {
        "r.caseVersion = c.version AND \(holdsForAVersion) AND NOT EXISTS (SELECT 1 FROM manualScore m WHERE m.caseId = r.caseId)"
    }
    /// `r`'s result holds on `day` for the version it judged, had no manual score, and `day` lies in its window.
    private var holdsForAVersion: String { "r.reuseFrom <= ? AND r.reuseUntil >= ? AND r.manualDigest = ''" }
    private var days: SQLArguments { [Int(day.dayNumber), Int(day.dayNumber)] }

    /// The latest run's parts as `RunRows` gives them: its own rows first, then its base's rows it
    /// holds none of; one part, all its rows, when it has no base.
    private var parts: [(condition: String, arguments: SQLArguments)] { RunRows(runId: latest, baseRun: latestBase).parts }
    /// The base part's rows of the latest run (all its rows when it has no base).
    private var basePart: (condition: String, arguments: SQLArguments) { parts[parts.count - 1] }
    /// The rows the latest run holds itself.
    private var ownPart: (condition: String, arguments: SQLArguments) { parts[0] }

    /// The selection's cases (every case, or the agency's) whose result in the latest run does not
    /// hold by the stored columns, in id order: the cases to audit, and those with manual scores.
    ///
    /// As sets of (case, version): the selection's, less each part's results that hold for the
    /// version they judged, with the cases that have manual scores added back. With `changedSince`,
    /// the selection is narrowed to `ReuseCandidates` (a few thousand of a hundred thousand
    /// cases), each looked up in each part. Without, every case is compared: on SQLite both sides
    /// come in case order from their primary keys and are merged (`MERGE (EXCEPT)`) in one pass
    /// each, where a look-up of every case's result would search the index once a case.
    /// PostgreSQL sorts both sides of an `EXCEPT` (100,000 rows spilled to disk, 140 ms at 100,000
    /// cases); asked as anti-joins (`NOT EXISTS`) it hashes each part's results once (80 ms).
    func casesWithoutHoldingResult() async throws -> [String] {
        let selection = "SELECT c.id, c.version FROM enforcementCase c WHERE " + (agency == nil ? "1 = 1" : "c.agency = ?")
        let selectionArguments: SQLArguments = agency.map { [$0] } ?? []
        var sql = selection
        var arguments = selectionArguments
        if let changedSince {
            let candidates = ReuseCandidates.subquery(since: changedSince, runs: [latest] + (latestBase.map { [$0] } ?? []), on: db.kind)
            sql += " AND c.id IN (\(candidates.sql))"
            arguments += candidates.arguments
        }
        for (index, part) in parts.enumerated() {
            if db.kind == .sqlite, changedSince == nil {
                // EXCEPT after EXCEPT: the selection less the first part's, then less the second's.
                sql += "\nEXCEPT SELECT r.caseId, r.caseVersion FROM \(results) WHERE \(part.condition) AND \(holdsForAVersion)"
            } else {
                // The candidates against the base part: OFFSET 0 keeps PostgreSQL to a look-up a
                // candidate, which it would otherwise turn into a hash of the base's every result
                // (a hundred thousand rows for two thousand candidates: 70 against 35 ms).
                let lookUp = db.kind == .postgres && changedSince != nil && index == parts.count - 1 ? " OFFSET 0" : ""
                sql +=
                    "\nAND NOT EXISTS (SELECT 1 FROM \(results) WHERE r.caseId = c.id AND r.caseVersion = c.version"
                    + " AND \(part.condition) AND \(holdsForAVersion)\(lookUp))"
            }
            arguments += part.arguments + days
        }
        sql += "\nUNION \(selection) AND c.id IN (SELECT m.caseId FROM manualScore m)\nORDER BY 1, 2"
        return try await db.fetchValues(String.self, sql, arguments + selectionArguments)
    }

    /// Of `ids`, those whose result in the latest run holds with their manual scores as they are
    /// now (`digests`; none for a case absent), each with the part its result lies in.
    func candidatesThatHold(_ ids: [String], digests: [String: String]) async throws -> [(id: String, fromBase: Bool)] {
        var passing: [(id: String, fromBase: Bool)] = []
        for chunk in SQLInList.chunks(ids, size: 500) {
            let values = chunk.values.map { $0 as (any DatabaseValueConvertible)? }
            var versions: [String: Int] = [:]
            for row in try await db.fetchAll("SELECT id, version FROM enforcementCase WHERE id IN \(chunk.placeholders)", values) {
                versions[row["id"]] = row["version"]
            }
            // The own part first: where the latest run holds a row itself, the base's is not its result.
            var found: [String: (keys: AuditResultKeys?, fromBase: Bool)] = [:]
            for (index, (condition, arguments)) in parts.enumerated() {
                let fromBase = index == parts.count - 1
                let sql = """
                    SELECT r.caseId, r.caseVersion, r.manualDigest, r.reuseFrom, r.reuseUntil FROM auditResult r
                    WHERE \(condition) AND r.caseId IN \(chunk.placeholders)
                    """
                for row in try await db.fetchAll(sql, arguments + values) {
                    let id: String = row["caseId"]
                    guard found[id] == nil else { continue }
                    var keys: AuditResultKeys?
                    if let version: Int = row["caseVersion"], let digest: String = row["manualDigest"],
                        let from: Int32 = row["reuseFrom"], let until: Int32 = row["reuseUntil"]
                    {
                        keys = AuditResultKeys(
                            caseVersion: version, manualDigest: digest,
                            window: ReuseWindow(first: CalendarDate(dayNumber: from), last: CalendarDate(dayNumber: until)))
                    }
                    found[id] = (keys, fromBase)
                }
            }
            for id in chunk.values {
                guard let version = versions[id], let result = found[id], let keys = result.keys else { continue }
                if keys.caseVersion == version, keys.window.contains(day), keys.manualDigest == digests[id, default: ""] {
                    passing.append((id, result.fromBase))
                }
            }
        }
        return passing
    }

    /// Copies into the run the results of one part of the latest run that hold by the stored
    /// columns, for the selection's cases.
    func copyHeld(fromBase: Bool) async throws {
        let part = fromBase ? basePart : ownPart
        var sql = """
            INSERT INTO auditResult (\(Self.columns))
            SELECT \(Self.values) FROM \(results) JOIN enforcementCase c ON c.id = r.caseId
            WHERE \(part.condition) AND \(holds)
            """
        var arguments: SQLArguments = [runId] + part.arguments + days
        if let agency {
            sql += " AND c.agency = ?"
            arguments += [agency]
        }
        try await db.execute(sql, arguments)
    }

    /// Copies into the run the results of `ids` in run `source`.
    func copy(_ ids: [String], from source: Int64) async throws {
        for chunk in SQLInList.chunks(ids, size: 500) {
            try await db.execute(
                """
                INSERT INTO auditResult (\(Self.columns))
                SELECT \(Self.values) FROM auditResult r WHERE r.runId = ? AND r.caseId IN \(chunk.placeholders)
                """, [runId, source] + chunk.values.map { $0 as (any DatabaseValueConvertible)? })
        }
    }

    /// A copied result holds no JSON of its own but the run that does (`judgedIn`: always the run
    /// that judged the case, never one that itself took it), which `auditResultRead` follows.
    private static let columns =
        "runId, caseId, agency, score, grade, veto, failures, audit, caseVersion, manualDigest, reuseFrom, reuseUntil, judgedIn"
    /// The first argument is the new run's id.
    private static let values = """
        CAST(? AS BIGINT), r.caseId, r.agency, r.score, r.grade, r.veto, r.failures, '', r.caseVersion, r.manualDigest,
        r.reuseFrom, r.reuseUntil, COALESCE(r.judgedIn, r.runId)
        """
}
