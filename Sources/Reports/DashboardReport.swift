import Audit
import AuditRuns
import CaseModel
import CaseStore
import Foundation

/// The bureau's dashboard as one self-contained, printable page: per agency the year's figures,
/// a 12-month trend of decisions and of on-time disclosure as inline SVG, and a month-by-month table.
/// On the web every figure links to the cases behind it; the file the CLI writes has no links.
public enum DashboardReport {
    public static func html(_ dashboard: Dashboard, links: Bool) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"/>
            <title>行政执法监督看板 \(dashboard.year)年</title>
            <style>
            \(PrintStyle.css)
            @page { size: A4 landscape; }
            section.agency { break-before: page; }
            section.agency:first-of-type { break-before: auto; }
            .charts { display: flex; gap: 1.5em; flex-wrap: nowrap; break-inside: avoid; }
            .charts figure { margin: 0; } figcaption { font-weight: bold; font-size: 10pt; }
            svg a:hover rect { opacity: .75; }
            </style></head><body>
            <h1>行政执法监督看板　\(dashboard.year)年</h1>
            <div class="meta">评查标准：\(escape(dashboard.run.checklistTitle))　评查基准日：\(dashboard.run.asOf)　逾期事项截至：\(dashboard.today)</div>
            <h2>各执法主体</h2>
            <table id="overview"><thead><tr><th>执法主体</th><th class="number">决定案件</th><th class="number">按期公示率</th>
            <th class="number">平均得分（其中初评件数）</th><th>等级分布</th><th>问题（按规则族）</th><th class="number">当前逾期事项</th></tr></thead><tbody>

