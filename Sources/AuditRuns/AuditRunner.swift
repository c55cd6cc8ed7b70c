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
        self.caseIds = caseIds
        self.agency = agency
        self.keepAllFindings = keepAllFindings
    }

    var description: String { "agency=\(agency ?? "*");cases=\(caseIds.sorted().joined(separator: ","));all=\(keepAllFindings)" }
}

/// A stored, complete audit run.
public struct AuditRunSummary: Sendable {
    public var run: AuditRunRecord
    /// True when an identical earlier run was found and nothing was audited again.
    public var reused: Bool
    /// How many cases' results were copied from an earlier run rather than audited again.
    public var casesReused: Int = 0

    public init(run: AuditRunRecord, reused: Bool, casesReused: Int = 0) {
        self.run = run
        self.reused = reused
        self.casesReused = casesReused
    }
}

/// Audits stored cases and stores the run: cases are read in batches, audited on every core, and
/// written back batch by batch, so memory stays bounded whatever the store holds.
public struct AuditRunner: Sendable {
    public let store: CaseStore
    public let checklist: Checklist
    public let calendar: WorkingDayCalendar

    public init(store: CaseStore, checklist: Checklist, calendar: WorkingDayCalendar) {
        self.store = store
        self.checklist = checklist
        self.calendar = calendar
    }

    /// Everything the results depend on, hashed.
    public func inputsHash(asOf: CalendarDate, selection: AuditSelection) throws -> String {
        inputsHash(asOf: asOf, selection: selection, contentFingerprint: try store.contentFingerprint())
    }

    private func inputsHash(asOf: CalendarDate, selection: AuditSelection, contentFingerprint: String) -> String {
        let parts = [
            "zhifa-audit-1", Self.programFingerprint, checklist.contentHash, asOf.description, selection.description,
            Hex.sha256(calendar.signature), contentFingerprint
        ]
        return Hex.sha256(parts.joined(separator: "\n"))
    }

    /// Whether a complete run holds for this day and selection as the store stands, read in one
    /// awaited transaction: what a page asks before it decides to audit.
    public func hasCompleteRun(asOf: CalendarDate, selection: AuditSelection) async throws -> Bool {
        try await store.reading { reader in
            let inputs = await inputsHash(asOf: asOf, selection: selection, contentFingerprint: try reader.audits.contentFingerprint())
            return try await reader.audits.completeRun(inputsHash: inputs) != nil
        }
    }

    /// The running program's identity (path, size and build time): a rebuilt rule engine must not
    /// reuse runs of the old one. Cheaper than hashing the whole binary, and as telling for this.
    static let programFingerprint: String = {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? ""
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = attributes[.size] as? NSNumber, let modified = attributes[.modificationDate] as? Date
        else { return "unknown" }
        return "\(path)|\(size)|\(modified.timeIntervalSince1970)"
    }()

    /// The engine for this checklist and calendar over the store's registry and benchmarks as they
    /// are now: what runs, forms, due lists and pages audit with.
    /// The caller that read the registry gives what the published lists cover from the same read.
    public func auditor(
        registry: Registry? = nil, benchmarks: [BenchmarkSet]? = nil, publishedCoverage: [PublishedCoverage]? = nil
    ) throws -> CaseAuditor {
        try CaseAuditor(
            checklist: checklist, calendar: calendar, registry: registry ?? store.registry(),
            benchmarks: benchmarks ?? store.benchmarkSets(), publishedCoverage: publishedCoverage ?? store.publishedCoverage())
    }

    /// What every case's result depends on but the case itself, its manual scores and the as-of day.
    public func environmentHash(keepAllFindings: Bool) throws -> String {
        environmentHash(keepAllFindings: keepAllFindings, referenceFingerprint: try store.referenceFingerprint())
    }

    /// `environmentHash`, given the store's reference fingerprint read by the caller.
    public func environmentHash(keepAllFindings: Bool, referenceFingerprint: String) -> String {
        let parts = [
            "zhifa-audit-environment-1", Self.programFingerprint, checklist.contentHash, Hex.sha256(calendar.signature),
            referenceFingerprint, "all=\(keepAllFindings)"
        ]
        return Hex.sha256(parts.joined(separator: "\n"))
    }

