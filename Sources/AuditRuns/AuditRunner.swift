import Audit
import CaseModel
import CaseStore
import CaseXML
import Crypto
import Dispatch
import Foundation
import WorkCalendar

/// Which cases an audit covers.
public struct AuditSelection: Sendable, Equatable {
    public var caseIds: [String]
    public var agency: String?

    /// Keep passing and not-applicable findings too (`--all`); otherwise only failures and manual items are stored.
    public var keepAllFindings: Bool

    public init(caseIds: [String] = [], agency: String? = nil, keepAllFindings: Bool = false) {
        self.caseIds = caseIds; self.agency = agency; self.keepAllFindings = keepAllFindings
    }

    var description: String { "agency=\(agency ?? "*");cases=\(caseIds.sorted().joined(separator: ","));all=\(keepAllFindings)" }
}

/// A stored, complete audit run.
public struct AuditRunSummary: Sendable {
    public var run: AuditRunRecord
    /// True when an identical earlier run was found and nothing was audited again.
    public var reused: Bool
}

/// Audits stored cases and stores the run: cases are read in batches, audited on every core, and
/// written back batch by batch, so memory stays bounded whatever the store holds.
public struct AuditRunner: Sendable {
    public let store: CaseStore
    public let checklist: Checklist
    public let calendar: WorkingDayCalendar

    public init(store: CaseStore, checklist: Checklist, calendar: WorkingDayCalendar) {
        self.store = store; self.checklist = checklist; self.calendar = calendar
    }

    /// Everything the results depend on, hashed.
    public func inputsHash(asOf: CalendarDate, selection: AuditSelection) throws -> String {
        let parts = ["zhifa-audit-1", Self.programFingerprint, checklist.contentHash, asOf.description, selection.description,
                     Hex.sha256(calendar.signature), try store.contentFingerprint()]
        return Hex.sha256(parts.joined(separator: "\n"))
    }

    /// The running program's identity (path, size and build time): a rebuilt rule engine must not
    /// reuse runs of the old one. Cheaper than hashing the whole binary, and as telling for this.
    static let programFingerprint: String = {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? ""
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = attributes[.size] as? NSNumber, let modified = attributes[.modificationDate] as? Date else { return "unknown" }
        return "\(path)|\(size)|\(modified.timeIntervalSince1970)"
    }()

    /// The engine for this checklist and calendar over the store's registry and benchmarks as they
    /// are now: what runs, forms, due lists and pages audit with.
    public func auditor(registry: Registry? = nil) throws -> CaseAuditor {
        try CaseAuditor(checklist: checklist, calendar: calendar, registry: registry ?? store.registry(),
                        benchmarks: store.benchmarkSets())
    }

    public func run(asOf: CalendarDate, selection: AuditSelection = AuditSelection(), actor: String,
                    reuse: Bool = true, batchSize: Int = 512) throws -> AuditRunSummary {
        let inputs = try inputsHash(asOf: asOf, selection: selection)
        if reuse, let existing = try store.findCompleteRun(inputsHash: inputs) {
            return AuditRunSummary(run: existing, reused: true)
        }
        let auditor = try self.auditor()
        let manual = try store.manualScores()
        let ids = try store.caseIds(agency: selection.agency, ids: selection.caseIds)
        var run = try store.beginAuditRun(AuditRunRecord(
            createdAt: Date().ISO8601Format(), asOf: asOf, checklistName: checklist.name, checklistTitle: checklist.title,
            checklistHash: checklist.contentHash, inputsHash: inputs, actor: actor))
        let runId = run.id!
        // Loading the next batch overlaps auditing this one: the reads run on their own thread.
        try store.forEachBatchAhead(of: ids, size: batchSize) { cases, unreadable in
            let results = ParallelResults<AuditResultRecord>(count: cases.count + unreadable.count)
            // A case whose rows cannot be read is a finding of the run, not the end of it.
            for (offset, lost) in unreadable.enumerated() {
                let audit = auditor.unreadable(id: lost.id, agency: lost.agency, reason: lost.reason)
                results.set(cases.count + offset, AuditResultRecord(runId: runId, caseId: lost.id, agency: lost.agency, score: audit.score,
                                                                    grade: audit.grade, veto: audit.veto, failures: audit.failures.count,
                                                                    audit: AuditJSON.encode(audit)))
            }
            DispatchQueue.concurrentPerform(iterations: cases.count) { index in
                let c = cases[index]
                let audit = auditor.audit(c, asOf: asOf, manualScores: manual[c.id, default: []], keepPassing: selection.keepAllFindings)
                let json = AuditJSON.encode(audit)
                results.set(index, AuditResultRecord(runId: runId, caseId: c.id, agency: c.agency, score: audit.score,
                                                     grade: audit.grade, veto: audit.veto, failures: audit.failures.count, audit: json))
            }
            try store.appendAuditResults(results.values)
        }
        try store.completeAuditRun(runId, caseCount: ids.count, actor: actor)
        run.caseCount = ids.count
        run.complete = true
        return AuditRunSummary(run: run, reused: false)
    }

    /// The audits of a stored run, decoded, in case-id order.
    public static func forEachCaseAudit(in store: CaseStore, runId: Int64, agency: String? = nil,
                                        _ body: (CaseAudit) throws -> Void) throws {
        let decoder = JSONDecoder()
        try store.forEachAuditResult(runId: runId, agency: agency) { record in
            try body(try decoder.decode(CaseAudit.self, from: Data(record.audit.utf8)))
        }
    }
}

/// Slots that concurrent workers fill, one index each, so no two ever write the same place.
final class ParallelResults<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [Value] { slots.compactMap { $0 } }
}
