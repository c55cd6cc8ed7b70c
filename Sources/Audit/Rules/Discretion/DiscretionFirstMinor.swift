import CaseModel

/// 首违不罚: an item on the list, a first, corrected offence without harm, and a penalty anyway.
struct DiscretionFirstMinor: AuditRule {
    let id = RuleID.discretionFirstMinor
    let title = "符合首违不罚条件仍予处罚"
    let basis = "《行政处罚法》第三十三条第一款：初次违法且危害后果轻微并及时改正的，可以不予行政处罚"
    let checks = "A penalty for a matter on the 首违不罚 list where the party offended for the first time, corrected it and caused no harm."
    let scope = RuleScope.only(.penalty)

    func check(_ context: AuditContext) throws -> Verdict {
        guard let item = context.benchmarkItem, item.noPenaltyIfFirstMinor else {
            return .notApplicable("事项不在首违不罚清单内")
        }
        let party = context.enforcementCase.party
        guard party.firstOffence, party.corrected, !party.harm else {
            return .pass("当事人不符合首违不罚条件（初次违法\(party.firstOffence ? "是" : "否")、及时改正\(party.corrected ? "是" : "否")、危害后果\(party.harm ? "有" : "无")）")
        }
        guard context.imposesPenalty else { return .pass("符合首违不罚条件，未予处罚") }
        let kinds = context.enforcementCase.outcome?.penalties.map(\.kind.chineseName).joined(separator: "、") ?? ""
        return .fail(Violation("事项\(item.code)在首违不罚清单内，当事人初次违法、及时改正且无危害后果，仍处以\(kinds)", amount: context.fine))
    }
}
