import CaseModel

public enum FindingStatus: String, Codable, Sendable, CaseIterable {
    case pass, fail, manual
    case notApplicable = "not-applicable"
    /// A failure a reviewer corrected (更正, `FindingVerdict`): shown, not counted.
    case corrected
}

/// One line of a case's audit: a rule's verdict (one finding per failure) or a manual item.
public struct Finding: Codable, Sendable, Equatable {
    public var rule: String
    public var status: FindingStatus
    public var severity: Severity
    public var deduction: Double
    public var message: String
    public var title: String
    public var category: String
    public var basis: String?
    public var veto: Bool?
    public var event: EventReference?
    public var officer: String?
    public var date: CalendarDate?
    /// Yuan, as written in the interchange format.
    public var amount: String?
    public var deadline: CalendarDate?
    public var calendarRule: String?
    /// Manual items: who scored them and when.
    public var reviewer: String?
    /// A corrected finding: the reviewer's reason, who and when (`FindingVerdict`).
    public var correction: String?
    /// An open manual item: what the machine proposes for it, for the reviewer to confirm or change.
    public var proposal: ManualProposal?
}

/// What a finding judges: a rule of the catalogue, a manual item of the checklist (事实、证据、…),
/// or a stored case that could not be read. Stored and exchanged as the finding's `rule` text.
public enum FindingSource: Sendable, Equatable, Hashable {
    case rule(RuleID)
    case manualItem(String)
    case unreadable
}

extension Finding {
    /// The `rule` text as a type: the one place that tells a rule id from a manual item's.
    public var source: FindingSource {
        if rule == CaseAuditor.unreadableRule { return .unreadable }
        return RuleID(rawValue: rule).map(FindingSource.rule) ?? .manualItem(rule)
    }
}

/// Deductions within one category of the checklist, with its cap applied.
public struct CategoryScore: Codable, Sendable, Equatable {
    public var name: String
    public var points: Double
    public var deducted: Double
}

/// The audit of one case.
public struct CaseAudit: Codable, Sendable, Equatable {
    public var id: String
    public var agency: String
    public var type: String
    public var score: Double
    public var grade: String
    public var veto: Bool
    public var categories: [CategoryScore]
    public var findings: [Finding]
    /// Events dated after the as-of date, left out because they had not happened yet; nil when none.
    public var eventsSetAside: Int?
    /// What supervision counts of this case; nil for a case that could not be read.
    public var indicators: CaseIndicators?
    /// True for a case with no decision (and not closed) as of the audit date. It is 办理中: its
    /// findings and early warnings stand, but it has no score or grade a person could take for a
    /// verdict on the file, and averages leave it out. Nil for a decided case.
    public var inProgress: Bool?
    /// How far reviewers have gone with the manual items and the conclusion; nil for a case in
    /// progress or unreadable, and in results stored before it was kept (read as not final).
    public var review: ManualReview?

    /// Graded, in progress or unreadable: what `grade` holds, as a type.
    public var standing: CaseStanding { isInProgress ? .inProgress : CaseStanding(storedGrade: grade) }

    public var failures: [Finding] { findings.filter { $0.status == .fail } }
    public var isInProgress: Bool { inProgress == true }
    /// The titles of the failed veto items (一票否决项) that decided the grade.
    public var vetoReasons: [String] {
        var seen: Set<String> = []
        return failures.filter { $0.veto == true && seen.insert($0.title).inserted }.map(\.title)
    }

    /// A graded case whose manual items or conclusion are still open: its score and grade are the
    /// machine's first assessment (初评), and every page, form and report says so.
    public var isProvisional: Bool { standing.isGraded && !isInProgress && !(review?.isFinal ?? false) }

    /// What is still open on a provisional score (`待人工评查 4 项，共24分`); nil when final.
    public var pendingText: String? {
        guard isProvisional else { return nil }
        return review?.pendingText ?? "待人工评查"
    }

    /// What a person reads as the case's result, in one place for every report and page:
    /// `92.5分 · 良好` once reviewed and signed, `初评 92.5分 · 良好（待人工评查 4 项，共24分）`
    /// before, `办理中`, or `100分 · 不合格 · 否决：法制审核`.
    public var resultText: String {
        if isInProgress { return CaseStanding.inProgress.label }
        var text = "\(score.readableText)分 · \(grade)"
        if veto { text += " · 否决" + (vetoReasons.isEmpty ? "" : "：" + vetoReasons.joined(separator: "、")) }
        if let pending = pendingText { text = "初评 \(text)（\(pending)）" }
        return text
    }
}
