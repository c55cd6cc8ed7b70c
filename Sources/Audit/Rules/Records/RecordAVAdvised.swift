import CaseModel

/// Audio-video is advised for inspections, investigations, hearings and hard deliveries.
struct RecordAVAdvised: AuditRule {
    let id = RuleID.recordAVAdvised
    let title = "现场执法环节未音像记录（建议）"
    let basis = "国办发〔2018〕118号：对现场检查、调查取证、听证、留置送达和公告送达等容易引发争议的执法过程，应当音像记录"
    let checks = "An inspection, investigation or hearing, or a delivery by leaving or public notice, with no audio-video record (advice only)."
    let scope = RuleScope.everyType

    func check(_ context: AuditContext) throws -> Verdict {
        let events = context.enforcementCase.events
        func advised(_ event: Event) -> Bool {
            event.kind == .inspection || event.kind == .investigation || event.kind == .hearing
                || (event.kind == .delivery && (event.method == .left || event.method == .publicNotice))
        }
        guard events.indices.contains(where: { advised(events[$0]) }) else { return .notApplicable("没有建议音像记录的环节") }
        var violations: [Violation] = []
        for index in events.indices where advised(events[index]) && !events[index].records.contains(where: { $0.kind == .audioVideo }) {
            let reference = context.reference(events[index])
            violations.append(Violation("\(reference.description)没有音像记录", event: reference, date: events[index].date))
        }
        return .failing(violations, else: "建议音像记录的环节均有音像记录")
    }
}
