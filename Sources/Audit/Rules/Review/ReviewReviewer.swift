import CaseModel

/// The reviewer is a registered reviewer, qualified when first reviewing after 2021-07-15, and did
/// not act as an officer in the same case.
struct ReviewReviewer: AuditRule {
    let id = RuleID.reviewReviewer
    let title = "法制审核人员不符合要求"
    let basis = "《行政处罚法》第五十八条第二款：初次从事行政处罚决定法制审核的人员，应当通过国家统一法律职业资格考试取得法律职业资格"
    let checks =
        "A reviewer not registered as one, without legal qualification when appointed on or after 2021-07-15, or acting as an officer in the same case."
    let scope = RuleScope.everyType

    /// The clause behind each condition: a finding quotes the one that failed.
    static let registeredClause = "国办发〔2018〕118号（十一）明确审核机构：各级行政执法机关要明确具体负责本单位重大执法决定法制审核的工作机构，确保法制审核工作有机构承担、有专人负责"
    static let qualificationClause = "《行政处罚法》第五十八条第二款：行政机关中初次从事行政处罚决定法制审核的人员，应当通过国家统一法律职业资格考试取得法律职业资格"
    static let separationClause = "审核与办案分离（规则目录 REVIEW-REVIEWER）：法制审核是对承办机构拟作出决定的审查，承办本案的执法人员不得同时担任本案的法制审核人员"

    func check(_ context: AuditContext) throws -> Verdict {
        let reviews = context.events(.legalReview)
        guard !reviews.isEmpty else { return .notApplicable("没有法制审核环节") }
        let officersOfCase = Set(context.enforcementCase.events.flatMap(\.officers))
        var violations: [Violation] = []
        for review in reviews {
            let reference = context.reference(review)
            guard let id = review.reviewer else {
                violations.append(Violation("\(reference.description)未载明审核人员", event: reference, basis: Self.registeredClause))
                continue
            }
            guard let person = context.people[id], person.roles.contains(.reviewer) else {
                violations.append(Violation("审核人员\(id)不是名录中的法制审核人员", event: reference, officer: id, basis: Self.registeredClause))
                continue
            }
            if person.legalQualification == nil {
                let from = context.parameters.reviewerQualificationFrom
                if let since = person.reviewerSince, since < from {
                    // 2021年7月15日前已从事法制审核的人员不受资格要求限制。
                } else {
                    let since = person.reviewerSince.map { "自\($0)起从事审核" } ?? "未载明从事审核的起始日期"
                    violations.append(
                        Violation(
                            "审核人员\(person.name)（\(id)）没有法律职业资格，\(since)", event: reference, officer: id,
                            basis: Self.qualificationClause))
                }
            }
            if officersOfCase.contains(id) {
                violations.append(
                    Violation(
                        "审核人员\(person.name)（\(id)）同时是本案执法人员", event: reference, officer: id,
                        basis: Self.separationClause))
            }
        }
        return .failing(violations, else: "法制审核人员符合要求")
    }
}
