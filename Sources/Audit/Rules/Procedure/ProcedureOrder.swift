import CaseModel

/// Dates run forward: violation ≤ discovered ≤ filed ≤ investigation steps ≤ notice ≤ decision ≤
/// delivery ≤ execution ≤ closed, for those present.
struct ProcedureOrder: AuditRule {
    let id = RuleID.procedureOrder
    let title = "办案环节日期顺序颠倒"
    let basis = "《行政处罚法》第五章：先调查取证、告知，后作出决定、送达、执行"
    let checks =
        "Dates out of order: violation, discovery, filing, investigation steps, notice, decision, delivery, execution and closing must not run backwards."
    let scope = RuleScope.only(.penalty)

    static func stage(_ kind: EventKind) -> Int? {
        switch kind {
        case .discovered: 1
        case .filed: 2
        case .inspection, .investigation, .seizure, .demolition: 3
        case .notice: 4
        case .decision: 5
        case .delivery: 6
        case .execution: 7
        case .closed: 8
        default: nil
        }
    }

    func check(_ context: AuditContext) throws -> Verdict {
        let events = context.enforcementCase.events
        // A step names its event by index (nil: the violation itself), so no event is copied.
        var steps: [(stage: Int, date: CalendarDate, label: String, event: Int?)] = []
        if let violation = context.enforcementCase.matter?.violationDate { steps.append((0, violation, "违法行为发生", nil)) }
        for index in events.indices {
            if let stage = Self.stage(events[index].kind) { steps.append((stage, events[index].date, events[index].kind.chineseName, index)) }
        }
        guard steps.count > 1 else { return .notApplicable("可比较的环节不足两个") }
        // Walk the stages in order, carrying the latest step of all earlier stages.
        var latestEarlier = [(date: CalendarDate, label: String)?](repeating: nil, count: 9)
        var running: (date: CalendarDate, label: String)?
        for stage in 0...8 {
            latestEarlier[stage] = running
            for step in steps where step.stage == stage && (running == nil || step.date > running!.date) {
                running = (step.date, step.label)
            }
        }
        var violations: [Violation] = []
        for step in steps {
            guard let earlier = latestEarlier[step.stage], earlier.date > step.date else { continue }
            violations.append(
                Violation(
                    "\(step.label)（\(step.date)）早于\(earlier.label)（\(earlier.date)）",
                    event: step.event.map { context.reference(events[$0]) }, date: step.date))
        }
        return .failing(violations, else: "各环节日期顺序正确")
    }
}
