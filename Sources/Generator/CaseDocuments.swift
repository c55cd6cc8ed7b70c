import CaseModel
import WorkCalendar

/// The 行政处罚告知书 and 行政处罚决定书 of a generated case, written as an agency writes them, from
/// the case as it finally stands, with at most one planted defect.
struct CaseDocuments {
    let c: EnforcementCase
    let agency: Agency
    let item: BenchmarkItem?

    /// `《相关法律》第一百二十四条` from a basis, adding the title's brackets when it has none.
    var citation: String {
        guard let basis = item?.basis else { return "《中华人民共和国行政处罚法》第二十八条" }
        if basis.contains("《") { return basis }
        guard let article = basis.range(of: "第") else { return "《\(basis)》" }
        return "《\(basis[..<article.lowerBound])》\(basis[article.lowerBound...])"
    }

    var government: String {
        guard let city = agency.name.range(of: "市") else { return "本级人民政府" }
        return agency.name[..<city.upperBound] + "人民政府"
    }

    static func written(_ date: CalendarDate) -> String { "\(date.year)年\(date.month)月\(date.day)日" }

    var penaltyText: String {
        (c.outcome?.penalties ?? []).map { penalty in
            guard let amount = penalty.amount else { return penalty.kind.chineseName }
            return "\(penalty.kind.chineseName)人民币\(ChineseMoney.uppercase(amount))（¥\(amount.groupedText)）"
        }.joined(separator: "；")
    }

    func notice() -> String? {
        guard let notice = c.events.last(where: { $0.kind == .notice }) else { return nil }
        var lines = [
            agency.name, "行政处罚告知书", "", "\(c.party.name)：",
            "经查，你（单位）于\(c.matter?.violationDate.map(Self.written) ?? "")\(c.matter?.text ?? "")，有现场检查笔录、调查询问笔录等证据证实。",
            "你（单位）的上述行为违反了\(citation)的规定。依据\(citation)的规定，本机关拟对你（单位）作出如下行政处罚：\(penaltyText)。",
            "根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）享有陈述、申辩的权利，可以在收到本告知书之日起五日内向本机关提出陈述、申辩。"
        ]
        if notice.hearingRights == true {
            lines.append("根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你（单位）有权要求举行听证，可以在收到本告知书之日起五日内向本机关提出。")
        }
        lines += ["逾期视为放弃上述权利。", "", agency.name, Self.written(notice.date), "（印章）"]
        return lines.joined(separator: "\n")
    }

    func decision(defect: Defect?) -> String? {
        guard let decision = c.decision, let number = decision.number else { return nil }
        var amounts = penaltyText
        if defect == .documentAmount, let fine = c.outcome?.penalties.first(where: { $0.amount != nil })?.amount {
            let wrong = Money(fen: fine.fen * 10)
            amounts = "罚款人民币\(ChineseMoney.uppercase(wrong))（¥\(wrong.groupedText)）"
        }
        let review = defect == .documentTimeLimit ? "三十日" : "六十日"
        var lines = [
            agency.name, "行政处罚决定书", number, "",
            "当事人：\(c.party.name)",
            c.party.creditCode.map { "统一社会信用代码：\($0)" } ?? "身份证件：已核验",
            "住所：\(agency.name.prefix(3))中山路\(c.id.suffix(3))号",
            "经查，当事人于\(c.matter?.violationDate.map(Self.written) ?? "")\(c.matter?.text ?? "")。",
            "以上事实有现场检查笔录、调查询问笔录、执法记录仪视频等证据证实。",
            "当事人的上述行为违反了\(citation)的规定。依据\(citation)的规定，本机关决定对当事人作出如下行政处罚：\(amounts)。",
            "当事人应当自收到本决定书之日起十五日内，将罚款缴至指定银行。逾期不缴纳罚款的，每日按罚款数额的百分之三加处罚款。"
        ]
        if defect != .documentElement {
            lines.append(
                "如不服本决定，可以自收到本决定书之日起\(review)内向\(government)申请行政复议，也可以自收到本决定书之日起六个月内依法向人民法院提起行政诉讼。")
        }
        lines += ["", agency.name, Self.written(decision.date), "（印章）"]
        return lines.joined(separator: "\n")
    }
}
