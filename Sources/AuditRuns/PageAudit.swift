import Audit
import CaseModel
import CaseStore
import Foundation
import WorkCalendar

/// One case's audit for a page, as of a day.
public struct PageAudit: Sendable {
    public var audit: CaseAudit
    /// The run whose stored result this is; nil when the case was audited for this page.
    public var storedRun: Int64?
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
        if let held = try store.heldAudit(
            caseId: c.id, version: version, manualDigest: AuditResultKeys.digest(of: manualScores), day: asOf,
            environmentHash: environmentHash),
            let audit = try? JSONDecoder().decode(CaseAudit.self, from: Data(held.json.utf8))
        {
            return PageAudit(audit: audit, storedRun: held.runId)
        }
        return PageAudit(audit: auditor.audit(c, asOf: asOf, manualScores: manualScores, keepPassing: false), storedRun: nil)
    }
}
