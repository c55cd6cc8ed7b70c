import CaseModel
import CaseStore
import Foundation

/// The figures an agency publishes each year under 国办发〔2018〕118号 (每年1月31日前公开上年度行政执法
/// 总体情况): per agency, licenses, penalties by kind with the fines' total, compulsory measures and
/// inspections of the year. One table, as a printable page and as a workbook an agency can publish.
public enum AnnualReport {
    /// A column of the table: its header and how it reads one agency's figures.
    struct Column {
        var title: String
        var format: XLSXWorkbook.Format
        /// Nil where there is nothing to divide by: a rate of no case, shown as —.
        var value: (AnnualFigures) -> Double?
    }

    static func columns(_ figures: [AnnualFigures]) -> [Column] {
        // The penalty kinds any agency imposed, fines always: no empty column for 行政拘留.
        let kinds = PenaltyKind.allCases.filter { kind in kind == .fine || figures.contains { $0.penalties[kind] != nil } }
        return [
            Column(title: "行政许可", format: .integer) { Double($0.decisions[.license] ?? 0) },
            Column(title: "其中准予", format: .integer) { Double($0.licensesGranted) },
            Column(title: "其中不予", format: .integer) { Double($0.licensesDenied) },
            Column(title: "行政处罚", format: .integer) { Double($0.decisions[.penalty] ?? 0) }
        ]
            + kinds.map { kind in
                Column(title: kind.chineseName, format: .integer) { Double($0.penalties[kind] ?? 0) }
            } + [
                Column(title: "罚款金额（元）", format: .money) { Double($0.fineTotal.fen) / 100 },
                Column(title: "行政强制", format: .integer) { Double($0.decisions[.coercion] ?? 0) },
                Column(title: "行政检查", format: .integer) { Double($0.decisions[.inspection] ?? 0) },
                Column(title: "其他", format: .integer) { figures in
                    Double(figures.decisions.filter { ![.license, .penalty, .coercion, .inspection].contains($0.key) }.values.reduce(0, +))
                },
                Column(title: "复议决定", format: .integer) { Double($0.reconsiderations) },
                Column(title: "复议纠错率", format: .percent) { $0.reconsiderationCorrectedRate },
                Column(title: "诉讼判决", format: .integer) { Double($0.judgments) },
                Column(title: "诉讼败诉率", format: .percent) { $0.litigationLostRate }
            ]
    }

    /// Every agency of the registry, those with no decision included (their zeros are published too).
    static func rows(_ figures: [String: AnnualFigures], names: RegistryNames, agencies: [String]) -> [(String, AnnualFigures)] {
        agencies.map { code in
            (names.agency(code), figures[code] ?? AnnualFigures(agency: code))
        }
    }

    public static func html(year: Int, store: CaseStore, links: Bool) throws -> String {
        let registry = try store.registry()
        let figures = try store.annualFigures(year: year)
        let rows = rows(figures, names: RegistryNames(registry), agencies: registry.agencies.map(\.code))
        let columns = columns(rows.map(\.1))
        var out = """
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"/>
            <title>\(year)年度行政执法数据</title>
            <style>
            \(PrintStyle.css)
            @page { size: A4 landscape; }
            </style></head><body>
            <h1>\(year)年度行政执法总体情况</h1>
            <div class="meta">依据国办发〔2018〕118号，按决定日期在\(year)年内的案件统计；复议决定、诉讼判决按其日期在\(year)年内统计，纠错、败诉指决定被撤销、变更、确认违法、确认无效或责令履行；单位：件，罚款金额单位：元。</div>
            <table id="annual"><thead><tr><th>执法主体</th>\(columns.map { "<th class=\"number\">\(Markup.escape($0.title))</th>" }.joined())</tr></thead><tbody>

            """
        for (index, (name, figure)) in rows.enumerated() {
            let code = registry.agencies[index].code
            out += "<tr><td>\(Markup.escape(name))</td>"
            for column in columns {
                let value = column.value(figure) ?? 0
                let text =
                    switch column.format {
                    case .money: Money(fen: Int64((value * 100).rounded())).groupedText
                    case .percent: column.value(figure).map { String(format: "%.1f%%", $0 * 100) } ?? "—"
                    default: String(Int(value))
                    }
                let href =
                    links && column.title.hasPrefix("行政") && value > 0
                    ? "/cases?agency=\(code)&from=\(year)-01-01&to=\(year)-12-31&type=\(typeCode(column.title))" : nil
                out += "<td class=\"number\">\(href.map { "<a href=\"\(Markup.escape($0))\">\(text)</a>" } ?? text)</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody></table>\n</body></html>\n"
    }

    public static func workbook(year: Int, store: CaseStore, to url: URL) throws {
        let registry = try store.registry()
        let rows = rows(try store.annualFigures(year: year), names: RegistryNames(registry), agencies: registry.agencies.map(\.code))
        let columns = columns(rows.map(\.1))
        let workbook = try XLSXWorkbook(url: url)
        try workbook.addSheet(
            "\(year)年度", title: "\(year)年度行政执法总体情况（按决定日期统计；单位：件，罚款金额：元）",
            columns: [.init("执法主体", width: 24, format: .wrapped)]
                + columns.map { .init($0.title, width: $0.format == .money ? 14 : 9, format: $0.format) })
        for (name, figure) in rows {
            workbook.addRow([.text(name)] + columns.map { column in column.value(figure).map { .number($0) } ?? .empty })
        }
        try workbook.finish()
    }

    static func typeCode(_ title: String) -> String {
        CaseType.allCases.first { $0.chineseName == title }?.rawValue ?? ""
    }
}
