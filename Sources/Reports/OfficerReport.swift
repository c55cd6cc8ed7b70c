import AuditRuns
import CaseModel
import Foundation

/// The officers' review (`OfficerReview`) as the bureau reads it.
public enum OfficerReport {
    /// `95.0%`, or `—` for an agency that lists no officer.
    public static func share(_ value: Double?) -> String {
        value.map { String(format: "%.1f%%", $0 * 100) } ?? "—"
    }

    /// `还剩 12 天`, `今日到期`.
    public static func left(_ days: Int) -> String {
        days == 0 ? "今日到期" : "还剩 \(days) 天"
    }

    /// `自 2025-03-01 起无有效执法证`, or `从未持有有效执法证`.
    public static func lapse(_ since: CalendarDate?) -> String {
        since.map { "自 \($0) 起无有效执法证" } ?? "从未持有有效执法证"
    }

    public static func text(_ r: OfficerReview) -> String {
        var lines = ["执法人员  截至 \(r.asOf)；\(r.year) 年培训以 \(r.requiredHours) 学时为限；执法证 \(r.warningDays) 天内到期预警"]
        for a in r.agencies {
            lines.append("")
            lines.append("\(a.name)：执法人员 \(a.officers) 人，持证 \(a.certified) 人，持证率 \(share(a.certifiedShare))；执法辅助人员 \(a.auxiliaries) 人")
            if !a.shortOfTraining.isEmpty {
                lines.append(
                    "  培训不足 \(r.requiredHours) 学时（\(a.shortOfTraining.count) 人）："
                        + a.shortOfTraining.map { "\($0.name)（\($0.officer)）\($0.hours.readableText) 学时" }.joined(separator: "；"))
            }
            for e in a.expiring {
                lines.append("  执法证将到期：\(e.name)（\(e.officer)）证号 \(e.number) 有效至 \(e.through)，\(left(e.daysLeft))")
            }
            for p in a.actingUncertified {
                lines.append("  无证执法：\(p.name)（\(p.officer)）\(lapse(p.since))，此后参与执法 \(p.acts) 次，最近 \(p.last?.description ?? "—")（如 \(p.example ?? "—")）")
            }
            for p in a.auxiliariesAlone {
                lines.append("  辅助人员单独执法：\(p.name)（\(p.officer)）\(r.year) 年 \(p.acts) 次，最近 \(p.last?.description ?? "—")（如 \(p.example ?? "—")）")
            }
        }
        return lines.joined(separator: "\n")
    }
}
