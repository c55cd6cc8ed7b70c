import CaseModel

/// A reviewer's word on a finding of the machine (确认 or 更正): a correction says the finding is
/// wrong (a certificate renewed on paper, a disclosure made on another site), with the reason;
/// the finding stays on the case, marked 已更正 beside the machine's words, and no longer counts
/// against the score. A later 确认 of the same rule takes the correction back.
///
/// Kept with the manual scores, as the signature is (`ManualScore.conclusionItem`), so that a
/// correction is journaled as a score is, survives every later audit of the case, and changes
/// what a stored result was judged on (its manual digest), so no run reuses one judged without it.
public enum FindingVerdict: String, Sendable, Equatable, CaseIterable {
    case confirmed = "确认"
    case corrected = "更正"

    /// The entry's item for this verdict on `rule`: `更正:DISCLOSE-LATE`.
    public func item(rule: String) -> String { rawValue + ":" + rule }

    /// The rule and verdict an item names (`item(rule:)` read back); nil for any other item.
    static func parse(_ item: String) -> (rule: String, verdict: FindingVerdict)? {
        for verdict in allCases where item.hasPrefix(verdict.rawValue + ":") {
            return (String(item.dropFirst(verdict.rawValue.count + 1)), verdict)
        }
        return nil
    }
}

extension ManualScore {
    /// The rule this entry gives a verdict on, and which; nil for a manual item's score or the
    /// signature.
    public var findingVerdict: (rule: String, verdict: FindingVerdict)? { FindingVerdict.parse(item) }

    /// Whether a checklist's manual item may not take this id: the signature's and the verdicts'.
    public static func isReserved(_ id: String) -> Bool {
        [conclusionItem, checkPassedItem, checkReturnedItem].contains(id)
            || FindingVerdict.parse(id) != nil
    }
}

extension [ManualScore] {
    /// The rules whose latest verdict is 更正, each with that entry.
    public var corrections: [String: ManualScore] {
        var latest: [String: ManualScore] = [:]
        for score in self {
            guard let (rule, _) = score.findingVerdict else { continue }
            latest[rule] = score
        }
        return latest.filter { $0.value.findingVerdict?.verdict == .corrected }
    }
}

extension FindingVerdict {
    /// The longest reason a verdict keeps.
    public static let longestReason = 500

    /// Why `verdict` cannot be given on `rule` of a case whose audit (with its verdicts so far) is
    /// `audit`, in Chinese; nil when it can. Only a failure of the machine, or one corrected
    /// before, takes a verdict; a correction needs its reason.
    public static func problem(_ verdict: FindingVerdict, rule: String, reason: String, in audit: CaseAudit) -> String? {
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if verdict == .corrected, trimmed.isEmpty { return "更正机器评查结果须写明理由。" }
        if trimmed.count > longestReason { return "理由不超过 \(longestReason) 字。" }
        guard audit.findings.contains(where: { $0.rule == rule && ($0.status == .fail || $0.status == .corrected) }) else {
            return "案件 \(audit.id) 没有“\(rule)”的不符合项，无可确认或更正。"
        }
        return nil
    }

    /// The rules of `audit` that take a verdict, each once, in the order of its findings.
    public static func rules(in audit: CaseAudit) -> [Finding] {
        var seen: Set<String> = []
        return audit.findings.filter { ($0.status == .fail || $0.status == .corrected) && seen.insert($0.rule).inserted }
    }
}
