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
    public var party: String
    public var decisionNumber: String?
    public var decisionDate: CalendarDate?
    public var caseType: String
    /// The fines of the decision together, in yuan as the interchange format writes them.
    public var fine: String?
    public var rule: String
    public var title: String
    public var message: String
    public var basis: String?
    public var severity: String
    public var deduction: Double
    public var deadline: CalendarDate?
    public var actual: CalendarDate?

    /// The columns of the CSV; the workbook, which people print, leaves out the rule code.
    static let columns: [XLSXWorkbook.Column] = [
        .init("执法主体", width: 12, format: .wrapped), .init("案件编号", width: 16, format: .wrapped),
        .init("当事人", width: 12, format: .wrapped), .init("决定文号", width: 14, format: .wrapped),
        .init("决定日期", width: 10.5, format: .date), .init("案件类型", width: 8, format: .wrapped),
        .init("罚款金额（元）", width: 11, format: .money), .init("规则编号", width: 12, format: .wrapped),
        .init("问题类型", width: 12, format: .wrapped), .init("问题", width: 30, format: .wrapped),
        .init("法律依据", width: 26, format: .wrapped), .init("严重程度", width: 5, format: .wrapped),
        .init("扣分", width: 5, format: .decimal), .init("期限", width: 10.5, format: .date), .init("实际日期", width: 10.5, format: .date)
    ]
    static let ruleColumn = 7
    static var workbookColumns: [XLSXWorkbook.Column] { columns.enumerated().filter { $0.offset != ruleColumn }.map(\.element) }

    /// The row as workbook cells, in `workbookColumns` order.
    var cells: [Cell] {
        func text(_ value: String?) -> Cell { value.flatMap { $0.isEmpty ? nil : Cell.text($0) } ?? .empty }
        func date(_ value: CalendarDate?) -> Cell { value.map(Cell.date) ?? .empty }
        return [
            text(agencyName), text(caseId), text(party), text(decisionNumber), date(decisionDate), text(caseType),
            fine.flatMap(Double.init).map(Cell.number) ?? .empty, text(title), text(message), text(basis),
            text(severity), .number(deduction), date(deadline), date(actual)
        ]
    }

    /// The row as CSV fields: dates as YYYY-MM-DD, amounts as plain yuan.
    var fields: [String] {
        [
            agencyName, caseId, party, decisionNumber ?? "", decisionDate?.description ?? "", caseType, fine ?? "", rule, title,
            message, basis ?? "", severity, deduction.readableText, deadline?.description ?? "", actual?.description ?? ""
        ]
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
        self.agency = agency
        self.rule = rule
        self.from = from
        self.to = to
    }
}

/// Writes the violation list of a stored audit run, streaming: one case's findings in memory at a time.
public enum ViolationExport {
    /// Calls `body` with every failed finding of the run that passes the filter, in case-id order.
    public static func forEachViolation(
        run: AuditRunRecord, store: CaseStore, filter: ViolationFilter,
        _ body: (ViolationRow) throws -> Void
    ) throws {
        let names = RegistryNames(try store.registry())
        let decoder = JSONDecoder()
        try store.forEachAuditResultWithCase(runId: run.id!, agency: filter.agency, from: filter.from, to: filter.to, onlyFailing: true) { entry in
            let audit = try decoder.decode(CaseAudit.self, from: Data(entry.result.audit.utf8))
            for finding in audit.findings where finding.status == .fail && (filter.rule == nil || finding.rule == filter.rule) {
                try body(
                    ViolationRow(
                        agency: audit.agency, agencyName: names.agency(audit.agency), caseId: audit.id, party: entry.party,
                        decisionNumber: entry.decisionNumber, decisionDate: entry.decisionDate, caseType: entry.type.chineseName,
                        fine: entry.fine?.yuanText, rule: finding.rule,
                        title: finding.title, message: finding.message, basis: finding.basis,
                        severity: finding.severity.chineseName, deduction: finding.deduction,
                        deadline: finding.deadline, actual: finding.date))
            }
        }
    }

    /// Writes the list to `url`; returns how many rows it wrote. `progress` hears the rows written so far.
    @discardableResult
    public static func write(
        run: AuditRunRecord, store: CaseStore, filter: ViolationFilter, format: ExportFormat, to url: URL,
        progress: (Int) throws -> Void = { _ in }
    ) throws -> Int {
        var count = 0
        switch format {
        case .csv:
            let sink = try ReportSink(path: url.path)
            let csv = CSVWriter(sink: sink)
            csv.row(ViolationRow.columns.map(\.title))
            try forEachViolation(run: run, store: store, filter: filter) { row in
                csv.row(row.fields)
                count += 1
                try progress(count)
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
                try progress(count)
            }
            sink.write("\n]\n")
            try sink.close()
        case .xlsx:
            count = try writeWorkbook(run: run, store: store, filter: filter, to: url, progress: progress)
        }
        return count
    }

    private static func writeWorkbook(
        run: AuditRunRecord, store: CaseStore, filter: ViolationFilter, to url: URL,
        progress: (Int) throws -> Void
    ) throws -> Int {
        let workbook = try XLSXWorkbook(url: url)
        let scope = try scopeText(filter, store: store)
        try workbook.addSheet(
            "问题清单", title: "行政执法案卷评查问题清单（\(scope)；评查基准日 \(run.asOf)，\(run.checklistTitle)）",
            columns: ViolationRow.workbookColumns)
        var summary: [String: (name: String, title: String, count: Int, deduction: Double)] = [:]
        var count = 0
        try forEachViolation(run: run, store: store, filter: filter) { row in
            workbook.addRow(row.cells)
            let key = row.agency + "\u{1}" + row.rule
            var entry = summary[key] ?? (row.agencyName, row.title, 0, 0)
            entry.count += 1
            entry.deduction += row.deduction
            summary[key] = entry
            count += 1
            try progress(count)
        }
        try workbook.addSheet(
            "按主体和问题汇总", title: "问题按执法主体和问题类型汇总（\(scope)；评查基准日 \(run.asOf)）",
            columns: [
                .init("执法主体", width: 24, format: .wrapped), .init("问题类型", width: 34, format: .wrapped),
                .init("次数", width: 8, format: .integer), .init("扣分合计", width: 10, format: .decimal)
            ])
        for key in summary.keys.sorted() {
            let entry = summary[key]!
            workbook.addRow([.text(entry.name), .text(entry.title), .number(Double(entry.count)), .number(entry.deduction)])
        }
        try workbook.finish()
        return count
    }

    /// For whom and which period the list is: `芜湖市城市管理局，2024-01-01至2024-12-31`.
    static func scopeText(_ filter: ViolationFilter, store: CaseStore) throws -> String {
        let names = RegistryNames(try store.registry())
        var parts = [filter.agency.map(names.agency) ?? "全部执法主体"]
        if filter.from != nil || filter.to != nil {
            parts.append("\(filter.from?.description ?? "")至\(filter.to?.description ?? "")")
        }
        if let rule = filter.rule { parts.append(RuleCatalogue.rule(rule)?.title ?? rule) }
        return parts.joined(separator: "，")
    }
}
