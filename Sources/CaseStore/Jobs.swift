import Foundation
import GRDB

/// Long work started from the web (an audit of the whole store, a violations export, a due list), kept in the
/// store so that the request that started it answers at once, every node of the service can show
/// its progress, and a node that dies leaves it to another (its lease runs out).
public struct JobRecord: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case audit, violations
        /// A due list downloaded whole (`DueExport`).
        case due
    }

    public enum State: String, Sendable {
        case queued, running, done, failed, cancelled

        public var isFinished: Bool { self == .done || self == .failed || self == .cancelled }
    }

    public var id: Int64
    public var kind: Kind
    /// The job's own parameters, as the kind reads them (JSON).
    public var parameters: String
    /// The account that started it: the only one, with supervisors, who sees it.
    public var owner: String
    public var state: State
    public var done: Int
    public var total: Int?
    public var createdAt: Double
    public var startedAt: Double?
    public var finishedAt: Double?
    /// Why it failed, a Chinese sentence; or what it did.
    public var message: String?
    /// The audit run it made or used.
    public var runId: Int64?
    public var resultName: String?
    public var resultType: String?
    public var hasResult: Bool
    public var cancelRequested: Bool
}

/// A job's result file, read only when downloaded.
public struct JobResult: Sendable {
    public var name: String
    public var contentType: String
    public var data: Data

    public init(name: String, contentType: String, data: Data) {
        self.name = name
        self.contentType = contentType
        self.data = data
    }
}

extension CaseStore {
    static let jobColumns = """
        id, kind, parameters, owner, state, done, total, createdAt, startedAt, finishedAt, message, runId,
        resultName, resultType, CASE WHEN result IS NULL THEN 0 ELSE 1 END AS hasResult, cancelRequested
        """

    /// Queues a job; returns it.
    public func createJob(kind: JobRecord.Kind, parameters: String, owner: String) throws -> JobRecord {
        let id = try writeOutsideJournal { db -> Int64 in
            try db.fetchValue(
                Int64.self,
                """
                INSERT INTO job (kind, parameters, owner, state, done, createdAt, cancelRequested)
                VALUES (?, ?, ?, 'queued', 0, ?, 0) RETURNING id
                """, [kind.rawValue, parameters, owner, Date().timeIntervalSince1970]) ?? 0
        }
        guard let job = try job(id: id) else { throw StoreError.corrupt("job \(id) vanished") }
        return job
    }

    public func job(id: Int64) throws -> JobRecord? {
        try readPrimary { db in try db.fetchOne("SELECT \(Self.jobColumns) FROM job WHERE id = ?", [id]).map(Self.jobRecord) }
    }

    /// Claims the oldest queued job, or a running one whose node has stopped renewing its lease;
    /// nil when there is none. Two nodes asking at once never claim the same job.
    public func claimJob(node: String, lease: TimeInterval, now: Double = Date().timeIntervalSince1970) throws -> JobRecord? {
        // Every node asks every second: a read answers "nothing to do" without taking the writer
        // (on SQLite the store's one write lock, which an import may hold for a while).
        let waiting = try readPrimary { db in
            try db.exists("SELECT 1 FROM job WHERE state = 'queued' OR (state = 'running' AND leaseUntil < ?)", [now])
        }
        guard waiting else { return nil }
        let id = try writeOutsideJournal { db -> Int64? in
            try db.fetchValue(
                Int64.self,
                """
                UPDATE job SET state = 'running', node = ?, leaseUntil = ?, startedAt = COALESCE(startedAt, ?)
                WHERE id = (SELECT id FROM job WHERE state = 'queued' OR (state = 'running' AND leaseUntil < ?) ORDER BY id LIMIT 1)
                  AND (state = 'queued' OR (state = 'running' AND leaseUntil < ?))
                RETURNING id
                """, [node, now + lease, now, now, now])
        }
        return try id.flatMap { try job(id: $0) }
    }

    /// Records progress and renews the lease; returns whether the owner asked to cancel.
    public func reportJob(id: Int64, node: String, done: Int, total: Int?, lease: TimeInterval) throws -> Bool {
        try writeOutsideJournal { db in
            try db.fetchValue(
                Int64.self,
                """
                UPDATE job SET done = ?, total = ?, leaseUntil = ? WHERE id = ? AND node = ? AND state = 'running'
                RETURNING cancelRequested
                """, [done, total, Date().timeIntervalSince1970 + lease, id, node]) ?? 1
        } != 0
    }

    /// Ends a job as done, failed or cancelled, with its message, run and result file.
    public func finishJob(
        id: Int64, node: String, state: JobRecord.State, message: String?, runId: Int64? = nil,
        result: JobResult? = nil
    ) throws {
        try writeOutsideJournal { db in
            try db.execute(
                """
                UPDATE job SET state = ?, message = ?, runId = COALESCE(?, runId), resultName = ?, resultType = ?, result = ?,
                  finishedAt = ?, leaseUntil = NULL
                WHERE id = ? AND node = ? AND state = 'running'
                """,
                [
                    state.rawValue, message, runId, result?.name, result?.contentType, result?.data,
                    Date().timeIntervalSince1970, id, node
                ])
        }
    }

    /// The owner's request to cancel: a queued job ends at once, a running one at its next report.
    public func cancelJob(id: Int64) throws {
        try writeOutsideJournal { db in
            try db.execute("UPDATE job SET cancelRequested = 1 WHERE id = ? AND state IN ('queued', 'running')", [id])
            try db.execute(
                """
                UPDATE job SET state = 'cancelled', message = '已取消', finishedAt = ? WHERE id = ? AND state = 'queued'
                """, [Date().timeIntervalSince1970, id])
        }
    }

    public func jobResult(id: Int64) throws -> JobResult? {
        try readPrimary { db in
            try db.fetchOne("SELECT resultName, resultType, result FROM job WHERE id = ? AND result IS NOT NULL", [id]).map {
                JobResult(name: $0["resultName"], contentType: $0["resultType"], data: $0["result"])
            }
        }
    }

    /// The jobs `owner` started (every job when nil), newest first.
    public func jobs(owner: String?, limit: Int = 50) throws -> [JobRecord] {
        try readPrimary { db in
            if let owner {
                return try db.fetchAll("SELECT \(Self.jobColumns) FROM job WHERE owner = ? ORDER BY id DESC LIMIT ?", [owner, limit])
                    .map(Self.jobRecord)
            }
            return try db.fetchAll("SELECT \(Self.jobColumns) FROM job ORDER BY id DESC LIMIT ?", [limit]).map(Self.jobRecord)
        }
    }

    private static func jobRecord(_ row: Row) -> JobRecord {
        JobRecord(
            id: row["id"], kind: JobRecord.Kind(rawValue: row["kind"]) ?? .audit, parameters: row["parameters"],
            owner: row["owner"], state: JobRecord.State(rawValue: row["state"]) ?? .failed, done: row["done"],
            total: row["total"], createdAt: row["createdAt"], startedAt: row["startedAt"], finishedAt: row["finishedAt"],
            message: row["message"], runId: row["runId"], resultName: row["resultName"], resultType: row["resultType"],
            hasResult: (row["hasResult"] as Int64) != 0, cancelRequested: (row["cancelRequested"] as Int64) != 0)
    }
}
