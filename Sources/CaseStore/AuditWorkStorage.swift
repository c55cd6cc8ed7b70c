import Foundation
import GRDB

/// How a run shared by several worker processes was planned: what it covers and how many cases,
/// kept in the store so that a worker on another machine needs only the run's number.
public struct AuditPlan: Sendable, Equatable {
    public var runId: Int64
    public var agency: String?
    public var caseIds: [String]
    public var keepAllFindings: Bool
    /// The run's whole selection, reused results included: what `caseCount` says when it completes.
    public var caseCount: Int
    /// Workers must judge as the planner did: its checklist, and the digest of its checklist,
    /// calendar, registry, benchmarks and kept findings (`AuditRunner.judgmentHash`).
    public var checklistHash: String
    public var judgmentHash: String

    public init(
        runId: Int64, agency: String?, caseIds: [String], keepAllFindings: Bool, caseCount: Int,
        checklistHash: String, judgmentHash: String
    ) {
        self.runId = runId
        self.agency = agency
        self.caseIds = caseIds
        self.keepAllFindings = keepAllFindings
        self.caseCount = caseCount
        self.checklistHash = checklistHash
        self.judgmentHash = judgmentHash
    }
}

/// One range of a shared run's cases, claimed by one worker at a time.
public struct AuditChunk: Sendable, Equatable {
    public var runId: Int64
    public var chunk: Int
    public var firstCaseId: String
    public var lastCaseId: String
}

/// Where a shared run stands.
public enum AuditWorkState: Sendable, Equatable {
    /// A chunk was claimed by the caller.
    case claimed(AuditChunk)
    /// Every chunk is claimed and some are not done: wait and ask again (a dead worker's chunk is
    /// claimed again once its lease has run out).
    case waiting
    /// Every chunk is done; the run is complete.
    case finished
}

extension CaseStore {
    /// Stores a run's plan and its chunks, each the ids `first...last` of the cases left to audit.
    public func planAuditWork(_ plan: AuditPlan, chunks: [(first: String, last: String)]) throws {
        try write { db in
            try await db.execute(
                """
                INSERT INTO auditPlan (runId, agency, caseIds, keepAll, caseCount, checklistHash, judgmentHash)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    plan.runId, plan.agency, plan.caseIds.joined(separator: "\n"), plan.keepAllFindings, plan.caseCount,
                    plan.checklistHash, plan.judgmentHash
                ])
            try await db.insertRows(
                into: "auditWork", columns: ["runId", "chunk", "firstCaseId", "lastCaseId"],
                rows: chunks.enumerated().map { index, range in
                    ([plan.runId, index, range.first, range.last] as SQLArguments).databaseValues
                })
        }
    }

    /// The plan of a shared run, or nil when the run was not planned for workers.
    public func auditPlan(runId: Int64) throws -> AuditPlan? {
        try readPrimary { db in
            try await db.fetchOne("SELECT * FROM auditPlan WHERE runId = ?", [runId]).map { row in
                let ids: String = row["caseIds"]
                return AuditPlan(
                    runId: row["runId"], agency: row["agency"], caseIds: ids.isEmpty ? [] : ids.components(separatedBy: "\n"),
                    keepAllFindings: row["keepAll"], caseCount: row["caseCount"],
                    checklistHash: row["checklistHash"], judgmentHash: row["judgmentHash"])
            }
        }
    }

    public func auditRun(id: Int64) throws -> AuditRunRecord? {
        try readPrimary { try await $0.fetchRecords(AuditRunRecord.self, "SELECT * FROM auditRun WHERE id = ?", [id]).first }
    }

    /// Claims the first chunk that no one holds, or whose holder's lease began before
    /// `now - lease` (the holder is taken for dead); completes the run, once, when all are done.
    public func claimAuditChunk(runId: Int64, worker: String, now: Double, lease: Double, actor: String) throws -> AuditWorkState {
        let state: AuditWorkState = try write { db in
            let sql = """
                SELECT chunk, firstCaseId, lastCaseId FROM auditWork
                WHERE runId = ? AND doneAt IS NULL AND (worker IS NULL OR claimedAt < ?) ORDER BY chunk LIMIT 1
                """
            if let row = try await db.fetchOne(sql, [runId, now - lease]) {
                let chunk = AuditChunk(runId: runId, chunk: row["chunk"], firstCaseId: row["firstCaseId"], lastCaseId: row["lastCaseId"])
                try await db.execute("UPDATE auditWork SET worker = ?, claimedAt = ? WHERE runId = ? AND chunk = ?", [worker, now, runId, chunk.chunk])
                return .claimed(chunk)
            }
            return try await db.exists("SELECT 1 FROM auditWork WHERE runId = ? AND doneAt IS NULL", [runId]) ? .waiting : .finished
        }
        if state == .finished { try completeSharedRun(runId, actor: actor) }
        return state
    }

    /// Stores a chunk's results and marks it done, in one transaction, if the caller still holds
    /// it; false (and nothing stored) when its lease ran out and another worker took it over.
    public func finishAuditChunk(
        _ chunk: AuditChunk, worker: String, results: [(record: AuditResultRecord, keys: AuditResultKeys?)],
        now: Double
    ) throws -> Bool {
        try write { db in
            guard
                try await db.exists(
                    "SELECT 1 FROM auditWork WHERE runId = ? AND chunk = ? AND worker = ? AND doneAt IS NULL",
                    [chunk.runId, chunk.chunk, worker])
            else { return false }
            try await Self.insertAuditResults(results, db)
            try await db.execute("UPDATE auditWork SET doneAt = ? WHERE runId = ? AND chunk = ?", [now, chunk.runId, chunk.chunk])
            return true
        }
    }

    /// The ids of `first...last` in the selection that have no result in the run yet, and whether
    /// they are every stored case of that range (then a batch may read the range rather than a list).
    public func unauditedCaseIds(runId: Int64, plan: AuditPlan, first: String, last: String) throws -> (ids: [String], wholeRange: Bool) {
        let named = Set(plan.caseIds)
        return try readPrimary { db in
            // The run's results of the range read by their key, apart from the cases: asked as
            // one query (`EXISTS` a result for each case), PostgreSQL, whose statistics knew
            // nothing yet of the run's rows, hashed every result of the run for each chunk, 0.7 ms
            // for a run's first chunk and 33 ms for its hundredth (docs/performance.md).
            let done = Set(
                try await db.fetchValues(
                    String.self, "SELECT caseId FROM auditResult WHERE runId = ? AND caseId BETWEEN ? AND ?", [runId, first, last]))
            var ids: [String] = []
            var skipped = 0
            for row in try await db.fetchAll("SELECT id, agency FROM enforcementCase WHERE id BETWEEN ? AND ? ORDER BY id", [first, last]) {
                let id: String = row["id"]
                let agency: String = row["agency"]
                if done.contains(id) || (plan.agency.map { $0 != agency } ?? false) || (!named.isEmpty && !named.contains(id)) {
                    skipped += 1
                } else {
                    ids.append(id)
                }
            }
            return (ids, skipped == 0)
        }
    }

    /// Marks a shared run complete and journals it, unless a worker already did.
    private func completeSharedRun(_ runId: Int64, actor: String) throws {
        guard let plan = try auditPlan(runId: runId) else { throw StoreError.auditRunUnknown(runId) }
        try completeAuditRun(runId, caseCount: plan.caseCount, actor: actor)
    }
}
