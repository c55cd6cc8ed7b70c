import Audit
import AuditRuns
import CaseModel
import CaseStore
import Foundation

/// The scorecards as text, JSON or a workbook.
public enum ScorecardReport {
    public static func text(_ scorecards: Scorecards) -> String {
        let run = scorecards.run
        var lines = ["执法监督评分表  评查标准：\(run.checklistTitle)  评查基准日：\(run.asOf)"]
        for card in scorecards.cards {
            lines.append("")
            lines.append("\(card.name) \(card.year)年")
            let average = card.averageScore.map { String(format: "%.1f", $0) } ?? "—"
            let previous = card.previousYearAverage.map { String(format: "%.1f", $0) } ?? "—"
            lines.append(
                "  已决定案卷 \(card.cases)件（其中初评 \(card.casesProvisional)件），平均得分 \(average)（上年 \(card.previousYearCases)件，\(previous)）；办理中 \(card.casesInProgress)件"
            )
            lines.append("  等级：" + (card.grades.isEmpty ? "—" : gradeOrder(card, scorecards.grades).map { "\($0) \(card.grades[$0]!)" }.joined(separator: "，")))
            lines.append("  问题（按规则族）：" + familyText(card.failuresByFamily))
            lines.append("  按期公示率 \(card.disclosureOnTime.text)；音像记录覆盖率 \(card.audioVideoCoverage.text)；重大决定法制审核率 \(card.legalReviewCoverage.text)")
            lines.append("  行政复议纠错率 \(card.reconsiderationCorrected.text)；行政诉讼败诉率 \(card.litigationLost.text)")
            lines.append(
                "  无有效执法证仍执法的人员：" + (card.uncertifiedOfficers.isEmpty ? "无" : card.uncertifiedOfficers.map(scorecards.names.person).joined(separator: "、")))
            lines.append(
                "  法治政府建设考核扣分：\(card.appraisalDeduction.readableText)分"
                    + (card.appraisal.filter { $0.occurrences > 0 }.map { "（\($0.title) \($0.occurrences)次 −\(($0.deduction).readableText)）" }.joined()))
        }
        return lines.joined(separator: "\n")
    }

    /// One row per agency; one column per grade the checklist defines, best first.
    public static func workbook(_ scorecards: Scorecards, to url: URL) throws {
        let workbook = try XLSXWorkbook(url: url)
        let grades = scorecards.grades
        let run = scorecards.run
        let year = scorecards.cards.first.map { "\($0.year)年度" } ?? ""
        try workbook.addSheet(
            "执法监督评分表", title: "\(year)行政执法监督评分表（\(run.checklistTitle)，评查基准日 \(run.asOf)）",
            columns: [
                .init("执法主体", width: 22, format: .wrapped), .init("年度", width: 6), .init("已决定案卷数", width: 8, format: .integer),
                .init("其中初评", width: 7, format: .integer), .init(CaseStanding.inProgress.label, width: 7, format: .integer),
                .init("平均得分", width: 8, format: .decimal),
                .init("上年平均得分", width: 8, format: .decimal)
            ] + grades.map { .init($0, width: 7, format: .integer) } + [
                .init("按期公示率", width: 9, format: .percent), .init("音像记录覆盖率", width: 9, format: .percent),
                .init("重大决定法制审核率", width: 10, format: .percent), .init("复议纠错率", width: 9, format: .percent),
                .init("诉讼败诉率", width: 9, format: .percent), .init("无证执法人员", width: 20, format: .wrapped),
                .init("考核扣分", width: 7, format: .decimal)
            ])
        for card in scorecards.cards {
            func number(_ value: Double?) -> Cell { value.map { .number($0) } ?? .empty }
            workbook.addRow(
                [
                    .text(card.name), .number(Double(card.year)), .number(Double(card.cases)),
                    .number(Double(card.casesProvisional)), .number(Double(card.casesInProgress)), number(card.averageScore),
                    number(card.previousYearAverage)
                ]
                    + grades.map { .number(Double(card.grades[$0] ?? 0)) }
                    + [
                        number(card.disclosureOnTime.rate), number(card.audioVideoCoverage.rate),
                        number(card.legalReviewCoverage.rate), number(card.reconsiderationCorrected.rate), number(card.litigationLost.rate),
                        .text(card.uncertifiedOfficers.map(scorecards.names.person).joined(separator: "、")),
                        .number(card.appraisalDeduction)
                    ])
        }
        try workbook.finish()
    }

    /// The grades an agency received in the checklist's order; any other (无法评查) after them.
    static func gradeOrder(_ card: AgencyScorecard, _ grades: [String]) -> [String] {
        grades.filter { card.grades[$0] != nil } + card.grades.keys.filter { !grades.contains($0) }.sorted()
    }

    /// Failures by family in the catalogue's order, under the families' Chinese names.
    static func familyText(_ counts: [String: Int]) -> String {
        let lines = RuleFamily.allCases.compactMap { family in counts[family.rawValue].map { "\(family.chineseName) \($0)" } }
        return lines.isEmpty ? "无" : lines.joined(separator: "，")
    }
}
