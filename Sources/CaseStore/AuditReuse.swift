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
        self.caseVersion = caseVersion
        self.manualDigest = manualDigest
        self.window = window
    }

    /// The digest of a case's manual scores; none, the empty string (most cases have none, and a
    /// run writes this beside every result it reuses: 64 bytes fewer a row). Runs before v8 stored
    /// the SHA-256 of nothing instead, so their results are audited again once, never misread.
    public static func digest(of scores: [ManualScore]) -> String {
        guard !scores.isEmpty else { return "" }
        return Hex.sha256(
            scores.map { [$0.item, String($0.deduction), $0.note, $0.reviewer, $0.at].joined(separator: "\u{1F}") }
                .joined(separator: "\u{1E}"))
    }
}

extension CaseStore {
    /// The last change to the registry or the benchmarks: every rule may read them, so a run's
    /// results are reusable only under the same ones.
    public func referenceFingerprint() throws -> String {
        try read { try await RegistryRepository(db: $0).referenceFingerprint() }
    }

    /// The newest complete run made under `environmentHash` (program, checklist, calendar, registry
    /// and benchmarks, kept findings), whose results a new run under the same may reuse.
    public func latestCompleteRun(environmentHash: String) throws -> AuditRunRecord? {
        try read { db in
            try await db.fetchRecords(
                AuditRunRecord.self, "SELECT * FROM auditRun WHERE environmentHash = ? AND complete = 1 ORDER BY id DESC LIMIT 1",
                [environmentHash]
            ).first
        }
    }

    /// Begins run `record` (`beginAuditRun`) and takes into it, in the same write transaction, every
    /// result of `latest` (as a whole: its own rows and its base's) that still holds on `day`: the
    /// case's version is the one judged, its manual scores are those judged with (`manualDigests`,
    /// by case; a case absent has none) and `day` lies in the result's window. Returns the run, how
    /// many cases it covers, and the ids left to audit, in order.
    ///
    /// `named`: the cases a selection names (present ones, in id order); nil, every case of the
    /// store or of `agency`, which are listed only when there is no run to reuse and counted
    /// otherwise, in this transaction, so that a case stored meanwhile is counted with the rest.
    ///
    /// A run over the whole store (`coversStore`) whose latest run covered it too is built on that
    /// run's base (`RunRows`) when what it must hold itself stays within a quarter of the store:
    /// then the base's results are taken where they lie, and only the cases audited again and the
    /// results `latest` held itself become rows. Otherwise every result taken is copied into the run
    /// (a row of a few numbers, its JSON left in the run that judged it). `mayBuildOnBase` false
    /// (a shared run, whose workers find their work by the rows it lacks) always copies.
    public func beginAuditRun(
        _ record: AuditRunRecord, reusing latest: AuditRunRecord?, named: [String]?, day: CalendarDate,
        agency: String?, manualDigests: [String: String],
        mayBuildOnBase: Bool
    ) throws -> (run: AuditRunRecord, caseCount: Int, toAudit: [String]) {
        try write { db in
            var run = record
            run.journalSeq = try await DueRepository(db: db).journalHead()
            run.id = try await db.insertReturningID(run)
            guard let latest, let latestId = latest.id else {
                let ids = try await named.asyncOr { try await Self.caseIds(agency: agency, db) }
                return (run, ids.count, ids)
            }
            var caseCount = named?.count ?? 0
            if named == nil {
                caseCount =
                    try await db.fetchValue(
                        Int.self, "SELECT COUNT(*) FROM enforcementCase" + (agency == nil ? "" : " WHERE agency = ?"),
                        agency.map { [$0] } ?? []) ?? 0
            }
            let reuse = ReuseInto(
                db: db, runId: run.id!, latest: latestId, latestBase: latest.baseRun, day: day, agency: agency,
                changedSince: ReuseCandidates.changedSince(latest: latest, day: day))
            let notHeld = try await named.asyncOr { try await reuse.casesWithoutHoldingResult() }
            let passing = try await reuse.candidatesThatHold(named ?? notHeld.filter { manualDigests[$0] != nil }, digests: manualDigests)
            let passed = Set(passing.map(\.id))
            let toAudit = notHeld.filter { !passed.contains($0) }
            // When `latest` was built on a base, the rows it holds itself are copied whichever way
            // this run is built; the base part is taken where it lies if this run may build on it,
            // and copied otherwise.
            if latest.baseRun != nil {
                if named == nil { try await reuse.copyHeld(fromBase: false) }
                try await reuse.copy(passing.filter { !$0.fromBase }.map(\.id), from: latestId)
            }
            let own = await (try db.fetchValue(Int.self, "SELECT COUNT(*) FROM auditResult WHERE runId = ?", [run.id!]) ?? 0) + toAudit.count
            if mayBuildOnBase, record.coversStore == true, latest.coversStore == true, own <= caseCount / 4 {
                run.baseRun = latest.baseRun ?? latestId
                try await db.execute("UPDATE auditRun SET baseRun = ? WHERE id = ?", [run.baseRun, run.id!])
            } else {
                if named == nil { try await reuse.copyHeld(fromBase: true) }
                try await reuse.copy(passing.filter(\.fromBase).map(\.id), from: latest.baseRun ?? latestId)
            }
            return (run, caseCount, toAudit)
        }
    }

    /// Stores results with the keys that let a later run reuse them (nil: never reused, as for a
    /// case that could not be read).
    public func appendAuditResults(_ results: [(record: AuditResultRecord, keys: AuditResultKeys?)]) throws {
        try write { try await Self.insertAuditResults(results, $0) }
    }

    static func insertAuditResults(_ results: [(record: AuditResultRecord, keys: AuditResultKeys?)], _ db: any SQLConnection) async throws {
        try await db.insertRows(
            into: "auditResult",
            columns: ["runId", "caseId", "agency", "score", "grade", "veto", "failures", "audit", "caseVersion", "manualDigest", "reuseFrom", "reuseUntil"],
            rows: results.map { r, k in
                ([
                    r.runId, r.caseId, r.agency, r.score, r.grade, r.veto, r.failures, r.audit,
                    k?.caseVersion, k?.manualDigest, k.map { Int($0.window.first.dayNumber) }, k.map { Int($0.window.last.dayNumber) }
                ] as SQLArguments)
                .databaseValues
            })
    }
}

extension CaseStore {
    /// `AuditResultRepository.heldAudit`, in a transaction of its own.
    public func heldAudit(
        caseId: String, version: Int, manualDigest: String, day: CalendarDate, environmentHash: String
    ) throws -> (runId: Int64, json: String)? {
        try read {
            try await AuditResultRepository(db: $0).heldAudit(
                caseId: caseId, version: version, manualDigest: manualDigest, day: day, environmentHash: environmentHash)
        }
    }
}
