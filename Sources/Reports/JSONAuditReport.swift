import Audit
import AuditRuns
import CaseModel
import CaseStore
import Foundation

/// The audit document (docs/format.md, "Audit output"): `{ "checklist", "asOf", "cases": [ … ] }`, streamed case by case.
public enum JSONAuditReport {
    public static func write(run: AuditRunRecord, store: CaseStore, agency: String? = nil, includeAll: Bool, to sink: ReportSink) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func json<T: Encodable>(_ value: T) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        sink.write("{\"asOf\":\(try json(run.asOf.description)),\"checklist\":\(try json(run.checklistName)),")
        sink.write("\"checklistHash\":\(try json(run.checklistHash)),\"run\":\(run.id ?? 0),\"cases\":[")
        var first = true
        let decoder = JSONDecoder()
        try store.forEachAuditResult(runId: run.id!, agency: agency) { record in
            // A run stores what its report shows; only a run kept with every finding (or one from
            // before v8, which did not say) needs filtering.
            var text = record.audit
            if !includeAll, run.keepsAllFindings != false, text.containsBytes("\"status\":\"pass\"") || text.containsBytes("\"status\":\"not-applicable\"") {
                var audit = try decoder.decode(CaseAudit.self, from: Data(text.utf8))
                audit.findings = audit.findings.filter { [.fail, .manual, .corrected].contains($0.status) }
                text = try json(audit)
            }
            sink.write((first ? "\n" : ",\n") + text)
            first = false
        }
        sink.write("\n]}\n")
    }
}
