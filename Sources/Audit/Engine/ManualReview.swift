import CaseModel

/// How far people have reviewed a decided case by hand (案卷评查). The machine scores what it can
/// judge; the checklist's manual items (事实、证据、法律适用、文书 in the national one) are scored by a
/// reviewer, who then signs the conclusion (评查结论). Until both are done the case's score is the
/// machine's first assessment (初评), never a final grade (issue 34: a case nobody reviewed showed
/// 100分 · 优秀 as if it had been).
public struct ManualReview: Codable, Sendable, Equatable {
    /// The manual items nobody has scored yet, and their points.
    public var openItems: Int
    public var openPoints: Double
    /// Who signed the conclusion, and when (ISO 8601); nil while unsigned, and when an item was
    /// scored again after the signature, which the signature did not cover.
    public var signedBy: String?
    public var signedAt: String?

    public init(openItems: Int, openPoints: Double, signedBy: String? = nil, signedAt: String? = nil) {
        self.openItems = openItems
        self.openPoints = openPoints
        self.signedBy = signedBy
        self.signedAt = signedAt
    }

    /// Every manual item scored and the conclusion signed after the last score: a final grade.
    public var isFinal: Bool { openItems == 0 && signedBy != nil }

    /// What is left, as a person reads it: `待人工评查 4 项，共24分` or `待签署评查结论`; nil when final.
    public var pendingText: String? {
        if isFinal { return nil }
        if openItems > 0 { return "待人工评查 \(openItems) 项，共\(openPoints.readableText)分" }
        return "待签署评查结论"
    }

    /// The review of a case with these scores (in the order they were recorded) under a checklist
    /// with these manual items. A score of an item the checklist no longer has counts for nothing.
    public static func of(_ scores: [ManualScore], items: [ManualItem]) -> ManualReview {
        let ids = Set(items.map(\.id))
        let scored = Set(scores.lazy.map(\.item).filter(ids.contains))
        let open = items.filter { !scored.contains($0.id) }
        var review = ManualReview(openItems: open.count, openPoints: open.reduce(0) { $0 + $1.points })
        // A verdict on a finding changes the score as an item's score does: it reopens a signature.
        let lastScore = scores.lastIndex { ids.contains($0.item) || $0.findingVerdict != nil }
        if let signature = scores.lastIndex(where: { $0.item == ManualScore.conclusionItem }), signature > (lastScore ?? -1) {
            review.signedBy = scores[signature].reviewer
            review.signedAt = scores[signature].at
        }
        return review
    }
}

extension ManualScore {
    /// The entry by which a reviewer signs a case's conclusion (评查结论): kept with the scores, so
    /// that signing changes what a stored audit was judged on, as a score does. No checklist item
    /// may take this id (`Checklist` refuses it).
    public static let conclusionItem = "评查结论"
}
