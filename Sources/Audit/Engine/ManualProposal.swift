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
        // The findings are read where they lie: this runs for every manual item of every case.
        var passed: Set<String> = []
        var failures: [String] = []
        for index in findings.indices where item.proposedBy.contains(findings[index].rule) {
            switch findings[index].status {
            case .manual: return nil
            case .pass: passed.insert(findings[index].title)
            case .fail: failures.append(findings[index].message)
            default: break
            }
        }
        guard !failures.isEmpty else {
            guard !passed.isEmpty else { return nil }
            return ManualProposal(item: item.id, deduction: 0, note: "机器读取文书未见问题（\(passed.sorted().joined(separator: "、"))）")
        }
        return ManualProposal(item: item.id, deduction: min(item.points, Double(failures.count)), note: failures.joined(separator: "；"))
    }
}
