import AuditRuns
import CaseModel
import Foundation

/// A campaign's results (`CampaignResults`) as people read them: text, a printable A4 page with
/// the lines where the bureau signs, and a workbook with a sheet per view.
public enum CampaignReport {
    public static func text(_ r: CampaignResults) -> String {
        var lines = [
            "评查活动“\(r.name)”结果  评查表：\(r.checklist)  截至 \(r.asOf)  种子 \(r.seed)",
            "由 \(r.createdBy) 于 \(r.createdAt) 抽取"
        ]
        for a in r.agencies {
            lines.append("")
            lines.append(
                "\(a.name)：候选 \(a.candidates) 件，抽取 \(a.drawn) 件，已评分 \(a.scored) 件，已签署 \(a.signed) 件；平均得分 \(average(a))；"
                    + r.grades.map { "\($0) \(a.gradeCounts[$0] ?? 0)" }.joined(separator: "，"))
            if !a.problems.isEmpty {
                lines.append("  常见问题：" + a.problems.map { "\($0.title)（\($0.cases) 件）" }.joined(separator: "；"))
            }
            for f in a.failing {
                lines.append("  \(f.provisional ? "初评 " : "")\(f.grade) \(f.caseId) \(f.score.readableText)分：\(f.reasons.joined(separator: "、"))")
            }
        }
        lines.append("")
        lines.append(
            "评查人员：" + r.reviewers.map { "\($0.name) 评查 \($0.reviewing) 件（已评分 \($0.scored)，已签署 \($0.signed)）、复核 \($0.checking) 件" }.joined(separator: "；"))
        return lines.joined(separator: "\n")
    }

    /// `94.5`, `94.5（初评 3）` or `—`.
    public static func average(_ a: CampaignResults.AgencyResult) -> String {
        guard let average = a.average else { return "—" }
        let text = String(format: "%.1f", average)
        return a.provisional == 0 ? text : "\(text)（初评 \(a.provisional)）"
    }

    public static func html(_ r: CampaignResults) -> String {
        let e = Markup.escape
        var html = """
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>\(e(r.name)) 评查结果</title>
            <style>\(PrintStyle.css)</style></head><body>
            <h1>\(e(r.name)) 评查结果</h1>
            <p class="meta">评查表：\(e(r.checklist))　评查基准日：\(e(r.asOf))　抽样种子：\(e(r.seed))　抽取人：\(e(r.createdBy))</p>
            <table><thead><tr><th>执法主体</th><th class="number">候选</th><th class="number">抽取</th><th class="number">已评分</th><th class="number">已签署</th><th class="number">平均得分</th>
            """
        html += r.grades.map { "<th class=\"number\">\(e($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for a in r.agencies {
            html +=
                "<tr><td>\(e(a.name))</td><td class=\"number\">\(a.candidates)</td><td class=\"number\">\(a.drawn)</td>"
                + "<td class=\"number\">\(a.scored)</td><td class=\"number\">\(a.signed)</td><td class=\"number\">\(e(average(a)))</td>"
                + r.grades.map { "<td class=\"number\">\(a.gradeCounts[$0] ?? 0)</td>" }.joined() + "</tr>\n"
        }
        html += "</tbody></table>\n<h2>常见问题与不合格案卷</h2>\n<table><thead><tr><th>执法主体</th><th>常见问题</th><th>不合格案卷及原因</th></tr></thead><tbody>\n"
        for a in r.agencies {
            let problems = a.problems.map { "\(e($0.title))（\($0.cases) 件）" }.joined(separator: "<br/>")
            let failing = a.failing.map { "\(e($0.caseId))　\($0.provisional ? "初评 " : "")\($0.score.readableText)分：\(e($0.reasons.joined(separator: "、")))" }
                .joined(separator: "<br/>")
            html += "<tr><td>\(e(a.name))</td><td>\(problems)</td><td>\(failing)</td></tr>\n"
        }
        html +=
            "</tbody></table>\n<h2>评查人员</h2>\n<table><thead><tr><th>评查人员</th><th class=\"number\">评查</th><th class=\"number\">其中已评分</th><th class=\"number\">其中已签署</th><th class=\"number\">复核</th></tr></thead><tbody>\n"
        for p in r.reviewers {
            html +=
                "<tr><td>\(e(p.name))</td><td class=\"number\">\(p.reviewing)</td><td class=\"number\">\(p.scored)</td><td class=\"number\">\(p.signed)</td><td class=\"number\">\(p.checking)</td></tr>\n"
        }
        return html + "</tbody></table>\n\(PrintStyle.signatures)\n</body></html>\n"
    }

    public static func workbook(_ r: CampaignResults, to url: URL) throws {
        let workbook = try XLSXWorkbook(url: url)
        try workbook.addSheet(
            "评查结果", title: "\(r.name) 评查结果（\(r.checklist)，评查基准日 \(r.asOf)，抽样种子 \(r.seed)）",
            columns: [
                .init("执法主体", width: 22, format: .wrapped), .init("候选案卷", width: 8, format: .integer), .init("抽取", width: 6, format: .integer),
                .init("已评分", width: 7, format: .integer), .init("已签署", width: 7, format: .integer), .init("平均得分", width: 8, format: .decimal),
                .init("其中初评", width: 7, format: .integer)
            ] + r.grades.map { .init($0, width: 7, format: .integer) } + [
                .init("常见问题", width: 36, format: .wrapped), .init("不合格案卷及原因", width: 48, format: .wrapped)
            ])
        for a in r.agencies {
            workbook.addRow(
                [
                    .text(a.name), .number(Double(a.candidates)), .number(Double(a.drawn)), .number(Double(a.scored)), .number(Double(a.signed)),
                    a.average.map { .number($0) } ?? .empty, .number(Double(a.provisional))
                ] + r.grades.map { .number(Double(a.gradeCounts[$0] ?? 0)) } + [
                    .text(a.problems.map { "\($0.title)（\($0.cases) 件）" }.joined(separator: "\n")),
                    .text(a.failing.map { "\($0.caseId) \($0.score.readableText)分：\($0.reasons.joined(separator: "、"))" }.joined(separator: "\n"))
                ])
        }
        try workbook.addSheet(
            "评查人员",
            columns: [
                .init("评查人员", width: 16), .init("评查", width: 8, format: .integer), .init("其中已评分", width: 10, format: .integer),
                .init("其中已签署", width: 10, format: .integer),
                .init("复核", width: 8, format: .integer)
            ])
        for p in r.reviewers {
            workbook.addRow([.text(p.name), .number(Double(p.reviewing)), .number(Double(p.scored)), .number(Double(p.signed)), .number(Double(p.checking))])
        }
        try workbook.finish()
    }
}
