import CaseModel

/// 集体讨论: the heads of the agency discuss a major decision before it is made.
struct ProcedureCollective: AuditRule {
    let id = RuleID.procedureCollective
    let title = "重大处罚决定未经集体讨论"
    let basis = "《行政处罚法》第五十七条第二款：对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定"
    let checks = "A major decision with no collective discussion on or before the decision date."
    let scope = RuleScope.only(.penalty)

    func check(_ context: AuditContext) throws -> Verdict {
        guard context.isMajor else { return .notApplicable("不属于重大执法决定") }
        guard let decision = context.decision else { return .notApplicable("尚未作出决定") }
        guard context.events(.collectiveDiscussion).contains(where: { $0.date <= decision.date }) else {
            return .fail(
                Violation(
                    "重大处罚决定（\(context.majorReasons.joined(separator: "；"))）在\(decision.date)作出前未经集体讨论",
                    event: context.reference(decision)))
        }
        return .pass("决定前已集体讨论")
    }
}
