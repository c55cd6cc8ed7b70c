import CaseModel
import CaseXML
import Crypto
import Foundation
import GRDB

/// The row of a `ManualScore`; only the store sees it.
struct ManualScoreRecord: Codable, FetchableRecord, EncodableRecord, TableRecord {
    static let databaseTableName = "manualScore"
    var id: Int64?
    var caseId: String
    var item: String
    var deduction: Double
    var note: String
    var reviewer: String
    var at: String

    var score: ManualScore { ManualScore(item: item, deduction: deduction, note: note, reviewer: reviewer, at: at) }
}

/// One stored audit run.
public struct AuditRunRecord: Codable, FetchableRecord, EncodableRecord, TableRecord, Sendable, Equatable {
    public static let databaseTableName = "auditRun"
    public var id: Int64?
    public var createdAt: String
    public var asOf: CalendarDate
    public var checklistName: String
    public var checklistTitle: String
    public var checklistHash: String
    public var inputsHash: String
    public var actor: String
    public var caseCount: Int
    /// Results are written in batches; only a run marked complete is ever read back or reused.
    public var complete: Bool
    /// What every result of the run was judged under but the case and the as-of day (program,
    /// checklist, calendar, registry and benchmarks, kept findings); nil for runs before v6, whose
    /// results are never reused case by case.
    public var environmentHash: String?
    /// Whether the run kept passing and not-applicable findings (`--all`); nil for runs before v8.
    public var keepsAllFindings: Bool?
    /// The complete run whose results this run takes for every case it holds no result of; nil:
    /// it holds all its results itself. Always a run with no base of its own (`RunRows`).
    public var baseRun: Int64?
    /// Whether the run covers every stored case (no agency or case list); nil for runs before v9.
    /// Only such runs take part in runs built on a base.
    public var coversStore: Bool?
    /// The journal's newest entry when the run began, read in the transaction that chose its
    /// cases; nil for runs before v28. What a later run narrows its comparison by (`ReuseCandidates`).
    public var journalSeq: Int64?

    public init(
        createdAt: String, asOf: CalendarDate, checklistName: String, checklistTitle: String, checklistHash: String,
        inputsHash: String, actor: String
    ) {
        self.createdAt = createdAt
        self.asOf = asOf
        self.checklistName = checklistName
        self.checklistTitle = checklistTitle
        self.checklistHash = checklistHash
        self.inputsHash = inputsHash
        self.actor = actor
        self.caseCount = 0
        self.complete = false
    }
}

/// The cases of one grade in a run: how many, their scores' sum, how many were vetoed, and how
/// many have a failed finding.
public struct AuditGradeTally: Sendable, Equatable {
    public var grade: String
    public var cases: Int
    public var scoreSum: Double
    public var vetoes: Int
    public var failing: Int

    public init(grade: String, cases: Int, scoreSum: Double, vetoes: Int, failing: Int) {
        self.grade = grade
        self.cases = cases
        self.scoreSum = scoreSum
        self.vetoes = vetoes
        self.failing = failing
    }
}

/// One case's result in a run; `audit` is its JSON.
public struct AuditResultRecord: Codable, FetchableRecord, EncodableRecord, TableRecord, Sendable, Equatable {
    public static let databaseTableName = "auditResult"
    public var runId: Int64
    public var caseId: String
    public var agency: String
    public var score: Double
    public var grade: String
    public var veto: Bool
    public var failures: Int
    public var audit: String

    public init(runId: Int64, caseId: String, agency: String, score: Double, grade: String, veto: Bool, failures: Int, audit: String) {
        self.runId = runId
        self.caseId = caseId
        self.agency = agency
        self.score = score
        self.grade = grade
        self.veto = veto
        self.failures = failures
        self.audit = audit
    }
}

