import CaseModel

/// 追责时效: no penalty for a violation discovered more than 2 years (5 where life, health or finance
/// were harmed) after it happened.
struct ProcedureLimitation: AuditRule {
    let id = RuleID.procedureLimitation
    let title = "超过追责时效仍予处罚"
    let basis = "《行政处罚法》第三十六条第一款"
    let checks = "A penalty although the violation was discovered more than 2 years after it ended (5 years for harm to life, health or finance)."
    let scope = RuleScope.only(.penalty)

    func check(_ context: AuditContext) throws -> Verdict {
        guard context.imposesPenalty else { return .notApplicable("未作出处罚") }
        guard let violation = context.enforcementCase.matter?.violationDate else {
            return .manual("未载明违法行为发生日期，无法判断追责时效")
        }
        // Without a recorded discovery, the agency knew of the violation at its first recorded act at the latest.
        guard let discovery = context.first(.discovered)?.date ?? context.enforcementCase.events.map(\.date).min() else {
            return .manual("未载明发现日期或任何办案环节，无法判断追责时效")
        }
        let extended = context.benchmarkItem?.lifeHealthFinance == true && context.enforcementCase.party.harm
        let years = extended ? context.parameters.limitationExtendedYears : context.parameters.limitationYears
        let limit = violation.addingYears(years)
        guard discovery > limit else { return .pass("违法行为\(violation)，发现于\(discovery)，未超过\(years)年（至\(limit)）") }
        return .fail(
            Violation(
                "违法行为发生于\(violation)，\(discovery)才发现，已超过\(years)年追责时效（至\(limit)）",
                date: discovery,
                deadline: Deadline(
                    date: limit, start: violation,
                    counting: .years(years, note: extended ? "（涉及生命健康安全、金融安全且有危害后果）" : ""))))
    }
}

extension CalendarDate {
    /// The same day `years` later; 29 February becomes 28 February in a common year. Past 9999 it
    /// is the last day a date may be, so that an absurd stored date cannot trap the audit.
    func addingYears(_ years: Int) -> CalendarDate {
        let (y, m, d) = parts
        let (year, overflow) = y.addingReportingOverflow(years)
        guard !overflow, (1...9999).contains(year) else { return year < 1 && !overflow ? .earliest : .latest }
        return CalendarDate(year: year, month: m, day: min(d, CalendarDate.daysInMonth(year: year, month: m))) ?? .latest
    }
}
