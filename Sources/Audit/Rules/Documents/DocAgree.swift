import CaseModel

/// What the 决定书 says agrees with what the case file records: the amounts, the 文号, the date and
/// the party. A 决定书 that names another sum than the file (or another party) is the document the
/// party holds, and the file's figures are then not what was decided.
struct DocAgree: AuditRule {
    let id = RuleID.docAgree
    let title = "文书与案卷一致"
    let basis =
        "《行政处罚法》第五十九条：行政处罚决定书应当载明当事人的姓名或者名称、行政处罚的种类和依据、作出决定的日期；《行政执法案卷评查标准》：文书记载内容与案卷材料一致"
    let checks =
        "What the decision's 决定书 states agrees with the file: the amounts it writes include each recorded penalty amount (figures, 万元 or Chinese numerals such as 贰万元整, read back to fen); it writes the decision's 文号 (brackets and digits compared loosely); the date of its close (落款: 2024年3月5日, 二〇二四年三月五日, 2024-03-05) is the decision date; the party it names (当事人：) is the party as recorded. One violation for each that disagrees; an element left out is DOC-DECISION's. `manual` when the document could not be read; not applicable with no document read."
    let scope = RuleScope.only(.penalty)

    func check(_ context: AuditContext) throws -> Verdict {
        guard let decision = context.decision else { return .notApplicable("尚未作出决定") }
        guard let document = context.decisionDocument else { return .notApplicable("决定未附可读取的决定书文件") }
        if let unread = document.unreadVerdict { return unread }
        let c = context.enforcementCase
        let reference = context.reference(document.event)
        var violations: [Violation] = []
        func disagree(_ message: String, amount: Money? = nil) {
            violations.append(Violation("\(document.name)\(message)", event: reference, date: decision.date, amount: amount))
        }
        // What the document leaves out is DOC-DECISION's (第五十九条's elements); what it states
        // otherwise than the file is this rule's.
        let written = ChineseAmounts.amounts(in: document.scalars)
        for penalty in c.outcome?.penalties ?? [] where !written.isEmpty {
            guard let amount = penalty.amount, amount.fen > 0, !written.contains(amount) else { continue }
            let stated = Set(written).sorted().map(\.description).joined(separator: "、")
            disagree("写明的金额为\(stated)，案卷记载\(penalty.kind.chineseName)\(amount)", amount: amount)
        }
        if let number = decision.number,
            !CaseDocument.find(DecisionNumber.keyUTF8(number), in: DecisionNumber.keyUTF8(document.scalars)[...])
        {
            disagree("未见案卷记载的决定文号\(number)")
        }
        // The date of the decision is the one of its close (落款), not those of the facts.
        let dates = DocumentDates.dates(in: document.closing)
        if !dates.isEmpty, !dates.contains(decision.date) {
            disagree("落款日期为\(dates.map(\.description).joined(separator: "、"))，案卷记载决定日\(decision.date)")
        }
        if document.mentions("当事人:", "当事人名称:", "当事人姓名:"), !document.has(c.party.name) {
            disagree("所载当事人不是案卷记载的“\(c.party.name)”")
        }
        guard !violations.isEmpty else { return .pass("\(document.name)的金额、文号、日期和当事人与案卷一致") }
        return .fail(violations)
    }
}
