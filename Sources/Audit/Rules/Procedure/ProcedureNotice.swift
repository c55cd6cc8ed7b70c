import CaseModel

/// 事先告知: a penalty is told beforehand, and decided no sooner than the party had time to answer.
struct ProcedureNotice: AuditRule {
    let id = RuleID.procedureNotice
    let title = "未依法告知或未给予陈述申辩期间"
    let basis = "《行政处罚法》第四十四条、第四十五条、第六十二条、第六十四条"
    let checks =
        "A penalty imposed without a prior notice (the same day suffices under simple and fast procedure); under general procedure also a decision before the notice period has run."
    let scope = RuleScope.only(.penalty)

    /// docs/rules.md (amended): every procedure needs a notice on or before the decision (行政处罚法 44,
    /// 52: 简易程序 too tells the party on the spot); only the general procedure also waits for an answer.
    func check(_ context: AuditContext) throws -> Verdict {
        guard let decision = context.decision else { return .notApplicable("尚未作出决定") }
        guard context.imposesPenalty else { return .notApplicable("未作出处罚") }
        guard let notice = context.events(.notice).last(where: { $0.date <= decision.date }) else {
            return .fail(Violation("作出处罚决定前未告知拟处罚的内容及事实、理由、依据和陈述申辩权利", event: context.reference(decision)))
        }
        guard context.enforcementCase.procedure == .general else {
            return .pass("\(context.enforcementCase.procedure.chineseName)：\(notice.date)告知，\(decision.date)决定（当场告知即可）")
        }
        let earliest = try context.workdays(context.parameters.noticeWorkdays, after: notice.date)
        guard decision.date < earliest.date else { return .pass("告知\(notice.date)，决定\(decision.date)，不早于\(earliest.date)") }
        let answered = context.enforcementCase.events.filter { $0.date >= notice.date && $0.date <= decision.date }
        if answered.contains(where: { $0.kind == .waiver }) { return .pass("当事人已放弃陈述申辩和听证") }
        if !context.grantsHearingRights, answered.contains(where: { $0.kind == .statement }) {
            return .pass("当事人已陈述申辩，且无听证权利")
        }
        return .fail(
            Violation(
                "告知\(notice.date)后于\(decision.date)即作出决定，早于\(earliest.date)，且当事人未放弃陈述申辩\(context.grantsHearingRights ? "和听证" : "")",
                event: context.reference(decision), date: decision.date, deadline: earliest))
    }
}
