import CaseModel

/// 查封扣押: at most 30 days, 60 with an approved extension.
struct SeizureDeadline: AuditRule {
    let id = RuleID.seizureDeadline
    let title = "查封扣押超过法定期限"
    let basis = "《行政强制法》第二十五条：查封、扣押的期限不得超过三十日；情况复杂的，经批准可以延长，但延长期限不得超过三十日"
    let checks = "A seizure held beyond 30 days, or 60 with an approved extension."
    let scope = RuleScope.everyType

    func check(_ context: AuditContext) throws -> Verdict {
        guard let period = try context.seizurePeriod() else { return .notApplicable("没有查封扣押") }
        let seizure = period.start
        let deadline = period.deadline
        let extensions = context.events(.seizureExtended)
        let measure = "\(seizure.date)查封扣押，期限\(deadline.date)\(extensions.isEmpty ? "" : "（已延长）")"
        if let released = context.first(.seizureReleased) {
            guard released.date > deadline.date else { return .pass("\(measure)，\(released.date)解除") }
            return .fail(Violation("\(measure)，\(released.date)才解除", event: context.reference(released), date: released.date, deadline: deadline))
        }
        if let until = (extensions + [seizure]).compactMap(\.until).max() {
            guard until > deadline.date else { return .pass("\(measure)，决定期限至\(until)") }
            return .fail(Violation("\(measure)，决定查封扣押至\(until)", event: context.reference(seizure), date: until, deadline: deadline))
        }
        guard context.asOf > deadline.date else { return .pass("\(measure)，尚未届满") }
        return .fail(Violation("\(measure)，至\(context.asOf)仍未解除", event: context.reference(seizure), deadline: deadline))
    }
}
