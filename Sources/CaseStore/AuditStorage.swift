import CaseModel
import Crypto
import CaseXML
import Foundation
import GRDB

/// The row of a `ManualScore`; only the store sees it.
struct ManualScoreRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "manualScore"
    var id: Int64?
    var caseId: String
    var item: String
    var deduction: Double
    var note: String
    var reviewer: String
    var at: String

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let caseId = Column(CodingKeys.caseId)
    }

    var score: ManualScore { ManualScore(item: item, deduction: deduction, note: note, reviewer: reviewer, at: at) }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One stored audit run.
public struct AuditRunRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable, Equatable {
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

    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let inputsHash = Column(CodingKeys.inputsHash)
        static let complete = Column(CodingKeys.complete)
    }

    public init(createdAt: String, asOf: CalendarDate, checklistName: String, checklistTitle: String, checklistHash: String,
                inputsHash: String, actor: String) {
        self.createdAt = createdAt; self.asOf = asOf; self.checklistName = checklistName; self.checklistTitle = checklistTitle
        self.checklistHash = checklistHash; self.inputsHash = inputsHash; self.actor = actor; self.caseCount = 0; self.complete = false
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One case's result in a run; `audit` is its JSON.
public struct AuditResultRecord: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "auditResult"
    public var runId: Int64
    public var caseId: String
    public var agency: String
    public var score: Double
    public var grade: String
    public var veto: Bool
    public var failures: Int
    public var audit: String

    public enum Columns {
        static let runId = Column(CodingKeys.runId)
        static let caseId = Column(CodingKeys.caseId)
        static let agency = Column(CodingKeys.agency)
    }

    public init(runId: Int64, caseId: String, agency: String, score: Double, grade: String, veto: Bool, failures: Int, audit: String) {
        self.runId = runId; self.caseId = caseId; self.agency = agency; self.score = score; self.grade = grade
        self.veto = veto; self.failures = failures; self.audit = audit
    }
}

extension CaseStore {
    /// Records a reviewer's deduction on a manual item, journaled with who and when.
    @discardableResult
    public func recordManualScore(caseId: String, item: String, deduction: Double, note: String, reviewer: String) throws -> ManualScore {
        let now = Self.timestamp()
        return try database.write { db in
            guard try CaseRecord.exists(db, key: caseId) else { throw StoreError.caseUnknown(caseId) }
            var record = ManualScoreRecord(id: nil, caseId: caseId, item: item, deduction: deduction, note: note, reviewer: reviewer, at: now)
            try record.insert(db)
            let content = "\(item)|\(deduction)|\(note)"
            try JournalAppender(db: db, actor: reviewer, at: now)
                .append(.reviewScore, subject: caseId, contentHash: Hex.sha256(content),
                        detail: "\(item) −\(deduction): \(note)")
            return record.score
        }
    }

    /// One case's manual scores, oldest first.
    public func manualScores(caseId: String) throws -> [ManualScore] {
        try database.read {
            try ManualScoreRecord.filter(ManualScoreRecord.Columns.caseId == caseId).order(ManualScoreRecord.Columns.id).fetchAll($0).map(\.score)
        }
    }

    /// Every manual score, by case, oldest first.
    public func manualScores() throws -> [String: [ManualScore]] {
        try database.read { db in
            Dictionary(grouping: try ManualScoreRecord.order(ManualScoreRecord.Columns.id).fetchAll(db), by: \.caseId)
                .mapValues { $0.map(\.score) }
        }
    }

    /// The hash of the store's last change that an audit could read (audit runs themselves excluded).
    public func contentFingerprint() throws -> String {
        try database.read { db in
            let judgments = JournalAction.allCases.filter { !$0.changesAuditInputs }.map(\.rawValue)
            return try JournalEntry.select(JournalEntry.Columns.hash, as: String.self)
                .filter(!judgments.contains(JournalEntry.Columns.action))
                .order(JournalEntry.Columns.seq.desc).fetchOne(db) ?? JournalEntry.genesis
        }
    }

    public func findCompleteRun(inputsHash: String) throws -> AuditRunRecord? {
        try database.read { db in
            try AuditRunRecord.filter(AuditRunRecord.Columns.inputsHash == inputsHash && AuditRunRecord.Columns.complete == true)
                .order(AuditRunRecord.Columns.id.desc).fetchOne(db)
        }
    }

    public func beginAuditRun(_ run: AuditRunRecord) throws -> AuditRunRecord {
        try database.write { db in
            var run = run
            try run.insert(db)
            return run
        }
    }

    public func appendAuditResults(_ results: [AuditResultRecord]) throws {
        try database.write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO auditResult (runId, caseId, agency, score, grade, veto, failures, audit) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for r in results {
                try statement.execute(arguments: [r.runId, r.caseId, r.agency, r.score, r.grade, r.veto, r.failures, r.audit])
            }
        }
    }

    /// Marks a run complete and journals it; an interrupted run stays incomplete and is never read.
    public func completeAuditRun(_ runId: Int64, caseCount: Int, actor: String) throws {
        let now = Self.timestamp()
        try database.write { db in
            try db.execute(sql: "UPDATE auditRun SET complete = 1, caseCount = ? WHERE id = ?", arguments: [caseCount, runId])
            guard let run = try AuditRunRecord.fetchOne(db, key: runId) else { throw StoreError.auditRunUnknown(runId) }
            try JournalAppender(db: db, actor: actor, at: now)
                .append(.auditRun, subject: String(runId), contentHash: run.inputsHash,
                        detail: "\(run.checklistName) as of \(run.asOf): \(caseCount) cases")
        }
    }

    /// Streams a run's results in case-id order.
    public func forEachAuditResult(runId: Int64, agency: String? = nil, _ body: (AuditResultRecord) throws -> Void) throws {
        try database.read { db in
            var request = AuditResultRecord.filter(AuditResultRecord.Columns.runId == runId).order(AuditResultRecord.Columns.caseId)
            if let agency { request = request.filter(AuditResultRecord.Columns.agency == agency) }
            let cursor = try request.fetchCursor(db)
            while let result = try cursor.next() { try body(result) }
        }
    }
}
