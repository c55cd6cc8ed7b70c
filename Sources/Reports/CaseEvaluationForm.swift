import Audit
import CaseModel

/// The 案卷评查表 of one case, as the scoring annexes of the evaluation notices lay it out: the
/// case's particulars, then every item of the checklist by category with its points, how it is
/// deducted, what was deducted and why, the manual items a reviewer scores, the total and grade,
/// the 评查意见 and the lines where the reviewer and the one who checks the review sign.
/// A self-contained HTML page that prints on A4 with page numbers.
public enum CaseEvaluationForm {
    /// `audit` must keep passing findings (`keepPassing: true`) so that the form can say which
    /// items were met and which did not apply.
    public static func html(
        case c: EnforcementCase, audit: CaseAudit, checklist: Checklist, names: RegistryNames,
        asOf: CalendarDate, assigned: (reviewer: String, checker: String)? = nil
    ) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"/>
            <title>行政执法案卷评查表 \(escape(c.id))</title>
            <style>
            \(PrintStyle.css)
            table.items td:nth-child(3) { white-space: nowrap; }
            td.category { font-weight: bold; background: #f2f2f2; }
            .fail { color: #c00000; } .manual { color: #7f6000; }
            .total { font-size: 12pt; font-weight: bold; }
            .opinion { border: 1px solid #999; min-height: 7em; padding: 4px 6px; }
            </style></head><body>
            <h1>行政执法案卷评查表</h1>
            <div class="meta">评查标准：\(escape(checklist.title))　评查基准日：\(asOf)</div>

            """
        out += particulars(c, names: names)
        out +=
            "<table class=\"items\" id=\"items\"><thead><tr><th>评查内容</th>"
            + "<th style=\"width:9em\">扣分标准</th><th style=\"width:4em\">扣分</th><th style=\"width:40%\">扣分理由</th></tr></thead><tbody>\n"
        let byRule = Dictionary(grouping: audit.findings, by: \.rule)
        for category in checklist.categories {
            let deducted = audit.categories.first { $0.name == category.name }?.deducted ?? 0
            out +=
                "<tr><td class=\"category\" colspan=\"2\">\(escape(category.name))（\(category.points.readableText)分）</td>"
                + "<td class=\"category number\">\(deducted > 0 ? "−" + deducted.readableText : "0")</td><td class=\"category\"></td></tr>\n"
            let rules = RuleCatalogue.all.filter { checklist.rules[$0.id.rawValue].map { $0.enabled && $0.category == category.name } ?? false }
            for rule in rules {
                let setting = checklist.rules[rule.id.rawValue]!
                out += row(title: rule.title, standard: standard(setting), findings: byRule[rule.id.rawValue] ?? [])
            }
            for item in checklist.manualItems where item.category == category.name {
                out += row(title: item.title, standard: "至多扣\(item.points.readableText)分，由评查人员评定", findings: byRule[item.id] ?? [])
            }
        }
        out += "</tbody></table>\n"
        out += "<p class=\"total\" id=\"total\">\(total(audit))</p>\n"
        if let setAside = audit.eventsSetAside {
            out += "<p class=\"meta\">另有 \(setAside) 个事件晚于评查基准日，按当日案卷状态未计入。</p>\n"
        }
        out += "<h2>评查意见</h2><div class=\"opinion\"></div>\n"
        out += PrintStyle.signatures(reviewer: assigned?.reviewer, checker: assigned?.checker)
        out += "\n</body></html>\n"
        return out
    }

    /// 得分、等级 or 办理中, with the veto that decided the grade; 初评 and what is open until the
    /// manual items are scored and the conclusion signed, then who signed it.
    static func total(_ audit: CaseAudit) -> String {
        if audit.isInProgress { return "评查结果：办理中（截至评查基准日尚未作出决定，不评分定级）" }
        let kind = audit.isProvisional ? "初评" : "评查"
        var text = "\(kind)得分：\(audit.score.readableText)分　　\(kind)等级：\(escape(audit.grade))"
        if audit.veto { text += "　　一票否决：\(escape(audit.vetoReasons.joined(separator: "、")))" }
        if let pending = audit.pendingText { text += "　　（\(escape(pending))，不作为评查结论）" }
        if let review = audit.review, review.isFinal, let signer = review.signedBy {
            text += "　　评查结论签署：\(escape(signer)) \(escape(String((review.signedAt ?? "").prefix(10))))"
            if let checker = review.checkedBy {
                text += "　　复核：\(escape(checker)) \(escape(String((review.checkedAt ?? "").prefix(10))))"
            }
        }
        return text
    }

    private static func particulars(_ c: EnforcementCase, names: RegistryNames) -> String {
        let decision = c.decision
        let officers = Array(Set(c.events.flatMap(\.officers))).sorted().map(names.person).joined(separator: "、")
        var rows = [
            ("案件编号", c.id, "执法主体", names.agency(c.agency)),
            (
                "案件类型", "\(c.type.chineseName)（\(c.procedure.chineseName)）\(c.declaredMajor ? "，重大执法决定" : "")",
                "当事人", "\(c.party.name)（\(c.party.kind.chineseName)）"
            ),
            ("决定文号", decision?.number ?? "—", "决定日期", decision?.date.description ?? "尚未作出决定")
        ]
        if let penalties = c.outcome?.penalties, !penalties.isEmpty {
            let text = penalties.map { p in p.amount.map { "\(p.kind.chineseName)\($0)" } ?? p.kind.chineseName }.joined(separator: "；")
            rows.append(("处理结果", text, "执法人员", officers.isEmpty ? "—" : officers))
        } else {
            rows.append(("处理结果", c.outcome?.grant?.chineseName ?? "—", "执法人员", officers.isEmpty ? "—" : officers))
        }
        var html = "<table class=\"particulars\" id=\"particulars\"><tbody>\n"
        for (k1, v1, k2, v2) in rows {
            html += "<tr><th style=\"width:6em\">\(k1)</th><td>\(escape(v1))</td><th style=\"width:6em\">\(k2)</th><td>\(escape(v2))</td></tr>\n"
        }
        if let matter = c.matter {
            html += "<tr><th>违法事实</th><td colspan=\"3\">\(escape(matter.text))</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    /// `扣5分，再次每次扣5分，至多10分` or `一票否决`.
    static func standard(_ setting: RuleSetting) -> String {
        var parts: [String] = []
        if setting.deduction > 0 { parts.append("扣\(setting.deduction.readableText)分") }
        if setting.perOccurrence > 0 { parts.append("再次每次扣\(setting.perOccurrence.readableText)分") }
        if let cap = setting.cap { parts.append("至多\(cap.readableText)分") }
        if setting.veto { parts.append("一票否决") }
        // A rule that only informs a manual item's proposal says so in its note (the DOC rules).
        return parts.isEmpty ? (setting.note ?? "不扣分，仅提示") : parts.joined(separator: "，")
    }

    private static func row(title: String, standard: String, findings: [Finding]) -> String {
        let failed = findings.filter { $0.status == .fail }
        let pending = findings.contains { $0.status == .manual }
        let deduction: String
        let reasons: String
        if !failed.isEmpty {
            let points = failed.reduce(0) { $0 + $1.deduction }
            let veto = failed.contains { $0.veto == true }
            deduction = veto ? (points > 0 ? "否决，−\(points.readableText)" : "否决") : (points > 0 ? "−\(points.readableText)" : "0")
            reasons = failed.map { escape($0.message) }.joined(separator: "<br/>")
        } else if let corrected = findings.first(where: { $0.status == .corrected }) {
            deduction = "0"
            reasons = "机器评查：\(escape(corrected.message))<br/>评查人员更正：\(escape(corrected.correction ?? ""))"
        } else if pending {
            deduction = "待评"
            reasons = escape(findings.first { $0.status == .manual }?.message ?? "")
        } else if let first = findings.first, first.status == .notApplicable {
            deduction = "不适用"
            reasons = ""
        } else {
            deduction = "0"
            reasons = ""
        }
        let mark = !failed.isEmpty ? " class=\"fail\"" : (pending ? " class=\"manual\"" : "")
        return "<tr\(mark)><td>\(escape(title))</td><td>\(escape(standard))</td><td class=\"number\">\(deduction)</td><td>\(reasons)</td></tr>\n"
    }

    static func escape(_ text: String) -> String { Markup.escape(text) }
}