    /// Audits the selection as of `asOf` and stores the run.
    ///
    /// - `reuse`: an earlier complete run with the same inputs is returned as it is.
    /// - `incremental`: otherwise a case's result in the newest run made under the same environment
    ///   is copied when the case's version and manual scores are those it was judged with and the
    ///   new as-of day lies in the days on which that judgment holds (`CaseAuditor.auditForReuse`);
    ///   every other case is audited afresh. The run is the same, case for case, as a fresh one.
    ///
    /// `progress` hears, after each batch is audited, how many of the cases to audit are done; an
    /// error it throws (a job cancelled by its owner) ends the run, which stays incomplete.
    public func run(
        asOf: CalendarDate, selection: AuditSelection = AuditSelection(), actor: String,
        reuse: Bool = true, incremental: Bool = true, batchSize: Int = 512,
        progress: (_ done: Int, _ total: Int) throws -> Void = { _, _ in }
    ) throws -> AuditRunSummary {
        let inputs = try inputsHash(asOf: asOf, selection: selection)
        if reuse, let existing = try completeRun(inputsHash: inputs) { return existing }
        let manual = try store.manualScores()
        let (run, caseCount, toAudit) = try begin(
            asOf: asOf, selection: selection, inputs: inputs, actor: actor,
            incremental: incremental, manual: manual)
        let runId = run.id!
        let auditor = try self.auditor()
        let form = try ResultForm(auditor, in: store)
        // Auditing a batch overlaps loading the next and writing the last: reads and writes run
        // on threads of their own.
        var done = 0
        try progress(0, toAudit.count)
        try store.appendingAuditResultsBehind { append in
            let size = Self.batchSize(auditing: toAudit.count, atMost: batchSize)
            try store.forEachVersionedBatchAhead(of: toAudit, size: size, scattered: toAudit.count < caseCount) { batch in
                try append(
                    Self.audit(batch, auditor: auditor, form: form, manual: manual, asOf: asOf, keepAll: selection.keepAllFindings, runId: runId))
                done += batch.cases.count + batch.unreadable.count
                try progress(min(done, toAudit.count), toAudit.count)
            }
        }
        try store.completeAuditRun(runId, caseCount: caseCount, actor: actor)
        var completed = run
        completed.caseCount = caseCount
        completed.complete = true
        return AuditRunSummary(run: completed, reused: false, casesReused: caseCount - toAudit.count)
    }

    /// An earlier complete run with exactly these inputs, returned instead of auditing again.
    public func completeRun(inputsHash: String) throws -> AuditRunSummary? {
        try store.findCompleteRun(inputsHash: inputsHash).map { AuditRunSummary(run: $0, reused: true) }
    }

    /// Begins a run: stores its record and takes into it the results that still hold from the newest
    /// run under the same environment (`CaseStore.beginAuditRun(_:reusing:…)`, which builds a run
    /// over the whole store on that run's base when it may); returns the run, how many cases its
    /// selection holds, and the ids left to audit.
    func begin(
        asOf: CalendarDate, selection: AuditSelection, inputs: String, actor: String, incremental: Bool,
        manual: [String: [ManualScore]], mayBuildOnBase: Bool = true
    ) throws -> (run: AuditRunRecord, caseCount: Int, toAudit: [String]) {
        let environment = try environmentHash(keepAllFindings: selection.keepAllFindings)
        let latest = incremental ? try store.latestCompleteRun(environmentHash: environment) : nil
        // Named cases are those present of the names; a whole selection is listed or counted by
        // the store in the run's own transaction.
        let named = selection.caseIds.isEmpty ? nil : try store.caseIds(agency: selection.agency, ids: selection.caseIds)
        var record = AuditRunRecord(
            createdAt: Date().ISO8601Format(), asOf: asOf, checklistName: checklist.name, checklistTitle: checklist.title,
            checklistHash: checklist.contentHash, inputsHash: inputs, actor: actor)
        record.environmentHash = environment
        record.keepsAllFindings = selection.keepAllFindings
        record.coversStore = selection.agency == nil && selection.caseIds.isEmpty
        return try store.beginAuditRun(
            record, reusing: latest, named: named, day: asOf, agency: selection.agency,
            manualDigests: manual.mapValues { AuditResultKeys.digest(of: $0) }, mayBuildOnBase: mayBuildOnBase)
    }

