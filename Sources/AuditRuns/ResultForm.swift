import Audit
import CaseModel
import CaseStore

/// How a run writes its results' JSON: without what every result of its checklist holds alike
/// (`SharedResultParts`), which the store keeps once, under the key its headers name
/// (`StoredAuditText`): three quarters of a typical result's text, written and read again for
/// every case of a run.
struct ResultForm: Sendable {
    let parts: SharedResultParts
    let headers: StoredAuditText.Headers

    /// The form of `auditor`'s results, its template stored in `store` if it was not.
    init(_ auditor: CaseAuditor, in store: CaseStore) throws {
        self.parts = auditor.sharedResultParts
        self.headers = StoredAuditText.Headers(key: try store.registerResultTemplate(parts.template))
    }

    func json(_ audit: CaseAudit) -> String {
        AuditJSON.encodeStored(audit, sharing: parts, headers: headers)
    }
}
