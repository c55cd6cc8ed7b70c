import CaseModel

/// Audio-video is advised for inspections, investigations, hearings and hard deliveries.
struct RecordAVAdvised: AuditRule {
    let id = RuleID.recordAVAdvised
    let title = "现场执法环节未音像记录（建议）"
    let basis = "国办发〔2018〕118号：对现场检查、调查取证、听证、留置送达和公告送达等容易引发争议的执法过程，应当音像记录"
    let checks = "An inspection, investigation or hearing, or a delivery by leaving or public notice, with no audio-video record (advice only)."
    let scope = RuleScope.everyType

    func check(_ context: AuditContext) throws -> Verdict {
        let events = context.enforcementCase.events.filter {
            [.inspection, .investigation, .hearing].contains($0.kind)
                || ($0.kind == .delivery && ($0.method == .left || $0.method == .publicNotice))
        }
        guard !events.isEmpty else { return .notApplicable("没有建议音像记录的环节") }
        return .failing(
            events.filter { !$0.records.contains { $0.kind == .audioVideo } }.map {
                Violation("\(context.reference($0).description)没有音像记录", event: context.reference($0), date: $0.date)
            }, else: "建议音像记录的环节均有音像记录")
    }
}
