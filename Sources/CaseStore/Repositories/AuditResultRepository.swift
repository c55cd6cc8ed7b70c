import CaseModel
import WorkCalendar

/// Audit runs' stored results and the reviewers' manual scores, read within one transaction.
public struct AuditResultRepository {
    let db: any SQLConnection

    /// The hash of the store's last change that an audit could read (audit runs themselves excluded).
    public func contentFingerprint() async throws -> String {
        let judgments = JournalAction.allCases.filter { !$0.changesAuditInputs }.map(\.rawValue)
        let placeholders = judgments.map { _ in "?" }.joined(separator: ", ")
        return try await db.fetchValue(
            String.self, "SELECT hash FROM journal WHERE action NOT IN (\(placeholders)) ORDER BY seq DESC LIMIT 1",
            judgments) ?? JournalEntry.genesis
    }

    /// The newest complete run made for these inputs (`AuditRunner.inputsHash`), if any.
    public func completeRun(inputsHash: String) async throws -> AuditRunRecord? {
        try await db.fetchRecords(AuditRunRecord.self, "SELECT * FROM auditRun WHERE inputsHash = ? AND complete = 1 ORDER BY id DESC LIMIT 1", [inputsHash])
            .first
    }

    /// A case's manual scores, oldest first.
    public func manualScores(caseId: String) async throws -> [ManualScore] {
        try await db.fetchRecords(ManualScoreRecord.self, "SELECT * FROM manualScore WHERE caseId = ? ORDER BY id", [caseId]).map(\.score)
    }

    /// The stored judgment of one case that still holds: the JSON of its result in the newest
    /// complete run made under `environmentHash`, when that result was judged on this `version` of
    /// the case with these manual scores (`manualDigest`) and `day` lies in its window — the rule
    /// an incremental run reuses results by. Nil when the case must be audited again.
    public func heldAudit(
        caseId: String, version: Int, manualDigest: String, day: CalendarDate, environmentHash: String
    ) async throws -> (runId: Int64, json: String)? {
        guard
            let run = try await db.fetchOne(
                "SELECT id, baseRun FROM auditRun WHERE environmentHash = ? AND complete = 1 ORDER BY id DESC LIMIT 1", [environmentHash])
        else { return nil }
        // The run's own row decides when there is one; the base's row only when there is not.
        let newest: Int64 = run["id"]
        for runId in [newest, run["baseRun"] as Int64?].compactMap({ $0 }) {
            guard
                let row = try await db.fetchOne(
                    "SELECT caseVersion, manualDigest, reuseFrom, reuseUntil, audit FROM auditResultRead WHERE runId = ? AND caseId = ?",
                    [runId, caseId])
            else { continue }
            let dayNumber = Int(day.dayNumber)
            guard row["caseVersion"] as Int? == version, row["manualDigest"] as String? == manualDigest,
                let from = row["reuseFrom"] as Int?, let until = row["reuseUntil"] as Int?, from <= dayNumber, dayNumber <= until
            else { return nil }
            guard let text = row["audit"] as String? else { return nil }
            return (newest, try await ResultTemplates.load(db).expand(text, caseId: caseId))
        }
        return nil
    }
}
