import CaseModel

/// 文字记录: the steps the law writes down need a written record.
struct RecordText: AuditRule {
    let id = RuleID.recordText
    let title = "执法环节缺少文字记录"
    let basis = "《行政处罚法》第四十七条：行政机关应当依法以文字、音像等形式，对行政处罚的启动、调查取证、审核、决定、送达、执行等进行全过程记录"
    let checks = "A filing, inspection, investigation, notice, hearing, legal review, collective discussion, decision or delivery with no written record."
    let scope = RuleScope.everyType

    static let writtenKinds: Set<EventKind> = [
        .filed, .inspection, .investigation, .notice, .hearing, .legalReview,
        .collectiveDiscussion, .decision, .delivery
    ]

    func check(_ context: AuditContext) throws -> Verdict {
        let events = context.enforcementCase.events
        guard events.indices.contains(where: { Self.writtenKinds.contains(events[$0].kind) }) else { return .notApplicable("没有需要文字记录的环节") }
        var violations: [Violation] = []
        for index in events.indices where Self.writtenKinds.contains(events[index].kind) && !events[index].records.contains(where: { $0.kind == .text }) {
            let reference = context.reference(events[index])
            violations.append(Violation("\(reference.description)没有文字记录", event: reference, date: events[index].date))
        }
        return .failing(violations, else: "各环节均有文字记录")
    }
}
