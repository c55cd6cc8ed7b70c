import CaseModel

/// The reviewer is a registered reviewer, qualified when first reviewing after 2021-07-15, and did
/// not act as an officer in the same case.
struct ReviewReviewer: AuditRule {
    let id = RuleID.reviewReviewer
    let title = "法制审核人员不符合要求"
    let basis = "《行政处罚法》第五十八条第二款：初次从事行政处罚决定法制审核的人员，应当通过国家统一法律职业资格考试取得法律职业资格"
    let checks = "A reviewer not registered as one, without legal qualification when appointed on or after 2021-07-15, or acting as an officer in the same case."
    let scope = RuleScope.everyType

    func check(_ context: AuditContext) throws -> Verdict {
        let reviews = context.events(.legalReview)
        guard !reviews.isEmpty else { return .notApplicable("没有法制审核环节") }
        let officersOfCase = Set(context.enforcementCase.events.flatMap(\.officers))
        var violations: [Violation] = []
        for review in reviews {
            let reference = context.reference(review)
            guard let id = review.reviewer else {
                violations.append(Violation("\(reference.description)未载明审核人员", event: reference))
                continue
            }
            guard let person = context.people[id], person.roles.contains(.reviewer) else {
                violations.append(Violation("审核人员\(id)不是名录中的法制审核人员", event: reference, officer: id))
                continue
            }
            if person.legalQualification == nil {
                let from = context.parameters.reviewerQualificationFrom
                if let since = person.reviewerSince, since < from {
                    // 2021年7月15日前已从事法制审核的人员不受资格要求限制。
                } else {
                    let since = person.reviewerSince.map { "自\($0)起从事审核" } ?? "未载明从事审核的起始日期"
                    violations.append(Violation("审核人员\(person.name)（\(id)）没有法律职业资格，\(since)", event: reference, officer: id))
                }
            }
            if officersOfCase.contains(id) {
                violations.append(Violation("审核人员\(person.name)（\(id)）同时是本案执法人员", event: reference, officer: id))
            }
        }
        return .failing(violations, else: "法制审核人员符合要求")
    }
}
