import Audit
import CaseModel
import CaseStore
import CaseXML
import Foundation
import WorkCalendar

/// Why a worker cannot take part in a shared run.
public enum SharedAuditError: Error, Equatable, CustomStringConvertible {
    case runUnknown(Int64)
    case notShared(Int64)
    /// The worker's checklist, calendar, registry or benchmarks differ from the planner's: its
    /// judgments would not be the run's.
    case differentJudgment(Int64)

    public var description: String {
        switch self {
        case .runUnknown(let run): "没有第 \(run) 次评查。"
        case .notShared(let run): "第 \(run) 次评查不是多进程共同完成的评查，不能加入。"
        case .differentJudgment(let run):
            "本进程的评查细则、节假日日历或库中名录、裁量基准与第 \(run) 次评查发起时不同，不能加入；请用相同的 --checklist 与版本。"
        }
    }
}

/// A run shared by several processes, on one machine or many: the planner begins the run, copies
/// what still holds from the last one and stores the rest as chunks of case ids; every worker
/// (the planner too) claims chunks from the store, audits them and stores each chunk's results
/// with its completion in one transaction. A worker that dies leaves its chunk claimed until its
/// lease runs out, and another claims it then; the last chunk done completes the run, once.
extension AuditRunner {
    /// The digest of what a worker judges with besides the program: checklist, calendar, registry
    /// and benchmarks, kept findings.
    public func judgmentHash(keepAllFindings: Bool) throws -> String {
        Hex.sha256(
            [
                checklist.contentHash, Hex.sha256(calendar.signature), try store.referenceFingerprint(),
                "all=\(keepAllFindings)"
            ].joined(separator: "\n"))
    }

    /// Begins a shared run and stores its chunks; workers then `work(on:)` it. The run holds every
    /// result itself, never building on a base: a worker finds its cases by the rows the run lacks.
    /// A chunk of 4,096 cases is a fifth of a second's work on one core here; each chunk costs a
    /// claim and a first read that nothing overlaps, which at 1,024 cases a chunk made a worker
    /// alone a third slower than one process auditing (docs/performance.md).
    public func planShared(
        asOf: CalendarDate, selection: AuditSelection = AuditSelection(), actor: String,
        incremental: Bool = true, chunkSize: Int = 4096
    ) throws -> AuditRunRecord {
        let inputs = try inputsHash(asOf: asOf, selection: selection)
        let (run, caseCount, toAudit) = try begin(
            asOf: asOf, selection: selection, inputs: inputs, actor: actor,
            incremental: incremental, manual: try store.manualScores(), mayBuildOnBase: false)
        let size = max(1, chunkSize)
        let chunks = stride(from: 0, to: toAudit.count, by: size).map { start in
            (first: toAudit[start], last: toAudit[min(toAudit.count, start + size) - 1])
        }
        try store.planAuditWork(
            AuditPlan(
                runId: run.id!, agency: selection.agency, caseIds: selection.caseIds,
                keepAllFindings: selection.keepAllFindings, caseCount: caseCount,
                checklistHash: checklist.contentHash,
                judgmentHash: try judgmentHash(keepAllFindings: selection.keepAllFindings)),
            chunks: chunks)
        return run
    }

    /// Claims and audits chunks of a shared run until every chunk is done, and returns how many
    /// this worker stored. `lease`: seconds after which a claimed chunk is taken for abandoned.
    @discardableResult
    public func work(
        on runId: Int64, worker: String, actor: String, lease: Double = 120,
        poll: TimeInterval = 0.2
    ) throws -> Int {
        guard let run = try store.auditRun(id: runId) else { throw SharedAuditError.runUnknown(runId) }
        guard let plan = try store.auditPlan(runId: runId) else { throw SharedAuditError.notShared(runId) }
        guard plan.checklistHash == checklist.contentHash, plan.judgmentHash == (try judgmentHash(keepAllFindings: plan.keepAllFindings)) else {
            throw SharedAuditError.differentJudgment(runId)
        }
        let auditor = try self.auditor()
        let form = try ResultForm(auditor, in: store)
        let manual = try store.manualScores()
        var stored = 0
        // The chunk whose results are being written while the next is claimed, read and audited.
        var writing: ChunkWrite?
        func settle() throws {
            if let write = writing {
                writing = nil
                if try write.stored() { stored += 1 }
            }
        }
        while true {
            switch try store.claimAuditChunk(runId: runId, worker: worker, now: Date().timeIntervalSince1970, lease: lease, actor: actor) {
            case .finished:
                try settle()
                return stored
            case .waiting:
                // A chunk of this worker's still being written keeps the run from finishing: wait
                // for it rather than poll.
                if writing != nil { try settle() } else { Thread.sleep(forTimeInterval: poll) }
            case .claimed(let chunk):
                let (ids, wholeRange) = try store.unauditedCaseIds(runId: runId, plan: plan, first: chunk.firstCaseId, last: chunk.lastCaseId)
                var results: [(record: AuditResultRecord, keys: AuditResultKeys?)] = []
                // Read ahead of the auditing, as a run of one process reads (two readers on
                // PostgreSQL), a chunk in quarters so that reading and auditing overlap within it.
                let size = max(32, (ids.count + 3) / 4)
                try store.forEachVersionedBatchAhead(of: ids, size: size, scattered: !wholeRange) { batch in
                    results += Self.audit(
                        batch, auditor: auditor, form: form, manual: manual, asOf: run.asOf, keepAll: plan.keepAllFindings, runId: runId)
                }
                try settle()
                writing = ChunkWrite { [store, results] in
                    try store.finishAuditChunk(chunk, worker: worker, results: results, now: Date().timeIntervalSince1970)
                }
            }
        }
    }

    /// A name for this worker that no other process shares: host, process and a random part.
    public static func workerName() -> String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UInt32.random(in: 0...UInt32.max))"
    }
}

/// A chunk's results written on a thread of their own (`CaseStore.finishAuditChunk`), one chunk at
/// a time, while the worker goes on with the next: written on the auditing thread, the worker
/// waited for each chunk's write before it claimed the next (docs/performance.md).
private final class ChunkWrite: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written before `done` is signalled, read after it is waited for.
    private var outcome: Result<Bool, any Error> = .success(false)

    init(_ write: @escaping @Sendable () throws -> Bool) {
        Thread.detachNewThread { [self] in
            outcome = Result { try write() }
            done.signal()
        }
    }

    /// Whether the chunk was stored (false when its claim was lost), once it is written.
    func stored() throws -> Bool {
        done.wait()
        return try outcome.get()
    }
}