    /// Cases a batch holds when `count` are to be audited: `atMost`, or a sixteenth of them when
    /// that is fewer (at least 32). Reading the first batch and writing the last overlap nothing;
    /// an incremental run of 2,400 cases took a tenth longer in five batches than in sixteen.
    static func batchSize(auditing count: Int, atMost: Int) -> Int {
        max(1, min(atMost, max(32, count / 16)))
    }

    /// One batch's results, audited on every core; a case whose rows cannot be read is a finding
    /// of the run, not the end of it, and is never reused.
    static func audit(
        _ batch: CaseBatch, auditor: CaseAuditor, form: ResultForm, manual: [String: [ManualScore]], asOf: CalendarDate,
        keepAll: Bool, runId: Int64
    ) -> [(record: AuditResultRecord, keys: AuditResultKeys?)] {
        let results = ParallelResults<(record: AuditResultRecord, keys: AuditResultKeys?)>(count: batch.cases.count + batch.unreadable.count)
        for (offset, lost) in batch.unreadable.enumerated() {
            let audit = auditor.unreadable(id: lost.id, agency: lost.agency, reason: lost.reason)
            results.set(batch.cases.count + offset, (record(audit, runId: runId, form: form), nil))
        }
        DispatchQueue.concurrentPerform(iterations: batch.cases.count) { index in
            let c = batch.cases[index]
            let scores = manual[c.id, default: []]
            let (audit, window) = auditor.auditForReuse(c, asOf: asOf, manualScores: scores, keepPassing: keepAll)
            let keys = batch.versions[c.id].map { AuditResultKeys(caseVersion: $0, manualDigest: AuditResultKeys.digest(of: scores), window: window) }
            results.set(index, (record(audit, runId: runId, form: form), keys))
        }
        return results.values
    }

    static func record(_ audit: CaseAudit, runId: Int64, form: ResultForm) -> AuditResultRecord {
        AuditResultRecord(
            runId: runId, caseId: audit.id, agency: audit.agency, score: audit.score, grade: audit.grade,
            veto: audit.veto, failures: audit.failures.count, audit: form.json(audit))
    }

    /// The audits of a stored run, decoded, in case-id order.
    public static func forEachCaseAudit(
        in store: CaseStore, runId: Int64, agency: String? = nil,
        _ body: (CaseAudit) throws -> Void
    ) throws {
        let decoder = JSONDecoder()
        try store.forEachAuditResult(runId: runId, agency: agency) { record in
            try body(try decoder.decode(CaseAudit.self, from: Data(record.audit.utf8)))
        }
    }

    /// Which of run `runId`'s stored results are final and which 初评. Only the cases with a
    /// signature are read, the few a review reached.
    public static func finalCases(in store: CaseStore, runId: Int64, agency: String? = nil) throws -> FinalScores {
        let decoder = JSONDecoder()
        var final: Set<String> = []
        try store.forEachAuditResult(runId: runId, agency: agency, withEntry: ManualScore.conclusionItem) { record in
            let audit = try decoder.decode(CaseAudit.self, from: Data(record.audit.utf8))
            if audit.standing.isGraded, !audit.isInProgress, !audit.isProvisional { final.insert(audit.id) }
        }
        return FinalScores(cases: final)
    }
}

/// A run's decided cases whose score is final (every manual item scored and the conclusion
/// signed): what a listing of stored results, which holds no review, asks to tell 初评 apart.
public struct FinalScores: Sendable {
    public let cases: Set<String>

    public var count: Int { cases.count }

    /// Whether the stored result of case `caseId` with `grade` is 初评: graded, and not final.
    public func isProvisional(caseId: String, grade: String) -> Bool {
        CaseStanding(storedGrade: grade).isGraded && !cases.contains(caseId)
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
