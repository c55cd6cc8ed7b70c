import CaseModel

/// 听证: hearing rights are told when the outcome grants them, a requested hearing is held before the
/// decision, and the party is notified at least 7 working days before it.
struct ProcedureHearing: AuditRule {
    let id = RuleID.procedureHearing
    let title = "听证程序违法"
    let basis = "《行政处罚法》第六十三条、第六十四条"
    let checks = "Hearing rights due but not told; a requested hearing not held before the decision; or a hearing held too soon after its notice."
    let scope = RuleScope.only(.penalty)

    func check(_ context: AuditContext) throws -> Verdict {
        let requests = context.events(.hearingRequested)
        let hearings = context.events(.hearing)
        guard context.grantsHearingRights || !requests.isEmpty || !hearings.isEmpty else {
            return .notApplicable("处罚不属于应当告知听证权利的情形")
        }
        var violations: [Violation] = []
        if let decision = context.decision, context.grantsHearingRights {
            let notice = context.events(.notice).last { $0.date <= decision.date }
            if notice?.hearingRights != true {
                violations.append(
                    Violation(
                        "处罚（\(context.hearingRightReasons.joined(separator: "；"))）应当告知听证权利，告知书\(notice == nil ? "缺失" : "未告知")",
                        event: notice.map(context.reference) ?? context.reference(decision)))
            }
        }
        if let decision = context.decision {
            for request in requests where !hearings.contains(where: { $0.date >= request.date && $0.date <= decision.date }) {
                violations.append(Violation("当事人\(request.date)申请听证，决定前未举行听证", event: context.reference(request), date: request.date))
            }
        }
        for hearing in hearings {
            guard let notified = context.events(.hearingNotice).last(where: { $0.date <= hearing.date }) else {
                violations.append(Violation("\(hearing.date)举行听证，没有听证通知", event: context.reference(hearing), date: hearing.date))
                continue
            }
            let earliest = try context.workdays(context.parameters.hearingNoticeWorkdays, after: notified.date)
            if hearing.date < earliest.date {
                violations.append(
                    Violation(
                        "\(notified.date)通知听证，\(hearing.date)即举行，早于\(earliest.date)",
                        event: context.reference(hearing), date: hearing.date, deadline: earliest))
            }
        }
        return .failing(violations, else: "听证程序符合要求")
    }
}
