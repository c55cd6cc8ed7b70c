import CaseModel

/// 《行政处罚法》第四十四条: before deciding, the agency tells the party the intended penalty with its
/// facts, reasons and basis, and their rights to 陈述 and 申辩; 第六十三条, 第六十四条: and, for the
/// penalties named there, their right to a hearing.
struct DocNotice: AuditRule {
    let id = RuleID.docNotice
    let title = "告知书内容"
    let basis =
        "《行政处罚法》第四十四条：行政机关在作出行政处罚决定之前，应当告知当事人拟作出的行政处罚内容及事实、理由、依据，并告知当事人依法享有的陈述、申辩、要求听证等权利；第六十三条：行政机关拟作出较大数额罚款等行政处罚决定，应当告知当事人有要求听证的权利"
    let checks =
        "The text read from the notice's 告知书 states an intended penalty (拟/将 with a penalty of the case's kinds), the facts (违法事实/经查/查明), the reasons and basis (依据 or 根据 with a 《law》 and 第…条), the rights to 陈述 and 申辩, and, when the outcome grants hearing rights (第六十三条), 听证. `manual` when the document could not be read; not applicable with no notice document read."
    let scope = RuleScope.only(.penalty)

    func check(_ context: AuditContext) throws -> Verdict {
        guard let document = context.noticeDocument else { return .notApplicable("未附可读取的告知书文件") }
        if let unread = document.unreadVerdict { return unread }
        let c = context.enforcementCase
        let reference = context.reference(document.event)
        var missing: [String] = []
        let kinds = c.outcome?.penalties.map(\.kind) ?? []
        let kindNamed = PenaltyWords.named(kinds, in: document)
        if !document.mentions("拟", "将对", "拟对", "拟作出", "拟给予", "拟处") || !kindNamed { missing.append("拟作出的行政处罚内容") }
        if !document.mentions("违法事实", "经查", "查明", "现查") { missing.append("违法事实") }
        if !document.mentions("依据", "根据") || !LawCitations.cites(document.scalars) { missing.append("理由和依据") }
        if !document.mentions("陈述") || !document.mentions("申辩") { missing.append("陈述、申辩的权利") }
        if context.grantsHearingRights, !document.mentions("听证") {
            missing.append("要求听证的权利（\(context.hearingRightReasons.joined(separator: "；"))）")
        }
        guard !missing.isEmpty else { return .pass("\(document.name)载明拟处罚内容、事实、理由、依据和当事人的权利") }
        return .fail(missing.map { Violation("\(document.name)未告知\($0)", event: reference, date: document.event.date) })
    }
}