            """
        let first = "\(dashboard.year)-01-01"
        let last = "\(dashboard.year)-12-31"
        for agency in dashboard.agencies {
            let cases = links ? "/cases?agency=\(queryValue(agency.agency))&from=\(first)&to=\(last)" : nil
            out +=
                "<tr><td>\(escape(agency.name))</td><td class=\"number\">\(link(String(agency.total.decided), cases))</td>"
                + "<td class=\"number\">\(rate(agency.total.disclosure))</td><td class=\"number\">\(average(agency.total))</td>"
                + "<td>\(escape(grades(agency.total, dashboard.grades)))</td><td>\(escape(families(agency.total)))</td>"
                + "<td class=\"number\">\(link(String(agency.overdueNow), links ? "/due" : nil))</td></tr>\n"
        }
        out += "</tbody></table>\n"
        for agency in dashboard.agencies {
            out += "<section class=\"agency\" id=\"agency-\(escape(agency.agency))\"><h2>\(escape(agency.name))</h2>\n<div class=\"charts\">"
            let monthly = dashboard.months.map { month in (month, agency.months[month] ?? PeriodFigures()) }
            out += chart(
                title: "各月决定案件数",
                bars: monthly.map { month, figures in
                    (
                        String(month.suffix(2)), Double(figures.decided), "\(figures.decided)",
                        links ? "/cases?agency=\(queryValue(agency.agency))&from=\(month)-01&to=\(month)-\(daysIn(month))" : nil
                    )
                }, maximum: nil)
            out += chart(
                title: "各月按期公示率",
                bars: monthly.map { month, figures in
                    (
                        String(month.suffix(2)), (figures.disclosure.rate ?? 0) * 100,
                        figures.disclosure.rate.map { String(format: "%.0f%%", $0 * 100) } ?? "—", nil
                    )
                }, maximum: 100)
            out +=
                "</div>\n<table class=\"months\"><thead><tr><th>月份</th><th class=\"number\">决定案件</th><th class=\"number\">按期公示率</th>"
                + "<th class=\"number\">平均得分（其中初评件数）</th><th>等级分布</th><th>问题（按规则族）</th></tr></thead><tbody>\n"
            for (month, figures) in monthly {
                let cases = links ? "/cases?agency=\(queryValue(agency.agency))&from=\(month)-01&to=\(month)-\(daysIn(month))" : nil
                out +=
                    "<tr><td>\(month)</td><td class=\"number\">\(link(String(figures.decided), figures.decided > 0 ? cases : nil))</td>"
                    + "<td class=\"number\">\(rate(figures.disclosure))</td><td class=\"number\">\(average(figures))</td>"
                    + "<td>\(escape(grades(figures, dashboard.grades)))</td><td>\(escape(families(figures)))</td></tr>\n"
            }
            out += "</tbody></table></section>\n"
        }
        return out + "</body></html>\n"
    }

    /// An agency code as a query value: a code is any text (`&`, `#`, `+`, spaces), so it is
    /// percent-encoded, or a link would carry other parameters than it says.
    static func queryValue(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    static func link(_ text: String, _ href: String?) -> String {
        href.map { "<a href=\"\(escape($0))\">\(escape(text))</a>" } ?? escape(text)
    }

    static func rate(_ coverage: Coverage) -> String {
        coverage.rate.map { String(format: "%.1f%%", $0 * 100) } ?? "—"
    }

    /// The average, and how many of its scores are 初评 (`92.3（初评 12）`).
    static func average(_ figures: PeriodFigures) -> String {
        guard let average = figures.averageScore else { return "—" }
        let text = String(format: "%.1f", average)
        return figures.provisional == 0 ? text : "\(text)（初评 \(figures.provisional)）"
    }

    static func grades(_ figures: PeriodFigures, _ order: [String]) -> String {
        let shown = order.filter { figures.grades[$0] != nil }.map { "\($0) \(figures.grades[$0]!)" }
        return shown.isEmpty ? "—" : shown.joined(separator: "，")
    }

    static func families(_ figures: PeriodFigures) -> String {
        let shown = figures.failuresByFamily.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            .map { "\(RuleFamily(rawValue: $0.key)?.chineseName ?? $0.key) \($0.value)" }
        return shown.isEmpty ? "—" : shown.joined(separator: "，")
    }

    /// The last day of `2024-02`.
    static func daysIn(_ month: String) -> String {
        let parts = month.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2 else { return "31" }
        for day in stride(from: 31, through: 28, by: -1) where CalendarDate(year: parts[0], month: parts[1], day: day) != nil {
            return String(day)
        }
        return "28"
    }

    /// A bar chart of twelve months as inline SVG; a bar with a link opens the cases behind it.
    static func chart(title: String, bars: [(label: String, value: Double, text: String, href: String?)], maximum: Double?) -> String {
        let top = max(maximum ?? (bars.map(\.value).max() ?? 0), 1)
        let width = 36
        let height = 120
        let left = 10
        var svg =
            "<figure><figcaption>\(escape(title))</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(left + bars.count * width)\" height=\"\(height + 40)\" role=\"img\" aria-label=\"\(escape(title))\">"
        for (index, bar) in bars.enumerated() {
            let x = left + index * width
            let length = Int(Double(height) * bar.value / top)
            var rect =
                "<rect class=\"bar\" data-value=\"\(bar.value.readableText)\" x=\"\(x + 4)\" y=\"\(height - length + 14)\" width=\"\(width - 8)\" height=\"\(length)\" fill=\"#4472c4\"/>"
            if let href = bar.href { rect = "<a href=\"\(escape(href))\">\(rect)</a>" }
            svg += rect
            svg += "<text x=\"\(x + width / 2)\" y=\"\(height - length + 10)\" font-size=\"10\" text-anchor=\"middle\">\(escape(bar.text))</text>"
            svg += "<text x=\"\(x + width / 2)\" y=\"\(height + 30)\" font-size=\"11\" text-anchor=\"middle\">\(escape(bar.label))月</text>"
        }
        return svg + "</svg></figure>\n"
    }

    static func escape(_ text: String) -> String { Markup.escape(text) }
}
