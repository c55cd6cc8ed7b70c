import CaseModel

/// What every result judged under one checklist holds alike (`ResultTemplate`), with the values a
/// result is compared with to leave them out of its stored JSON.
public struct SharedResultParts: Sendable {
    /// The shared parts as the JSON text a result's would be.
    public let template: ResultTemplate
    let categories: [CategoryScore]
    let openManual: [Finding]

    /// `categories` with no deduction, and the manual items' findings before any is scored.
    init(categories: [CategoryScore], openManual: [Finding]) {
        self.categories = categories
        self.openManual = openManual
        var tails: [String] = []
        for category in categories {
            var out = JSONBytes()
            AuditJSON.encodeTail(category, into: &out)
            tails.append(out.result)
        }
        var manual = JSONBytes()
        for (index, finding) in openManual.enumerated() {
            if index > 0 { manual.raw(",") }
            AuditJSON.encode(finding, into: &manual)
        }
        self.template = ResultTemplate(categoryTails: tails, openManual: manual.result)
    }
}

extension AuditJSON {
    /// `audit`'s JSON as a run stores it (`StoredAuditText`): without what it shares with every
    /// result of its checklist (`shared`, under the template `headers` name) when it shares it, else whole.
    /// Expanded, the text is what `encode(audit)` writes.
    public static func encodeStored(_ audit: CaseAudit, sharing shared: SharedResultParts, headers: StoredAuditText.Headers) -> String {
        let categories =
            audit.categories.count == shared.categories.count
            && zip(audit.categories, shared.categories).allSatisfy { $0.name == $1.name && $0.points == $1.points }
        let manual =
            !shared.openManual.isEmpty && audit.findings.count >= shared.openManual.count
            && audit.findings.suffix(shared.openManual.count).elementsEqual(shared.openManual)
        guard let header = headers.header(categories: categories, manual: manual) else { return encode(audit) }
        var out = JSONBytes()
        out.text(header)
        encode(
            audit, into: &out, deductionsOnly: categories,
            findings: audit.findings.count - (manual ? shared.openManual.count : 0))
        return out.result
    }
}
