import CaseModel

/// 《行政处罚法》第五十九条: a 行政处罚决定书 states the party's name and address; the facts and
/// evidence; the kind of penalty and its basis; how and by when to perform it; the routes and time
/// limits of 行政复议 and 行政诉讼; the agency's name and the date. The seal is not in the text.
struct DocDecision: AuditRule {
    let id = RuleID.docDecision
    let title = "决定书要素"
    let basis =
        "《行政处罚法》第五十九条：行政处罚决定书应当载明当事人的姓名或者名称、地址；违反法律、法规、规章的事实和证据；行政处罚的种类和依据；行政处罚的履行方式和期限；申请行政复议、提起行政诉讼的途径和期限；作出行政处罚决定的行政机关名称和作出决定的日期"
    let checks =
        "The text read from the decision's 决定书 names the party (as recorded) and an address (地址/住所), facts (违法事实/经查/查明) and evidence (证据), a penalty of the case's kinds, with its sum when it has one, and its basis (依据 or 根据 with a 《law》 and 第…条), how and by when to perform (履行/缴纳 with a time), both 行政复议 and 行政诉讼, and, after the remedies (or in its last 120 characters), the agency's name and a date; one violation per element missing. `manual` when the document could not be read; not applicable with no document read."
    let scope = RuleScope.only(.penalty)

    func check(_ context: AuditContext) throws -> Verdict {
        guard context.decision != nil else { return .notApplicable("尚未作出决定") }
        guard let document = context.decisionDocument else { return .notApplicable("决定未附可读取的决定书文件") }
        if let unread = document.unreadVerdict { return unread }
        let c = context.enforcementCase
        let reference = context.reference(document.event)
        var missing: [String] = []
        if !document.has(c.party.name) || !document.mentions("地址", "住所", "住址", "经营场所") {
            missing.append("当事人的姓名或者名称、地址")
        }
        if !document.mentions("违法事实", "经查", "查明", "现查") || !document.mentions("证据") {
            missing.append("违法事实和证据")
        }
        let kinds = c.outcome?.penalties.map(\.kind) ?? []
        let kindNamed = PenaltyWords.named(kinds, in: document)
        // A fine or a confiscation is stated with its sum (DOC-AGREE holds the sum to the file).
        let sumStated = !(c.outcome?.penalties.contains { $0.amount != nil } ?? false) || !ChineseAmounts.amounts(in: document.scalars).isEmpty
        if !kindNamed || !sumStated || !document.mentions("依据", "根据") || !LawCitations.cites(document.scalars) {
            missing.append("行政处罚的种类和依据")
        }
        if !document.mentions("履行", "缴纳", "缴至", "缴入", "执行") || !document.mentions("日内", "之日起", "期限", "期满", "以前", "之前") {
            missing.append("履行方式和期限")
        }
        if !document.mentions("行政复议") || !document.mentions("行政诉讼") {
            missing.append("申请行政复议、提起行政诉讼的途径和期限")
        }
        // The agency and the date close the document (落款), after the remedies: the name in its
        // heading and the dates of the facts are not what this element asks for.
        let closing = document.closing
        if !CaseDocument.contains(closing, context.agencyName) || DocumentDates.dates(in: closing).isEmpty {
            missing.append("行政机关名称和作出决定的日期（落款）")
        }
        guard !missing.isEmpty else { return .pass("\(document.name)载明第五十九条所列各项") }
        return .fail(missing.map { Violation("\(document.name)未载明\($0)", event: reference, date: document.event.date) })
    }
}

/// The words a document uses for a kind of penalty.
enum PenaltyWords {
    static func words(_ kind: PenaltyKind) -> [String] {
        switch kind {
        case .fine: ["罚款"]
        case .confiscateIncome: ["没收违法所得"]
        case .confiscateProperty: ["没收非法财物", "没收"]
        default: [kind.chineseName]
        }
    }

    /// Whether the document names one of the case's kinds of penalty; a case of none, or of a kind
    /// no word names (`other`), has nothing to look for.
    static func named(_ kinds: [PenaltyKind], in document: CaseDocument) -> Bool {
        kinds.isEmpty || kinds.contains(.other) || kinds.contains { words($0).contains { document.has($0) } }
    }
}

/// Citations of law: a title in 《》 and an article (第…条).
enum LawCitations {
    /// Whether the text cites a law: a 《title》 with an article after it.
    static func cites(_ s: [Unicode.Scalar]) -> Bool {
        guard let open = s.firstIndex(of: "《"), let close = s[open...].firstIndex(of: "》") else { return false }
        return !articles(in: s[close...]).isEmpty
    }

    /// The articles cited (`第一百二十四条`, `第124条`), as numbers, in order.
    static func articles(in s: ArraySlice<Unicode.Scalar>) -> [Int] {
        var found: [Int] = []
        var index = s.startIndex
        while index < s.endIndex {
            guard s[index] == "第" else {
                index += 1
                continue
            }
            var end = index + 1
            while end < s.endIndex, ChineseAmounts.digit(s[end]) != nil || ChineseAmounts.unit(s[end]) != nil { end += 1 }
            if end > index + 1, end < s.endIndex, s[end] == "条", let value = ChineseAmounts.value(s[(index + 1)..<end]) {
                found.append(Int(value.fen / 100))
            }
            index = end
        }
        return found
    }
}
