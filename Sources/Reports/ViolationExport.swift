import Audit
import AuditRuns
import CaseModel
import CaseStore
import Foundation

/// One failed finding as the supervision bureau lists it.
public struct ViolationRow: Codable, Sendable, Equatable {
    public var agency: String
    public var agencyName: String
    public var caseId: String
    public var decisionNumber: String?
    public var caseType: String
    public var rule: String
    public var title: String
    public var message: String
    public var basis: String?
    public var severity: String
    public var deduction: Double
    public var deadline: CalendarDate?
    public var actual: CalendarDate?

    /// 期限/实际日期, e.g. "期限 2024-02-20；实际 2024-02-21".
    public var dates: String {
        var parts: [String] = []
        if let deadline { parts.append("期限 \(deadline)") }
        if let actual { parts.append("实际 \(actual)") }
        return parts.joined(separator: "；")
    }

    static let headers = ["执法主体", "案件编号", "决定文号", "案件类型", "规则编号", "问题", "法律依据", "严重程度", "扣分", "期限/实际日期"]

    var fields: [String] {
        [agencyName, caseId, decisionNumber ?? "", caseType, rule, message, basis ?? "", severity, deduction.readableText, dates]
    }
}

public enum ExportFormat: String, Sendable, CaseIterable {
    case csv, xlsx, json
}

/// Which failed findings of a stored run to list.
public struct ViolationFilter: Sendable {
    public var agency: String?
    public var rule: String?
    public var from: CalendarDate?
    public var to: CalendarDate?

    public init(agency: String? = nil, rule: String? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil) {
        self.agency = agency; self.rule = rule; self.from = from; self.to = to
    }
}

/// Writes the violation list of a stored audit run, streaming: one case's findings in memory at a time.
public enum ViolationExport {
    /// Calls `body` with every failed finding of the run that passes the filter, in case-id order.
    public static func forEachViolation(run: AuditRunRecord, store: CaseStore, filter: ViolationFilter,
                                        _ body: (ViolationRow) throws -> Void) throws {
        let names = RegistryNames(try store.registry())
        let decoder = JSONDecoder()
        try store.forEachAuditResultWithCase(runId: run.id!, agency: filter.agency, from: filter.from, to: filter.to, onlyFailing: true) { entry in
            let audit = try decoder.decode(CaseAudit.self, from: Data(entry.result.audit.utf8))
            for finding in audit.findings where finding.status == .fail && (filter.rule == nil || finding.rule == filter.rule) {
                try body(ViolationRow(
                    agency: audit.agency, agencyName: names.agency(audit.agency), caseId: audit.id,
                    decisionNumber: entry.decisionNumber, caseType: entry.type.chineseName, rule: finding.rule,
                    title: finding.title, message: finding.message, basis: finding.basis,
                    severity: finding.severity.chineseName, deduction: finding.deduction,
                    deadline: finding.deadline, actual: finding.date))
            }
        }
    }

    /// Writes the list to `url`; returns how many rows it wrote.
    @discardableResult
    public static func write(run: AuditRunRecord, store: CaseStore, filter: ViolationFilter, format: ExportFormat, to url: URL) throws -> Int {
        var count = 0
        switch format {
        case .csv:
            let sink = try ReportSink(path: url.path)
            let csv = CSVWriter(sink: sink)
            csv.row(ViolationRow.headers)
            try forEachViolation(run: run, store: store, filter: filter) { row in
                csv.row(row.fields)
                count += 1
            }
            try sink.close()
        case .json:
            let sink = try ReportSink(path: url.path)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            sink.write("[")
            try forEachViolation(run: run, store: store, filter: filter) { row in
                sink.write((count == 0 ? "\n" : ",\n") + String(decoding: try encoder.encode(row), as: UTF8.self))
                count += 1
            }
            sink.write("\n]\n")
            try sink.close()
        case .xlsx:
            count = try writeWorkbook(run: run, store: store, filter: filter, to: url)
        }
        return count
    }

    private static func writeWorkbook(run: AuditRunRecord, store: CaseStore, filter: ViolationFilter, to url: URL) throws -> Int {
        let workbook = try XLSXWorkbook(url: url)
        let widths: [Double] = [24, 20, 26, 12, 22, 60, 50, 10, 8, 30]
        try workbook.addSheet("问题清单", columns: zip(ViolationRow.headers, widths).map { XLSXWorkbook.Column($0, width: $1) })
        var summary: [String: (name: String, title: String, count: Int, deduction: Double)] = [:]
        var count = 0
        try forEachViolation(run: run, store: store, filter: filter) { row in
            workbook.addRow(row.fields.enumerated().map { index, field in
                index == 8 ? .number(row.deduction) : (field.isEmpty ? .empty : .text(field))
            })
            let key = row.agency + "\u{1}" + row.rule
            var entry = summary[key] ?? (row.agencyName, row.title, 0, 0)
            entry.count += 1
            entry.deduction += row.deduction
            summary[key] = entry
            count += 1
        }
        try workbook.addSheet("按主体和规则汇总", columns: [
            .init("执法主体", width: 24), .init("规则编号", width: 22), .init("问题", width: 34),
            .init("次数", width: 8), .init("扣分合计", width: 10),
        ])
        for key in summary.keys.sorted() {
            let entry = summary[key]!
            workbook.addRow([.text(entry.name), .text(String(key.split(separator: "\u{1}")[1])), .text(entry.title),
                             .number(Double(entry.count)), .number(entry.deduction)])
        }
        try workbook.finish()
        return count
    }
}
