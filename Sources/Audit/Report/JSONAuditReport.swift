import CaseStore
import Foundation

/// The audit document of rules.md: `{ "checklist", "asOf", "cases": [ … ] }`, streamed case by case.
public enum JSONAuditReport {
    public static func write(run: AuditRunRecord, store: CaseStore, agency: String? = nil, includeAll: Bool, to sink: ReportSink) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func json<T: Encodable>(_ value: T) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        sink.write("{\"asOf\":\(try json(run.asOf.description)),\"checklist\":\(try json(run.checklistName)),")
        sink.write("\"checklistHash\":\(try json(run.checklistHash)),\"run\":\(run.id ?? 0),\"cases\":[")
        var first = true
        try AuditRunner.forEachCaseAudit(in: store, runId: run.id!, agency: agency) { audit in
            var shown = audit
            if !includeAll { shown.findings = audit.findings.filter { $0.status == .fail || $0.status == .manual } }
            sink.write((first ? "\n" : ",\n") + (try json(shown)))
            first = false
        }
        sink.write("\n]}\n")
    }
}
