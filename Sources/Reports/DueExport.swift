import Audit
import CaseModel
import CaseStore
import Foundation

/// 到期预警 as a file: every obligation of a due list (its page shows fifty at a time), with the
/// case's party and decision, for a bureau that works through them offline or sends each agency
/// its own. Written beside the destination and renamed into place, as every export.
public enum DueExport {
    static let columns: [XLSXWorkbook.Column] = [
        .init("期限", width: 10.5, format: .date), .init("状态", width: 11, format: .wrapped),
        .init("执法主体", width: 16, format: .wrapped), .init("案件编号", width: 20, format: .wrapped),
        .init("当事人", width: 14, format: .wrapped), .init("决定文号", width: 20, format: .wrapped),
        .init("事项", width: 12, format: .wrapped), .init("计算依据", width: 34, format: .wrapped)
    ]

    /// Writes `items` as they stand on `asOf` to `url` (`csv` or `xlsx`); `cases` gives each one's
    /// party and decision number, `scope` says whose list it is (in the workbook's title).
    public static func write(
        _ items: [DueObligation], asOf: CalendarDate, names: RegistryNames, cases: [String: CaseSummary], scope: String,
        format: ExportFormat, to url: URL
    ) throws {
        func fields(_ item: DueObligation) -> [String] {
            [
                item.deadline.description, item.standing(asOf: asOf), names.agency(item.agency), item.case,
                cases[item.case]?.party ?? "", cases[item.case]?.decisionNumber ?? "", item.title, item.rule
            ]
        }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            try OutputFile.write(try encoder.encode(items), to: url)
        case .csv:
            let sink = try ReportSink(path: url.path)
            let csv = CSVWriter(sink: sink)
            csv.row(columns.map(\.title))
            for item in items { csv.row(fields(item)) }
            try sink.close()
        case .xlsx:
            let workbook = try XLSXWorkbook(url: url)
            try workbook.addSheet("到期预警", title: "行政执法到期预警（\(scope)；截至 \(asOf)，共 \(items.count) 项）", columns: columns)
            for item in items {
                var cells = fields(item).map { $0.isEmpty ? Cell.empty : Cell.text($0) }
                cells[0] = .date(item.deadline)
                workbook.addRow(cells)
            }
            try workbook.finish()
        }
    }
}
