import CaseModel

/// At least two certified officers act together (one suffices under 简易程序).
struct OfficerCount: AuditRule {
    let id = RuleID.officerCount
    let title = "执法人员不足两人"
    let basis = "《行政处罚法》第四十二条第一款：执法人员不得少于两人，法律另有规定的除外"
    let checks =
        "A step with officers (and every inspection, investigation, seizure or demolition) taken by fewer than two certified officers; one suffices under simple procedure."
    let scope = RuleScope.everyType

    /// Acts the law wants done by officers even when the file names none.
    static let actingKinds: Set<EventKind> = [.inspection, .investigation, .seizure, .demolition]

    func check(_ context: AuditContext) throws -> Verdict {
        let required = context.enforcementCase.procedure == .simple ? 1 : 2
        let events = context.enforcementCase.events
        var acting = 0
        var violations: [Violation] = []
        for index in events.indices where !events[index].officers.isEmpty || Self.actingKinds.contains(events[index].kind) {
            acting += 1
            let event = events[index]
            // Distinct certified people; events name two or three, so a linear scan beats a Set.
            var certified: [String] = []
            for officer in event.officers where !certified.contains(officer) && context.coveringCertificate(officer, on: event.date) != nil {
                certified.append(officer)
            }
            if certified.count < required {
                violations.append(
                    Violation(
                        "\(context.reference(event).description)持有效执法证的执法人员\(certified.count)人（列明\(event.officers.count)人），少于\(required)人",
                        event: context.reference(event), date: event.date))
            }
        }
        guard acting > 0 else { return .notApplicable("没有需要执法人员实施的环节") }
        return .failing(violations, else: "各执法环节均有\(required)名以上持证执法人员")
    }
}
