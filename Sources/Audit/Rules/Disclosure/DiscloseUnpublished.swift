import CaseModel

/// 行政执法公示 held against what was published: a case that records its disclosure, inside the
/// period and agencies a published 双公示 list covers, but which that list does not hold, was not
/// published there whatever the file says.
struct DiscloseUnpublished: AuditRule {
    let id = RuleID.discloseUnpublished
    let title = "记载已公示但公示平台未见"
    let basis = "国办发〔2018〕118号：行政许可、行政处罚决定应当在信用中国等平台公开（双公示）；公示内容应当真实"
    let checks =
        "A decided penalty or license case that records a disclosure, inside the agencies and period of an imported published list of its kind, which holds no row of its agency and 决定文号; not applicable where no published list covers it."
    let scope = RuleScope.everyType

    func check(_ context: AuditContext) throws -> Verdict {
        guard let decision = context.decision else { return .notApplicable("尚未作出决定") }
        guard let list = context.publishedCoverage.first else { return .notApplicable("没有覆盖该决定的已导入公示清单") }
        let c = context.enforcementCase
        if let found = c.publications.first {
            return .pass("公示清单 \(found.source) 第\(found.row)行载有该决定" + (found.publishedDate.map { "，发布日\($0)" } ?? ""))
        }
        guard let recorded = context.recordedDisclosure else { return .notApplicable("案卷未记载公示（由DISCLOSE-MISSING判断）") }
        return .fail(
            Violation(
                "案卷记载\(recorded)已公示，但覆盖\(list.from)至\(list.to)的公示清单 \(list.source) 中没有文号“\(decision.number ?? "（无文号）")”",
                event: context.reference(decision), date: recorded))
    }
}
