import Foundation
import GRDB

/// The web service's jobs as their pages read and change them, within one transaction. What only
/// the node running a job does (claiming, reporting, finishing) is `CaseStore`'s (`Jobs.swift`).
public struct JobRepository {
    let db: any SQLConnection

    static let columns = """
        id, kind, parameters, owner, state, done, total, createdAt, startedAt, finishedAt, message, runId,
        resultName, resultType, CASE WHEN result IS NULL THEN 0 ELSE 1 END AS hasResult, cancelRequested
        """

    /// Queues a job, with the file it works on (an upload) when it has one; returns it.
    public func create(kind: JobRecord.Kind, parameters: String, owner: String, input: Data? = nil) async throws -> JobRecord {
        let id =
            try await db.fetchValue(
                Int64.self,
                """
                INSERT INTO job (kind, parameters, owner, state, done, createdAt, cancelRequested, input)
                VALUES (?, ?, ?, 'queued', 0, ?, 0, ?) RETURNING id
                """, [kind.rawValue, parameters, owner, Date().timeIntervalSince1970, input]) ?? 0
        guard let job = try await job(id: id) else { throw StoreError.corrupt("job \(id) vanished") }
        return job
    }

    public func job(id: Int64) async throws -> JobRecord? {
        try await db.fetchOne("SELECT \(Self.columns) FROM job WHERE id = ?", [id]).map(Self.record)
    }

    /// The file a job works on, while it has not ended.
    public func input(id: Int64) async throws -> Data? {
        try await db.fetchValue(Data.self, "SELECT input FROM job WHERE id = ?", [id])
    }

    /// The owner's request to cancel: a queued job ends at once, a running one at its next report.
    public func cancel(id: Int64) async throws {
        try await db.execute("UPDATE job SET cancelRequested = 1 WHERE id = ? AND state IN ('queued', 'running')", [id])
        try await db.execute(
            """
            UPDATE job SET state = 'cancelled', message = '已取消', finishedAt = ?, input = NULL WHERE id = ? AND state = 'queued'
            """, [Date().timeIntervalSince1970, id])
    }

    public func result(id: Int64) async throws -> JobResult? {
        try await db.fetchOne("SELECT resultName, resultType, result FROM job WHERE id = ? AND result IS NOT NULL", [id]).map {
            JobResult(name: $0["resultName"], contentType: $0["resultType"], data: $0["result"])
        }
    }

    /// The jobs `owner` started (every job when nil), newest first.
    public func jobs(owner: String?, limit: Int = 50) async throws -> [JobRecord] {
        if let owner {
            return try await db.fetchAll("SELECT \(Self.columns) FROM job WHERE owner = ? ORDER BY id DESC LIMIT ?", [owner, limit])
                .map(Self.record)
        }
        return try await db.fetchAll("SELECT \(Self.columns) FROM job ORDER BY id DESC LIMIT ?", [limit]).map(Self.record)
    }

    static func record(_ row: Row) -> JobRecord {
        JobRecord(
            id: row["id"], kind: JobRecord.Kind(rawValue: row["kind"]) ?? .audit, parameters: row["parameters"],
            owner: row["owner"], state: JobRecord.State(rawValue: row["state"]) ?? .failed, done: row["done"],
            total: row["total"], createdAt: row["createdAt"], startedAt: row["startedAt"], finishedAt: row["finishedAt"],
            message: row["message"], runId: row["runId"], resultName: row["resultName"], resultType: row["resultType"],
            hasResult: (row["hasResult"] as Int64) != 0, cancelRequested: (row["cancelRequested"] as Int64) != 0)
    }
}

extension CaseStore {
    /// A short write of the web service's jobs, which no journal entry follows, awaited
    /// (`writeOutsideJournal`).
    public func writingJobs<T>(_ body: (JobRepository) async throws -> T) async throws -> T {
        try await backend.awaitWriteOutsideJournal { try await body(JobRepository(db: $0)) }
    }
}
