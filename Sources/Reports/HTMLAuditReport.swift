import Audit
import AuditRuns
import CaseModel
import CaseStore
import Foundation

/// A self-contained, printable HTML report of a stored run: no scripts, fonts or images fetched.
/// The summary draws the grade distribution as inline SVG and tallies each agency; each case
/// follows with its party, decision and findings; the reviewers sign at the end. A4, page numbers.
public enum HTMLAuditReport {
    public static func write(
        run: AuditRunRecord, store: CaseStore, agency: String? = nil, includeAll: Bool,
        grades gradeOrder: [String], to sink: ReportSink
    ) throws {
        // First pass: the summary needs totals before the cases are listed.
        var grades: [String: Int] = [:]
        var all = AgencyTally()
        var byAgency: [String: AgencyTally] = [:]
        var failures = 0
        let final = try AuditRunner.finalCases(in: store, runId: run.id!, agency: agency)
        try store.forEachAuditResult(runId: run.id!, agency: agency) { record in
            grades[record.grade, default: 0] += 1
            all.add(record, final: final)
            byAgency[record.agency, default: AgencyTally()].add(record, final: final)
        }
        let names = RegistryNames(try store.registry())
        sink.write(
            """
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"/>
            <title>行政执法案卷评查报告</title>
            <style>
            \(PrintStyle.css)
            table.findings { table-layout: fixed; }
            table.findings th:nth-child(1) { width: 4.5em; } table.findings th:nth-child(2) { width: 17em; }
            table.findings th:nth-child(4) { width: 3.5em; }
            section.case { border-top: 2px solid #4472c4; margin-top: 1.2em; padding-top: 0.4em; }
            section.case h3 { margin: 0.2em 0; font-size: 11.5pt; break-after: avoid; }
            .case-facts { color: #444; margin: 0 0 0.3em; }
            .grade-lowest { color: #c00000; font-weight: bold; }
            .fail { color: #c00000; } .manual { color: #7f6000; } .pass { color: #375623; }
            .basis { color: #555; font-size: 0.85em; }
            </style></head><body>
            <h1>行政执法案卷评查报告</h1>
            <div class="meta">评查标准：\(escape(run.checklistTitle))　评查范围：\(escape(agency.map(names.agency) ?? "全部执法主体"))　评查基准日：\(run.asOf)</div>
            <h2>概况</h2>
            <table id="summary"><tr><th>案卷数</th><th>其中办理中</th><th>已决定案件平均得分（其中初评件数）</th><th>一票否决</th></tr>
            <tr><td>\(all.cases)</td><td>\(all.inProgress)</td><td>\(all.averageText)</td><td>\(all.vetoes)</td></tr></table>

            """)
        sink.write(
            chart(
                gradeOrder.map { ($0, grades[$0] ?? 0) } + grades.keys.filter { !gradeOrder.contains($0) }.sorted().map { ($0, grades[$0]!) },
                ranked: gradeOrder))
        sink.write(
            "<h2>各执法主体</h2>\n<table id=\"agencies\"><thead><tr><th>执法主体</th><th class=\"number\">案卷数</th>"
                + "<th class=\"number\">办理中</th><th class=\"number\">平均得分（其中初评件数）</th><th class=\"number\">一票否决</th><th class=\"number\">不符合项</th></tr></thead><tbody>\n"
        )
        for code in byAgency.keys.sorted(by: { names.agency($0) < names.agency($1) }) {
            let tally = byAgency[code]!
            sink.write(
                "<tr><td>\(escape(names.agency(code)))</td><td class=\"number\">\(tally.cases)</td><td class=\"number\">\(tally.inProgress)</td>"
                    + "<td class=\"number\">\(tally.averageText)</td><td class=\"number\">\(tally.vetoes)</td><td class=\"number\">\(tally.failures)</td></tr>\n"
            )
        }
        sink.write("</tbody></table>\n<h2>案卷</h2>\n")
        let decoder = JSONDecoder()
        try store.forEachAuditResultWithCase(runId: run.id!, agency: agency) { entry in
            let record = entry.result
            let audit = try decoder.decode(CaseAudit.self, from: Data(record.audit.utf8))
            // Manual items nobody has scored yet go on one line, not one row each.
            let unscored = audit.findings.filter { RuleCatalogue.rule($0.rule) == nil && $0.status == .manual }
            let shown = audit.findings.filter { (includeAll || [.fail, .manual, .corrected].contains($0.status)) && !unscored.contains($0) }
            failures += shown.filter { $0.status == .fail }.count
            sink.write(
                """
                <section class="case" id="\(escape(audit.id))"><h3>\(escape(audit.id))　\(escape(names.agency(audit.agency)))　<span class="\(audit.grade == gradeOrder.last || audit.veto ? "grade-lowest" : "grade")">\(escape(audit.resultText))</span></h3>
                <p class="case-facts">当事人：\(escape(entry.party))　\(escape(entry.type.chineseName))　\(entry.decisionNumber.map { "决定文号：\(escape($0))　决定日期：\(entry.decisionDate?.description ?? "")" } ?? "尚未作出决定")</p>
                \(audit.isInProgress ? "<p class=\"meta\">尚未作出决定：以下为截至评查基准日已发现的问题和预警，不评分定级。</p>" : "")
                \(shown.isEmpty ? "" : "<table class=\"findings\"><tr><th>状态</th><th>问题类型</th><th>问题</th><th>扣分</th></tr>")

                """)
            for finding in shown {
                let status = finding.status.chineseName
                let basis = finding.basis.map { "<div class=\"basis\">依据：\(escape($0))</div>" } ?? ""
                let rule = finding.calendarRule.map { "<div class=\"basis\">期限计算：\(escape($0))</div>" } ?? ""
                let correction = finding.correction.map { "<div class=\"correction\">评查人员更正：\(escape($0))</div>" } ?? ""
                sink.write(
                    "<tr class=\"\(finding.status.rawValue)\" data-rule=\"\(escape(finding.rule))\"><td>\(status)</td><td>\(escape(finding.title))</td>"
                        + "<td>\(escape(finding.message))\(correction)\(rule)\(basis)</td><td>\(Self.deduction(finding))</td></tr>\n")
            }
            if !shown.isEmpty { sink.write("</table>") }
            if !unscored.isEmpty {
                sink.write("<p class=\"manual\">待人工评查：\(escape(unscored.map(\.title).joined(separator: "、")))</p>")
                for item in unscored {
                    if let proposal = item.proposal { sink.write("<p class=\"manual\">\(escape(item.title))：\(escape(proposal.text))</p>") }
                }
            }
            sink.write("</section>\n")
        }
        sink.write("<p class=\"meta\">共列出不符合项 \(failures) 项。</p>\n\(PrintStyle.signatures)\n</body></html>\n")
    }

