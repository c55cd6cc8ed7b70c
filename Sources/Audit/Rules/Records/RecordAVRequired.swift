import CaseModel

/// 全程音像记录: seizures and demolitions need audio-video.
struct RecordAVRequired: AuditRule {
    let id = RuleID.recordAVRequired
    let title = "查封扣押、强制拆除无全程音像记录"
    let basis = "国办发〔2018〕118号：查封扣押财产、强制拆除等直接涉及生命健康、重大财产权益的现场执法活动，应当全程音像记录"
    let checks = "A seizure, seizure extension or demolition with no audio-video record."
    let scope = RuleScope.everyType

    func check(_ context: AuditContext) throws -> Verdict {
        let events = context.events(.seizure, .seizureExtended, .demolition)
        guard !events.isEmpty else { return .notApplicable("没有查封扣押或强制拆除环节") }
        return .failing(
            events.filter { !$0.records.contains { $0.kind == .audioVideo } }.map {
                Violation("\(context.reference($0).description)没有音像记录", event: context.reference($0), date: $0.date)
            }, else: "查封扣押、强制拆除环节均有音像记录")
    }
}
