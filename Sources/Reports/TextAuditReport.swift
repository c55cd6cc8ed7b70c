import Audit
import AuditRuns
import CaseModel
import CaseStore
import Foundation

/// A readable report per case: score, grade, and each finding with its legal basis.
public enum TextAuditReport {
    /// `grades`: the checklist's grade names, best first, the order the summary counts them in.
    public static func write(
        run: AuditRunRecord, store: CaseStore, agency: String? = nil, includeAll: Bool,
        grades order: [String] = [], to sink: ReportSink
    ) throws {
        sink.line("行政执法案卷评查报告")
        sink.line("评查标准：\(run.checklistTitle)（\(run.checklistName)）  评查基准日：\(run.asOf)  案卷数：\(run.caseCount)")
        let names = RegistryNames(try store.registry())
        var grades: [String: Int] = [:]
        var total = 0.0
        var count = 0
        var provisional = 0
        try AuditRunner.forEachCaseAudit(in: store, runId: run.id!, agency: agency) { audit in
            grades[audit.grade, default: 0] += 1
            if !audit.isInProgress {
                count += 1
                total += audit.score
            }
            if audit.isProvisional { provisional += 1 }
            sink.line()
            sink.line(String(repeating: "─", count: 60))
            sink.line("\(audit.id)  \(names.agency(audit.agency))  \(audit.resultText)")
            if audit.isInProgress {
                sink.line("  尚未作出决定：以下为截至评查基准日已发现的问题和预警，不评分定级")
            }
            if let setAside = audit.eventsSetAside {
                sink.line("  另有 \(setAside) 个事件晚于评查基准日 \(run.asOf)，按当日案卷状态未计入")
            }
            let deducted = audit.categories.filter { $0.deducted > 0 }
            if !deducted.isEmpty {
                sink.line("  扣分：" + deducted.map { "\($0.name) −\($0.deducted.readableText)/\($0.points.readableText)" }.joined(separator: "；"))
            }
            let manualItems = Set(audit.findings.filter { RuleCatalogue.rule($0.rule) == nil }.map(\.rule))
            let unscored = audit.findings.filter { manualItems.contains($0.rule) && $0.status == .manual }
            for finding in audit.findings where includeAll || [.fail, .manual, .corrected].contains(finding.status) {
                if unscored.contains(finding) { continue }
                let mark: String
                switch finding.status {
                case .fail: mark = "✗"
                case .manual: mark = "待评"
                case .pass: mark = "✓"
                case .notApplicable: mark = "–"
                case .corrected: mark = "更正"
                }
                let deduction = finding.status == .fail && finding.deduction > 0 ? "  扣\(finding.deduction.readableText)分" : ""
                let veto = finding.status == .fail && finding.veto == true ? "  否决" : ""
                sink.line("  \(mark) \(finding.rule) \(finding.title)\(deduction)\(veto)  [\(finding.category)·\(finding.severity.chineseName)]")
                sink.line("      \(finding.message)")
                if let rule = finding.calendarRule { sink.line("      期限计算：\(rule)") }
                if finding.status == .fail, let basis = finding.basis { sink.line("      依据：\(basis)") }
                if let reviewer = finding.reviewer { sink.line("      评查人：\(reviewer)") }
                if let correction = finding.correction { sink.line("      评查人员更正：\(correction)") }
            }
            if !unscored.isEmpty {
                sink.line("  待人工评查：" + unscored.map { "\($0.rule) \($0.title)" }.joined(separator: "、"))
                for item in unscored { if let proposal = item.proposal { sink.line("      \(item.title)：\(proposal.text)") } }
            }
        }
        sink.line()
        sink.line(String(repeating: "═", count: 60))
        sink.line(summaryLine(grades: grades, decided: count, scoreSum: total, provisional: provisional, order: order))
    }

    /// The closing line of the text report and the whole of `--format summary`: the cases, the
    /// average of those decided and which kind of score it averages (how many are still 初评), and
    /// the count of each grade in the checklist's order.
    static func summaryLine(grades: [String: Int], decided: Int, scoreSum: Double, provisional: Int, order: [String]) -> String {
        let average = decided == 0 ? "—" : String(format: "%.1f", scoreSum / Double(decided))
        let kind = decided == 0 ? "" : provisional == 0 ? "（均已签署评查结论）" : "（其中初评 \(provisional) 件，未经人工评查签署）"
        return "汇总：\(grades.values.reduce(0, +))件，已决定案件平均得分 \(average)\(kind)；"
            + (order.filter { grades[$0] != nil } + grades.keys.filter { !order.contains($0) }.sorted())
            .map { "\($0) \(grades[$0]!)件" }.joined(separator: "，")
    }

    /// The run's header and totals alone, counted in the store from the results' columns: what a
    /// nightly re-audit prints, in time that does not grow with the findings.
    public static func writeSummary(
        run: AuditRunRecord, store: CaseStore, agency: String? = nil, grades order: [String] = [],
        to sink: ReportSink
    ) throws {
        sink.line("行政执法案卷评查汇总")
        sink.line("评查标准：\(run.checklistTitle)（\(run.checklistName)）  评查基准日：\(run.asOf)  案卷数：\(run.caseCount)")
        let tallies = try store.auditRunGrades(runId: run.id!, agency: agency)
        let decided = tallies.filter { CaseStanding(storedGrade: $0.grade) != .inProgress }
        let graded = tallies.filter { CaseStanding(storedGrade: $0.grade).isGraded }.reduce(0) { $0 + $1.cases }
        let final = try AuditRunner.finalCases(in: store, runId: run.id!, agency: agency).count
        sink.line(
            summaryLine(
                grades: Dictionary(uniqueKeysWithValues: tallies.map { ($0.grade, $0.cases) }),
                decided: decided.reduce(0) { $0 + $1.cases }, scoreSum: decided.reduce(0) { $0 + $1.scoreSum }, provisional: graded - final,
                order: order))
        sink.line("否决 \(tallies.reduce(0) { $0 + $1.vetoes })件，有问题 \(tallies.reduce(0) { $0 + $1.failing })件")
    }
}