    /// Cases, those in progress, the average of the decided ones, vetoes and failures of one agency
    /// (or of all), from the stored results.
    struct AgencyTally {
        var cases = 0, inProgress = 0, vetoes = 0, failures = 0, provisional = 0
        var scoreSum = 0.0

        /// `final`: the run's cases whose score is final (`AuditRunner.finalCases`); every other
        /// graded case's is 初评.
        mutating func add(_ record: AuditResultRecord, final: FinalScores) {
            cases += 1
            failures += record.failures
            if record.veto { vetoes += 1 }
            let standing = CaseStanding(storedGrade: record.grade)
            if standing == .inProgress { inProgress += 1 } else { scoreSum += record.score }
            if final.isProvisional(caseId: record.caseId, grade: record.grade) { provisional += 1 }
        }

        /// The average of the decided cases, and how many of its scores are 初评.
        var averageText: String {
            guard cases > inProgress else { return "—" }
            let average = String(format: "%.1f", scoreSum / Double(cases - inProgress))
            return provisional == 0 ? average : "\(average)（初评 \(provisional)）"
        }
    }

    /// The deduction column: points, or 否决 for a failed veto item (which costs the grade, not points).
    static func deduction(_ finding: Finding) -> String {
        guard finding.status == .fail else { return "" }
        if finding.veto == true { return finding.deduction > 0 ? "否决，扣\(finding.deduction.readableText)" : "否决" }
        return finding.deduction.readableText
    }

    /// A horizontal bar chart of cases per grade, as inline SVG. The checklist names its grades, so
    /// colours follow their rank (`ranked`, best first): green down to red for the lowest, grey
    /// for a grade outside the checklist (无法评查).
    static func chart(_ bars: [(String, Int)], ranked: [String]) -> String {
        let maximum = max(bars.map(\.1).max() ?? 0, 1)
        let rowHeight = 34
        let width = 520
        let labelWidth = 80
        let barArea = 360
        var svg =
            "<svg id=\"grade-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(bars.count * rowHeight + 10)\" role=\"img\" aria-label=\"等级分布\">\n"
        func colour(_ grade: String) -> String {
            guard let rank = ranked.firstIndex(of: grade) else { return "#7f7f7f" }
            if rank == ranked.count - 1 { return "#c00000" }
            return ["#70ad47", "#4472c4", "#ffc000"][min(rank, 2)]
        }
        for (index, (grade, count)) in bars.enumerated() {
            let y = index * rowHeight + 5
            let length = Int(Double(barArea) * Double(count) / Double(maximum))
            svg += "<text x=\"0\" y=\"\(y + 20)\" font-size=\"15\">\(escape(grade))</text>"
            svg +=
                "<rect class=\"bar\" data-grade=\"\(escape(grade))\" data-count=\"\(count)\" x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(length)\" height=\"26\" fill=\"\(colour(grade))\"/>"
            svg += "<text x=\"\(labelWidth + length + 6)\" y=\"\(y + 20)\" font-size=\"15\">\(count)件</text>\n"
        }
        return svg + "</svg>\n"
    }

    static func escape(_ text: String) -> String { Markup.escape(text) }
}