extension CaseStore {
    /// Records a reviewer's deduction on a manual item, journaled with who and when.
    @discardableResult
    public func recordManualScore(caseId: String, item: String, deduction: Double, note: String, reviewer: String) throws -> ManualScore {
        try write(recordingManualScore(caseId: caseId, item: item, deduction: deduction, note: note, reviewer: reviewer))
    }

    /// `recordManualScore`, awaited.
    @discardableResult
    public func recordManualScore(caseId: String, item: String, deduction: Double, note: String, reviewer: String) async throws -> ManualScore {
        try await backend.awaitWrite(recordingManualScore(caseId: caseId, item: item, deduction: deduction, note: note, reviewer: reviewer))
    }

    private func recordingManualScore(
        caseId: String, item: String, deduction: Double, note: String, reviewer: String
    ) -> @Sendable (any SQLConnection) async throws -> ManualScore {
        let now = Self.timestamp()
        return { db in
            guard try await db.exists("SELECT 1 FROM enforcementCase WHERE id = ?", [caseId]) else { throw StoreError.caseUnknown(caseId) }
            let record = ManualScoreRecord(id: nil, caseId: caseId, item: item, deduction: deduction, note: note, reviewer: reviewer, at: now)
            try await db.insert(record)
            let content = "\(item)|\(deduction)|\(note)"
            try await JournalAppender(db: db, actor: reviewer, at: now)
                .append(
                    .reviewScore, subject: caseId, contentHash: Hex.sha256(content),
                    detail: "\(item) −\(deduction): \(note)")
            return record.score
        }
    }

    /// One case's manual scores, oldest first.
    public func manualScores(caseId: String) throws -> [ManualScore] {
        try read { try await AuditResultRepository(db: $0).manualScores(caseId: caseId) }
    }

    /// Every manual score, by case, oldest first.
    public func manualScores() throws -> [String: [ManualScore]] {
        try read { db in
            await Dictionary(grouping: try db.fetchRecords(ManualScoreRecord.self, "SELECT * FROM manualScore ORDER BY id"), by: \.caseId)
                .mapValues { $0.map(\.score) }
        }
    }

    /// The hash of the store's last change that an audit could read (audit runs themselves excluded).
    public func contentFingerprint() throws -> String {
        try read { try await AuditResultRepository(db: $0).contentFingerprint() }
    }

    public func findCompleteRun(inputsHash: String) throws -> AuditRunRecord? {
        try read { try await AuditResultRepository(db: $0).completeRun(inputsHash: inputsHash) }
    }

    public func beginAuditRun(_ run: AuditRunRecord) throws -> AuditRunRecord {
        try write { db in
            var run = run
            run.journalSeq = try await DueRepository(db: db).journalHead()
            run.id = try await db.insertReturningID(run)
            return run
        }
    }

    /// Marks a run complete, stores its totals (`AuditTallies`) and journals it; an interrupted run
    /// stays incomplete and is never read.
    /// A run already complete (a shared run's other worker got there first) is left as it is.
    public func completeAuditRun(_ runId: Int64, caseCount: Int, actor: String) throws {
        let now = Self.timestamp()
        try write { db in
            guard let run = try await db.fetchRecords(AuditRunRecord.self, "SELECT * FROM auditRun WHERE id = ?", [runId]).first else {
                throw StoreError.auditRunUnknown(runId)
            }
            guard !run.complete else { return }
            try await AuditTallies.count(RunRows(runId: runId, baseRun: run.baseRun), db).store(as: runId, db)
            try await db.execute("UPDATE auditRun SET complete = 1, caseCount = ? WHERE id = ?", [caseCount, runId])
            try await JournalAppender(db: db, actor: actor, at: now)
                .append(
                    .auditRun, subject: String(runId), contentHash: run.inputsHash,
                    detail: "\(run.checklistName) as of \(run.asOf): \(caseCount) cases")
        }
        backend.checkpoint()
        // Best effort: the run is complete whether or not the statistics could be renewed.
        try? renewResultStatistics(afterRun: runId)
    }

