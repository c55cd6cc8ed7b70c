import Audit
import CaseModel
import CaseStore
import CaseXML
import Foundation
import WorkCalendar

/// One case's audit for a page, as of a day.
public struct PageAudit: Sendable {
    public var audit: CaseAudit
    /// The run whose stored result this is; nil when the case was audited for this page.
    public var storedRun: Int64?
}

/// What a case page shows of one case, read in one transaction: the case, its version, its manual
/// scores, its audit and which of its records' files its agency uploaded.
public struct CaseForPage: Sendable {
    public var enforcementCase: EnforcementCase
    public var version: Int
    public var manualScores: [ManualScore]
    public var judged: PageAudit
    /// The hashes (lower-case hex) of the files named by the case's records that the case's
    /// agency uploaded: only those download from its page.
    public var ownedUploads: Set<String>
}

extension AuditRunner {
    /// A case's audit as of `asOf`, without its passing findings: the stored result of the newest
    /// complete run under `environmentHash` when it still holds for this version of the case, these
    /// manual scores and this day (the rule incremental runs reuse results by, so the page says what
    /// a run would); otherwise the case is audited now. A stored result that cannot be read is
    /// audited again, not shown.
    public func pageAudit(
        _ c: EnforcementCase, version: Int, manualScores: [ManualScore], asOf: CalendarDate, auditor: CaseAuditor,
        environmentHash: String
    ) throws -> PageAudit {
        let held = try store.heldAudit(
            caseId: c.id, version: version, manualDigest: AuditResultKeys.digest(of: manualScores), day: asOf,
            environmentHash: environmentHash)
        return Self.judge(c, held: held, manualScores: manualScores, asOf: asOf, auditor: auditor)
    }

    /// Everything a case page shows of case `id`, read in one transaction that the caller awaits,
    /// with its audit as `pageAudit` decides it; nil when there is no such case.
    public func caseForPage(id: String, asOf: CalendarDate, auditor: CaseAuditor, environmentHash: String) async throws -> CaseForPage? {
        let read = try await store.reading { reader -> StoredPage? in
            guard let (c, version) = try await reader.cases.loadWithVersion(id: id) else { return nil }
            let manual = try await reader.audits.manualScores(caseId: id)
            let held = try await reader.audits.heldAudit(
                caseId: id, version: version, manualDigest: AuditResultKeys.digest(of: manual), day: asOf, environmentHash: environmentHash)
            let files = Set(c.events.flatMap(\.records).compactMap { $0.file.flatMap(EvidenceCheck.uploadedStem) })
            return await StoredPage(
                enforcementCase: c, version: version, manualScores: manual, held: held,
                ownedUploads: try reader.uploads.owned(agency: c.agency, among: files))
        }
        guard let read else { return nil }
        // The audit, when the stored one no longer holds, runs here, after the transaction has ended.
        return CaseForPage(
            enforcementCase: read.enforcementCase, version: read.version, manualScores: read.manualScores,
            judged: Self.judge(read.enforcementCase, held: read.held, manualScores: read.manualScores, asOf: asOf, auditor: auditor),
            ownedUploads: read.ownedUploads)
    }

    private struct StoredPage: Sendable {
        var enforcementCase: EnforcementCase
        var version: Int
        var manualScores: [ManualScore]
        var held: (runId: Int64, json: String)?
        var ownedUploads: Set<String>
    }

    private static func judge(
        _ c: EnforcementCase, held: (runId: Int64, json: String)?, manualScores: [ManualScore], asOf: CalendarDate, auditor: CaseAuditor
    ) -> PageAudit {
        if let held, let audit = try? JSONDecoder().decode(CaseAudit.self, from: Data(held.json.utf8)) {
            return PageAudit(audit: audit, storedRun: held.runId)
        }
        return PageAudit(audit: auditor.audit(c, asOf: asOf, manualScores: manualScores, keepPassing: false), storedRun: nil)
    }
}
