import Foundation
import GRDB

/// Long work started from the web (an audit of the whole store, a violations export, a due list, a
/// ledger's import), kept in the store so that the request that started it answers at once, every
/// node of the service can show its progress, and a node that dies leaves it to another (its lease
/// runs out).
public struct JobRecord: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case audit, violations
        /// A due list downloaded whole (`DueExport`).
        case due
        /// A clerk's ledger (.xlsx or .csv) imported, its file kept with the job until the job ends.
        case ledger
        /// Case XML posted through the API, too large to store within its request, kept with the
        /// job until the job ends.
        case cases
        /// A review campaign drawn (`zhifa campaign create` from the web): it reads every case.
        case campaign
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
    /// Queues a job, with the file it works on (an upload) when it has one; returns it.
    public func createJob(kind: JobRecord.Kind, parameters: String, owner: String, input: Data? = nil) throws -> JobRecord {
        try writeOutsideJournal { try await JobRepository(db: $0).create(kind: kind, parameters: parameters, owner: owner, input: input) }
    }

    public func job(id: Int64) throws -> JobRecord? {
        try readPrimary { try await JobRepository(db: $0).job(id: id) }
    }

    /// The file a job works on, while it has not ended.
    public func jobInput(id: Int64) throws -> Data? {
        try readPrimary { try await JobRepository(db: $0).input(id: id) }
    }

    /// The owner's request to cancel: a queued job ends at once, a running one at its next report.
    public func cancelJob(id: Int64) throws {
        try writeOutsideJournal { try await JobRepository(db: $0).cancel(id: id) }
    }

    public func jobResult(id: Int64) throws -> JobResult? {
        try readPrimary { try await JobRepository(db: $0).result(id: id) }
    }

    /// The jobs `owner` started (every job when nil), newest first.
    public func jobs(owner: String?, limit: Int = 50) throws -> [JobRecord] {
        try readPrimary { try await JobRepository(db: $0).jobs(owner: owner, limit: limit) }
    }

    /// Claims the oldest queued job, or a running one whose node has stopped renewing its lease;
    /// nil when there is none. Two nodes asking at once never claim the same job.
    public func claimJob(node: String, lease: TimeInterval, now: Double = Date().timeIntervalSince1970) throws -> JobRecord? {
        // Every node asks every second: a read answers "nothing to do" without taking the writer
        // (on SQLite the store's one write lock, which an import may hold for a while).
        let waiting = try readPrimary { db in
            try await db.exists("SELECT 1 FROM job WHERE state = 'queued' OR (state = 'running' AND leaseUntil < ?)", [now])
        }
        guard waiting else { return nil }
        let id = try writeOutsideJournal { db -> Int64? in
            try await db.fetchValue(
                Int64.self,
                """
                UPDATE job SET state = 'running', node = ?, leaseUntil = ?, startedAt = COALESCE(startedAt, ?)
                WHERE id = (SELECT id FROM job WHERE state = 'queued' OR (state = 'running' AND leaseUntil < ?) ORDER BY id LIMIT 1)
                  AND (state = 'queued' OR (state = 'running' AND leaseUntil < ?))
                RETURNING id
                """, [node, now + lease, now, now, now])
        }
        return try id.flatMap { try self.job(id: $0) }
    }

    /// Records progress and renews the lease; returns whether the owner asked to cancel.
    public func reportJob(id: Int64, node: String, done: Int, total: Int?, lease: TimeInterval) throws -> Bool {
        try writeOutsideJournal { db in
            try await db.fetchValue(
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
            try await db.execute(
                """
                UPDATE job SET state = ?, message = ?, runId = COALESCE(?, runId), resultName = ?, resultType = ?, result = ?,
                  finishedAt = ?, leaseUntil = NULL, input = NULL
                WHERE id = ? AND node = ? AND state = 'running'
                """,
                [
                    state.rawValue, message, runId, result?.name, result?.contentType, result?.data,
                    Date().timeIntervalSince1970, id, node
                ])
        }
    }
}
