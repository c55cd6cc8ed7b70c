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
    /// Who checked the signed review and passed it (复核通过), and when; nil until then.
    public var checkedBy: String?
    public var checkedAt: String?
    /// Why the checker sent it back (复核退回), who and when: the signature it followed no longer
    /// holds until the reviewer signs again.
    public var returned: String?

    public init(
        openItems: Int, openPoints: Double, signedBy: String? = nil, signedAt: String? = nil, checkedBy: String? = nil,
        checkedAt: String? = nil, returned: String? = nil
    ) {
        self.openItems = openItems
        self.openPoints = openPoints
        self.signedBy = signedBy
        self.signedAt = signedAt
        self.checkedBy = checkedBy
        self.checkedAt = checkedAt
        self.returned = returned
    }

    /// Every manual item scored and the conclusion signed after the last score: a final grade.
    public var isFinal: Bool { openItems == 0 && signedBy != nil }

    /// What is left, as a person reads it: `待人工评查 4 项，共24分` or `待签署评查结论`; nil when final.
    public var pendingText: String? {
        if isFinal { return nil }
        if openItems > 0 { return "待人工评查 \(openItems) 项，共\(openPoints.readableText)分" }
        if let returned { return "复核退回：\(returned)，待重新签署评查结论" }
        return "待签署评查结论"
    }

    /// The review of a case with these scores (in the order they were recorded) under a checklist
    /// with these manual items. A score of an item the checklist no longer has counts for nothing.
    public static func of(_ scores: [ManualScore], items: [ManualItem]) -> ManualReview {
        // Most cases of a run were never scored: every item is open, nothing is signed.
        guard !scores.isEmpty else { return ManualReview(openItems: items.count, openPoints: items.reduce(0) { $0 + $1.points }) }
        let ids = Set(items.map(\.id))
        let scored = Set(scores.lazy.map(\.item).filter(ids.contains))
        let open = items.filter { !scored.contains($0.id) }
        var review = ManualReview(openItems: open.count, openPoints: open.reduce(0) { $0 + $1.points })
        // A verdict on a finding changes the score as an item's score does: it reopens a signature.
        let lastScore = scores.lastIndex { ids.contains($0.item) || $0.findingVerdict != nil }
        let lastReturn = scores.lastIndex { $0.item == ManualScore.checkReturnedItem }
        let signature = scores.lastIndex { $0.item == ManualScore.conclusionItem }
        if let lastReturn, lastReturn > (signature ?? -1) {
            let entry = scores[lastReturn]
            review.returned = "\(entry.note)（\(entry.reviewer) \(entry.at)）"
        }
        if let signature, signature > (lastScore ?? -1), signature > (lastReturn ?? -1) {
            review.signedBy = scores[signature].reviewer
            review.signedAt = scores[signature].at
            if let check = scores.lastIndex(where: { $0.item == ManualScore.checkPassedItem }), check > signature {
                review.checkedBy = scores[check].reviewer
                review.checkedAt = scores[check].at
            }
        }
        return review
    }
}

extension ManualScore {
    /// The entry by which a reviewer signs a case's conclusion (评查结论): kept with the scores, so
    /// that signing changes what a stored audit was judged on, as a score does. No checklist item
    /// may take this id (`Checklist` refuses it).
    public static let conclusionItem = "评查结论"
    /// The checker's entries (复核): passed, or sent back with the reason in the note.
    public static let checkPassedItem = "复核通过"
    public static let checkReturnedItem = "复核退回"
}

/// Who may sign a case's conclusion (提交) and check it (复核): in a campaign, the case's own
/// 评查人 and 复核人; outside one, any reviewer, the checker not the one who signed.
public enum ReviewDuty {
    /// Why `name` may not sign, when the case's campaign gave it to `reviewer`; nil when they may.
    public static func signingProblem(by name: String, assignedReviewer reviewer: String?) -> String? {
        guard let reviewer, reviewer != name else { return nil }
        return "本案在评查活动中由\(reviewer)评查，评查结论由其签署提交。"
    }

    /// Why `name` may not pass or return the review, when the case's campaign gave it to
    /// `checker`; nil when they may.
    public static func checkingProblem(
        by name: String, review: ManualReview, assignedChecker checker: String?, returning reason: String?
    ) -> String? {
        guard let signer = review.signedBy, review.openItems == 0 else { return "本案尚未签署评查结论，无可复核。" }
        if let checker, checker != name { return "本案在评查活动中由\(checker)复核。" }
        if signer == name { return "复核人不能是签署评查结论的评查人。" }
        if let reason, reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "退回须写明理由。" }
        return nil
    }
}