    /// A run's results counted by grade, of every agency or of one: the totals stored with the run
    /// (`AuditTallies`); no result is read.
    public func auditRunGrades(runId: Int64, agency: String? = nil) throws -> [AuditGradeTally] {
        try read { db in try await AuditTallies.of(runId, db).grades(agency: agency) }
    }

    /// The first `limit` results of a run, in case-id order, that failed a rule or were vetoed,
    /// without their JSON: what a run's page lists, read as far as it lists.
    public func failingAuditResults(runId: Int64, agency: String? = nil, limit: Int) throws -> [AuditResultRecord] {
        try read { db in
            let rows = try await RunRows.of(runId, db).union(
                { condition in
                    "SELECT r.caseId, r.agency, r.score, r.grade, r.veto, r.failures FROM auditResultRead r WHERE \(condition)"
                        + " AND (r.failures > 0 OR r.veto = 1)" + (agency == nil ? "" : " AND r.agency = ?")
                }, extra: agency.map { [$0] } ?? [])
            return try await db.fetchAll("SELECT * FROM (\(rows.sql)) failing ORDER BY caseId LIMIT ?", rows.arguments + [max(0, limit)]).map { row in
                AuditResultRecord(
                    runId: runId, caseId: row["caseId"], agency: row["agency"], score: row["score"],
                    grade: row["grade"], veto: row["veto"], failures: row["failures"], audit: "")
            }
        }
    }

    /// Streams a run's results in case-id order, each with its JSON wherever it is stored.
    public func forEachAuditResult(runId: Int64, agency: String? = nil, _ body: (AuditResultRecord) throws -> Void) throws {
        try forEachAuditResult(runId: runId, agency: agency, withEntry: nil, body)
    }

    /// The results of run `runId` of the cases that have a manual entry `item` (the signed
    /// conclusion, `ManualScore.conclusionItem`): the few whose score may be final, which a
    /// summary counted from the stored totals reads to say how many of its scores are 初评.
    public func forEachAuditResult(
        runId: Int64, agency: String? = nil, withEntry item: String?, _ body: (AuditResultRecord) throws -> Void
    ) throws {
        try read { db in
            // The cases with the entry first, then their results by id, a thousand a statement:
            // asked as a subquery, PostgreSQL, whose statistics right after a fresh run knew
            // nothing of its rows, walked every result of the run to find the few (61 ms at
            // 100,000 cases, docs/performance.md).
            var chunks: [(placeholders: String, values: [String])] = [("", [])]
            if let item {
                let ids = try await db.fetchValues(String.self, "SELECT DISTINCT caseId FROM manualScore WHERE item = ? ORDER BY caseId", [item])
                chunks = SQLInList.chunks(ids, size: 1000)
            }
            let templates = try await ResultTemplates.load(db)
            let run = try await RunRows.of(runId, db)
            for chunk in chunks {
                // Columns read directly, not through Codable: a report reads every result of a
                // run. By name, since rows from PostgreSQL keep no column order.
                var extra: [(any DatabaseValueConvertible)?] = []
                if let agency { extra.append(agency) }
                extra += chunk.values.map { $0 as (any DatabaseValueConvertible)? }
                let rows = run.union(
                    { condition in
                        "SELECT r.caseId, r.agency, r.score, r.grade, r.veto, r.failures, r.audit FROM auditResultRead r WHERE \(condition)"
                            + (agency == nil ? "" : " AND r.agency = ?") + (item == nil ? "" : " AND r.caseId IN \(chunk.placeholders)")
                    }, extra: extra)
                try await db.forEach(rows.sql + " ORDER BY caseId", rows.arguments) { row in
                    let caseId: String = row["caseId"]
                    try body(
                        AuditResultRecord(
                            runId: runId, caseId: caseId, agency: row["agency"], score: row["score"],
                            grade: row["grade"], veto: row["veto"], failures: row["failures"],
                            audit: try templates.expand(row["audit"], caseId: caseId)))
                }
            }
        }
    }
}
