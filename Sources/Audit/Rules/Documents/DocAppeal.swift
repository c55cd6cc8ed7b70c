import CaseModel
import WorkCalendar

/// The 救济 clause of a 决定书: 行政复议 within 60 days (《行政复议法》第二十条) to the body that hears it,
/// 行政诉讼 within 6 months (《行政诉讼法》第四十六条) to a 人民法院. A wrong time limit is a defect
/// case-file reviews find again and again; it may cost the party their remedy.
struct DocAppeal: AuditRule {
    let id = RuleID.docAppeal
    let title = "复议诉讼期限"
    let basis =
        "《行政复议法》第二十条：公民、法人或者其他组织认为行政行为侵犯其合法权益的，可以自知道或者应当知道该行政行为之日起六十日内提出行政复议申请；第二十四条：县级以上地方各级人民政府管辖对本级人民政府工作部门作出的行政行为不服的行政复议案件（2024年1月1日起施行）；《行政诉讼法》第四十六条：公民、法人或者其他组织直接向人民法院提起诉讼的，应当自知道或者应当知道作出行政行为之日起六个月内提出"
    let checks =
        "In the decision's 决定书, the clause naming 行政复议 states 60 days (六十日/60日/60天) and the one naming 行政诉讼 6 months (六个月/6个月); a period stated otherwise, or none, is a violation. The 诉讼 clause names a 人民法院; for a decision from 2024-01-01 by an agency outside the vertically managed systems (税务, 海关, 金融监管, 外汇, 国家安全), the 复议 clause names a 人民政府. `manual` when the document could not be read; not applicable when it names neither remedy (DOC-DECISION reports that)."
    let scope = RuleScope.only(.penalty)

    /// 《行政复议法》(2023年修订) takes effect: 复议 goes to the 本级人民政府.
    static let concentratedReview = CalendarDate(year: 2024, month: 1, day: 1)!
    static let verticalSystems = ["税务", "海关", "金融监督", "金融监管", "外汇", "国家安全"]

    func check(_ context: AuditContext) throws -> Verdict {
        guard let decision = context.decision else { return .notApplicable("尚未作出决定") }
        guard let document = context.decisionDocument else { return .notApplicable("决定未附可读取的决定书文件") }
        if let unread = document.unreadVerdict { return unread }
        guard document.mentions("行政复议", "行政诉讼") else { return .notApplicable("决定书未载明复议、诉讼途径（见 DOC-DECISION）") }
        let reference = context.reference(document.event)
        var violations: [Violation] = []
        func problem(_ message: String, _ basis: String) {
            violations.append(Violation("\(document.name)\(message)", event: reference, date: document.event.date, basis: basis))
        }
        let clauses = RemedyClauses(document.scalars)
        let vertical = Self.verticalSystems.contains { context.agencyName.contains($0) }
        // 复议 went to a 人民政府 only from 2024; 诉讼 always to a 人民法院.
        let remedies: [Remedy] = [
            Remedy(
                name: "行政复议", verb: "申请", period: .days(60), periodText: "六十日", periodBasis: "《行政复议法》第二十条",
                body: decision.date >= Self.concentratedReview && !vertical ? "人民政府" : nil,
                bodyProblem: "未写明向人民政府申请行政复议（2024年1月1日起由县级以上地方人民政府管辖）", bodyBasis: "《行政复议法》第二十四条"),
            Remedy(
                name: "行政诉讼", verb: "提起", period: .months(6), periodText: "六个月", periodBasis: "《行政诉讼法》第四十六条",
                body: "人民法院", bodyProblem: "未写明向人民法院提起行政诉讼", bodyBasis: "《行政诉讼法》第四十六条")
        ]
        for remedy in remedies where document.mentions(remedy.name) {
            let periods = clauses.periods(near: remedy.name)
            if periods.isEmpty {
                problem("未载明\(remedy.verb)\(remedy.name)的期限（应为\(remedy.periodText)）", remedy.periodBasis)
            } else if let wrong = periods.first(where: { $0 != remedy.period }) {
                problem("载明\(remedy.verb)\(remedy.name)的期限为\(wrong.text)，法定为\(remedy.periodText)", remedy.periodBasis)
            }
            if let body = remedy.body, !CaseDocument.contains(clauses.window(near: remedy.name), body) {
                problem(remedy.bodyProblem, remedy.bodyBasis)
            }
        }
        guard !violations.isEmpty else { return .pass("\(document.name)载明六十日内申请行政复议、六个月内提起行政诉讼") }
        return .fail(violations)
    }
}

/// What the law gives each remedy: its period and, where the text must name it, the body that hears it.
private struct Remedy {
    var name, verb: String
    var period: StatedPeriod
    var periodText, periodBasis: String
    var body: String?
    var bodyProblem, bodyBasis: String
}

/// A period a document states: `六十日`, `60天`, `六个月`, `3个月`.
enum StatedPeriod: Equatable {
    case days(Int)
    case months(Int)

    var text: String {
        switch self {
        case .days(let n): "\(n)日"
        case .months(let n): "\(n)个月"
        }
    }
}

/// The clauses of a document (split at `，：` within sentences ending at `。；`) and the periods
/// stated near a remedy: in the clause that names it and the two before it in its sentence, not
/// past one that names the other remedy, so that `…六十日内申请行政复议，也可以在六个月内提起行政诉讼`
/// gives each its own and `…十五日内缴纳罚款。如不服…` lends neither its period.
struct RemedyClauses {
    let clauses: [(sentence: Int, text: ArraySlice<Unicode.Scalar>)]

    init(_ s: [Unicode.Scalar]) {
        var clauses: [(Int, ArraySlice<Unicode.Scalar>)] = []
        var sentence = 0
        var start = 0
        for index in s.indices {
            switch s[index] {
            case "，", "：", ",", ":":
                clauses.append((sentence, s[start..<index]))
                start = index + 1
            case "。", "；", ";":
                clauses.append((sentence, s[start..<index]))
                start = index + 1
                sentence += 1
            default: break
            }
        }
        clauses.append((sentence, s[start...]))
        self.clauses = clauses
    }

    /// The clauses that speak of `remedy`, each with the two before it in its sentence that speak
    /// of neither remedy, joined and ended with `。`.
    func window(near remedy: String) -> [Unicode.Scalar] {
        let other = remedy == "行政复议" ? "行政诉讼" : "行政复议"
        var text: [Unicode.Scalar] = []
        for (index, clause) in clauses.enumerated() where CaseDocument.contains(clause.text, remedy) {
            var first = index
            while first - 1 >= 0, first - 1 >= index - 2, clauses[first - 1].sentence == clause.sentence,
                !CaseDocument.contains(clauses[first - 1].text, other), !CaseDocument.contains(clauses[first - 1].text, remedy)
            {
                first -= 1
            }
            for part in clauses[first...index] { text += part.text }
            text.append("。")
        }
        return text
    }

    func periods(near remedy: String) -> [StatedPeriod] {
        let text = window(near: remedy)
        var found: [StatedPeriod] = []
        var index = 0
        while index < text.count {
            var end = index
            while end < text.count, ChineseAmounts.digit(text[end]) != nil || text[end] == "十" { end += 1 }
            defer { index = max(end, index + 1) }
            guard end > index, end < text.count, let value = ChineseAmounts.value(text[index..<end]).map({ Int($0.fen / 100) }) else { continue }
            if text[end] == "日" || text[end] == "天" {
                found.append(.days(value))
            } else if text[end] == "个", end + 1 < text.count, text[end + 1] == "月" {
                found.append(.months(value))
            }
        }
        return found
    }
}
