/// What the machine proposes for a manual item from the findings of the rules the checklist names
/// for it (`proposed-by`): the reviewer confirms it or scores otherwise, and until then the item
/// stays open. A point for each violation found, within the item's points.
public struct ManualProposal: Codable, Sendable, Equatable {
    public var item: String
    public var deduction: Double
    /// The findings behind it, or why the machine found nothing to hold against the item.
    public var note: String

    /// As a reviewer reads it: `机器建议扣1分：…` or `机器建议不扣分：…`.
    public var text: String {
        deduction > 0 ? "机器建议扣\(deduction.readableText)分：\(note)" : "机器建议不扣分：\(note)"
    }

    /// The proposal for `item` from a case's findings; nil when the item names no rules, when none
    /// of them applied (no document was read), or when one could not judge (a document not
    /// readable): then the reviewer reads the documents themselves.
    public static func of(_ item: ManualItem, findings: [Finding]) -> ManualProposal? {
        guard !item.proposedBy.isEmpty else { return nil }
        let relevant = findings.filter { item.proposedBy.contains($0.rule) }
        guard !relevant.contains(where: { $0.status == .manual }) else { return nil }
        let judged = relevant.filter { $0.status == .pass || $0.status == .fail }
        guard !judged.isEmpty else { return nil }
        let failures = judged.filter { $0.status == .fail }
        guard !failures.isEmpty else {
            let rules = Set(judged.map(\.title)).sorted().joined(separator: "、")
            return ManualProposal(item: item.id, deduction: 0, note: "机器读取文书未见问题（\(rules)）")
        }
        return ManualProposal(
            item: item.id, deduction: min(item.points, Double(failures.count)),
            note: failures.map(\.message).joined(separator: "；"))
    }
}
