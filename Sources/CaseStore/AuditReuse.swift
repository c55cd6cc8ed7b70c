import CaseModel
import CaseXML
import Foundation
import GRDB
import WorkCalendar

/// What is stored beside a case's result so that a later run may reuse it: the case's version and
/// manual scores as audited, and the as-of days on which the result holds.
public struct AuditResultKeys: Sendable, Equatable {
    public var caseVersion: Int
    public var manualDigest: String
    public var window: ReuseWindow

    public init(caseVersion: Int, manualDigest: String, window: ReuseWindow) {
        self.caseVersion = caseVersion; self.manualDigest = manualDigest; self.window = window
    }

    /// The digest of a case's manual scores; none, the empty string (most cases have none, and a
    /// run writes this beside every result it reuses: 64 bytes fewer a row). Runs before v8 stored
    /// the SHA-256 of nothing instead, so their results are audited again once, never misread.
    public static func digest(of scores: [ManualScore]) -> String {
        guard !scores.isEmpty else { return "" }
        return Hex.sha256(scores.map { [$0.item, String($0.deduction), $0.note, $0.reviewer, $0.at].joined(separator: "\u{1F}") }
            .joined(separator: "\u{1E}"))
    }
}

extension CaseStore {
    /// The last change to the registry or the benchmarks: every rule may read them, so a run's
    /// results are reusable only under the same ones.
    public func referenceFingerprint() throws -> String {
        try read { db in
            try db.fetchValue(String.self, "SELECT hash FROM journal WHERE action IN (?, ?) ORDER BY seq DESC LIMIT 1",
                              [JournalAction.registryImport.rawValue, JournalAction.benchmarksImport.rawValue]) ?? JournalEntry.genesis
        }
    }

    /// The newest complete run made under `environmentHash` (program, checklist, calendar, registry
    /// and benchmarks, kept findings), whose results a new run under the same may reuse.
    public func latestCompleteRun(environmentHash: String) throws -> AuditRunRecord? {
        try read { db in
            try db.fetchRecords(AuditRunRecord.self, "SELECT * FROM auditRun WHERE environmentHash = ? AND complete = 1 ORDER BY id DESC LIMIT 1",
                                [environmentHash]).first
        }
    }

    /// For each of `ids`: its version now, and the keys of its result in run `base` when it has one.
    public func reuseCandidates(base: Int64, ids: [String]) throws -> [String: (version: Int, keys: AuditResultKeys?)] {
        try read { db in
            var found: [String: (version: Int, keys: AuditResultKeys?)] = [:]
            for chunk in SQLInList.chunks(ids, size: 500) {
                for row in try db.fetchAll("SELECT id, version FROM enforcementCase WHERE id IN \(chunk.placeholders)", chunk.values.map { $0 as (any DatabaseValueConvertible)? }) {
                    found[row["id"]] = (row["version"], nil)
                }
                let sql = """
                    SELECT caseId, caseVersion, manualDigest, reuseFrom, reuseUntil FROM auditResult
                    WHERE runId = ? AND caseVersion IS NOT NULL AND caseId IN \(chunk.placeholders)
                    """
                for row in try db.fetchAll(sql, [base] + chunk.values.map { $0 as (any DatabaseValueConvertible)? }) {
                    let id: String = row["caseId"]
                    guard let version = found[id]?.version, let from: Int32 = row["reuseFrom"], let until: Int32 = row["reuseUntil"] else { continue }
                    found[id] = (version, AuditResultKeys(caseVersion: row["caseVersion"], manualDigest: row["manualDigest"],
                                                          window: ReuseWindow(first: CalendarDate(dayNumber: from), last: CalendarDate(dayNumber: until))))
                }
            }
            return found
        }
    }

    /// Reuses in run `runId` the results of `ids` from run `base`, keys and all, inside the store.
    /// The new rows hold no JSON of their own but the run that does (`judgedIn`, always the run
    /// that judged the case, never a run that itself reused it), which `auditResultRead` follows.
    public func reuseAuditResults(from base: Int64, to runId: Int64, ids: [String]) throws {
        guard !ids.isEmpty else { return }
        try write { db in
            for chunk in SQLInList.chunks(ids, size: 500) {
                try db.execute("""
                    INSERT INTO auditResult (\(Self.reusedColumns))
                    SELECT \(Self.reusedValues) FROM auditResult r WHERE r.runId = ? AND r.caseId IN \(chunk.placeholders)
                    """, [runId, base] + chunk.values.map { $0 as (any DatabaseValueConvertible)? })
            }
        }
    }

    /// Reuses in run `runId`, in one statement, every result of run `base` that still holds on
    /// `day` for a case of `agency` (nil: every agency) that has no manual score now and had none
    /// when judged, whose version is the one judged. Cases with manual scores are left to
    /// `reuseCandidates`, which compares their scores' digest. Returns the ids reused (the run,
    /// just begun, holds no other results yet).
    public func reuseUnchangedResults(from base: Int64, to runId: Int64, day: CalendarDate, agency: String?) throws -> Set<String> {
        try write { db in
            var sql = """
                INSERT INTO auditResult (\(Self.reusedColumns))
                SELECT \(Self.reusedValues) FROM auditResult r JOIN enforcementCase c ON c.id = r.caseId
                WHERE r.runId = ? AND r.caseVersion = c.version AND r.reuseFrom <= ? AND r.reuseUntil >= ? AND r.manualDigest = ?
                  AND NOT EXISTS (SELECT 1 FROM manualScore m WHERE m.caseId = r.caseId)
                """
            var arguments: SQLArguments = [runId, base, Int(day.dayNumber), Int(day.dayNumber), AuditResultKeys.digest(of: [])]
            if let agency { sql += " AND c.agency = ?"; arguments += [agency] }
            try db.execute(sql, arguments)
            return Set(try db.fetchValues(String.self, "SELECT caseId FROM auditResult WHERE runId = ?", [runId]))
        }
    }

    private static let reusedColumns =
        "runId, caseId, agency, score, grade, veto, failures, audit, caseVersion, manualDigest, reuseFrom, reuseUntil, judgedIn"
    /// The first argument is the new run's id.
    private static let reusedValues = """
        CAST(? AS BIGINT), r.caseId, r.agency, r.score, r.grade, r.veto, r.failures, '', r.caseVersion, r.manualDigest,
        r.reuseFrom, r.reuseUntil, COALESCE(r.judgedIn, r.runId)
        """

    /// Stores results with the keys that let a later run reuse them (nil: never reused, as for a
    /// case that could not be read).
    public func appendAuditResults(_ results: [(record: AuditResultRecord, keys: AuditResultKeys?)]) throws {
        try write { try Self.insertAuditResults(results, $0) }
    }

    static func insertAuditResults(_ results: [(record: AuditResultRecord, keys: AuditResultKeys?)], _ db: any SQLConnection) throws {
        try db.insertRows(
            into: "auditResult",
            columns: ["runId", "caseId", "agency", "score", "grade", "veto", "failures", "audit", "caseVersion", "manualDigest", "reuseFrom", "reuseUntil"],
            rows: results.map { r, k in
                ([r.runId, r.caseId, r.agency, r.score, r.grade, r.veto, r.failures, r.audit,
                  k?.caseVersion, k?.manualDigest, k.map { Int($0.window.first.dayNumber) }, k.map { Int($0.window.last.dayNumber) }] as SQLArguments)
                    .databaseValues
            })
    }
}
