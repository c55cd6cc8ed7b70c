import CaseModel

/// A readable Chinese rendering of one case for the terminal. Every code goes through the shared
/// label table (`CaseModel/Labels.swift`) and every agency or person through the registry's names,
/// so the terminal says what the web page and the reports say.
enum CaseText {
    static func render(_ c: EnforcementCase, names: RegistryNames) -> String {
        var lines = [
            "案件编号  \(c.id)",
            "执法主体  \(names.agency(c.agency))",
            "执法类别  \(c.type.chineseName)（\(c.procedure.chineseName)）\(c.declaredMajor ? "  重大执法决定" : "")",
            "当事人    \(c.party.name)（\(c.party.kind.chineseName)）"
        ]
        if let power = c.power { lines.append("权责事项  \(power)") }
        if let matter = c.matter {
            lines.append("违法事项  \(matter.text) [\(matter.item ?? "无裁量基准事项")] 违法日期 \(matter.violationDate?.description ?? "-")")
        }
        lines.append("办案过程")
        for event in c.events {
            var line = "  \(event.date)  \(event.kind.chineseName)"
            if !event.officers.isEmpty { line += "  执法人员 \(event.officers.map(names.person).joined(separator: "、"))" }
            if let reviewer = event.reviewer { line += "  审核人员 \(names.person(reviewer))" }
            if let number = event.number { line += "  \(number)" }
            if let until = event.until { line += "  至 \(until)" }
            if let ruling = event.ruling { line += "  结果 \(ruling.chineseName)" }
            lines.append(line)
            for record in event.records {
                var recordLine = "      · \(record.title)（\(record.kind.chineseName)）"
                if let file = record.file { recordLine += " \(file) [\(record.evidence.chineseName)]" }
                if let document = record.document { recordLine += " 文书内容：\(document.summary)" }
                lines.append(recordLine)
            }
        }
        if let outcome = c.outcome {
            let penalties = outcome.penalties.map { p in p.amount.map { "\(p.kind.chineseName) \($0)" } ?? p.kind.chineseName }
            if !penalties.isEmpty { lines.append("处罚结果  " + penalties.joined(separator: "；")) }
            if let discretion = outcome.discretion {
                lines.append("裁量阶次  \(discretion.level)\(discretion.reason.map { "（\($0)）" } ?? "")")
            }
            for base in outcome.bases { lines.append("计算基数  \(BaseMeasure(base.name).text(base.amount))") }
            if let grant = outcome.grant { lines.append("许可结果  \(grant.chineseName)") }
        }
        if let disclosure = c.disclosure {
            if let exempt = disclosure.exempt {
                lines.append("公示      免予公示：\(exempt)")
            } else {
                lines.append("公示      \(disclosure.date?.description ?? "-") \(disclosure.platform ?? "")\(disclosure.withdrawn.map { "（\($0) 撤下）" } ?? "")")
            }
        }
        for p in c.publications {
            lines.append("公示平台  \(p.publishedDate?.description ?? "-") 公示清单 \(p.source) 第\(p.row)行\(p.url.map { " \($0)" } ?? "")")
        }
        return lines.joined(separator: "\n")
    }
}
