/// How serious a failed rule is, as the checklist grades it.
public enum Severity: String, Codable, Sendable, CaseIterable {
    case critical, major, minor, advice
}

/// How a checklist weighs one rule.
public struct RuleSetting: Sendable, Equatable {
    public var id: String
    public var category: String
    /// Deducted for the first failure in a case.
    public var deduction: Double
    /// Deducted for each further failure of the same rule in the same case.
    public var perOccurrence: Double
    /// The most this rule can deduct from one case; nil: the category's points.
    public var cap: Double?
    public var severity: Severity
    /// 一票否决: a failure grades the case 不合格 whatever its score.
    public var veto: Bool
    public var enabled: Bool
    public var note: String?

    public init(
        id: String, category: String, deduction: Double, perOccurrence: Double, cap: Double?, severity: Severity, veto: Bool, enabled: Bool, note: String?
    ) {
        self.id = id
        self.category = category
        self.deduction = deduction
        self.perOccurrence = perOccurrence
        self.cap = cap
        self.severity = severity
        self.veto = veto
        self.enabled = enabled
        self.note = note
    }
}

/// A judgment no program can make (事实是否清楚 …), scored by a reviewer.
public struct ManualItem: Sendable, Equatable {
    public var id: String
    public var title: String
    public var category: String
    public var points: Double

    /// Why a reviewer's score of this item cannot be kept, in Chinese, or nil: the deduction within
    /// the item's points, and a reason written for every deduction (案卷评查 records why).
    public func problem(deduction: Double, note: String) -> String? {
        guard deduction.isFinite, deduction >= 0, deduction <= points else {
            return "\(id)（\(title)）扣分应在 0 至 \(points.readableText) 分之间。"
        }
        if deduction > 0, note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return "\(id)（\(title)）扣 \(deduction.readableText) 分须写明理由。"
        }
        return nil
    }

    /// Rules whose findings make a machine proposal for this item (`proposed-by`), which a
    /// reviewer confirms or changes; the item is never scored without them.
    public var proposedBy: [String]

    public init(id: String, title: String, category: String, points: Double, proposedBy: [String] = []) {
        self.id = id
        self.title = title
        self.category = category
        self.points = points
        self.proposedBy = proposedBy
    }
}

public struct ScoreCategory: Sendable, Equatable {
    public var name: String
    public var points: Double

    public init(name: String, points: Double) {
        self.name = name
        self.points = points
    }
}

public struct Grade: Sendable, Equatable {
    public var name: String
    public var minimum: Double

    public init(name: String, minimum: Double) {
        self.name = name
        self.minimum = minimum
    }
}

/// A department-level deduction of an annual 法治政府建设考核, counted from rule failures.
public struct AppraisalDeduction: Sendable, Equatable {
    /// What happened to a decision afterwards that an appraisal deducts for, per case.
    public enum Outcome: String, Sendable, Equatable, CaseIterable {
        /// 行政复议 revoked, changed, found unlawful or ordered performance (复议纠错).
        case reconsiderationCorrected = "reconsideration-corrected"
        /// A 行政诉讼 judgment against the agency (败诉).
        case litigationLost = "litigation-lost"
    }

    public var id: String
    public var title: String
    public var rules: [String]
    public var outcomes: [Outcome]
    public var each: Double
    public var cap: Double?

    public init(id: String, title: String, rules: [String], outcomes: [Outcome] = [], each: Double, cap: Double?) {
        self.id = id
        self.title = title
        self.rules = rules
        self.outcomes = outcomes
        self.each = each
        self.cap = cap
    }
}

/// A 案卷评查标准: which rules count, how much, with which parameters and grades.
public struct Checklist: Sendable {
    public var name: String
    public var title: String
    public var basis: String?
    public var categories: [ScoreCategory]
    public var rules: [String: RuleSetting]
    public var manualItems: [ManualItem]
    public var grades: [Grade]
    public var parameters: [String: String]
    public var appraisal: [AppraisalDeduction]
    /// SHA-256 of the exact files the checklist was built from (itself and what it extends).
    public var contentHash: String

    public init(
        name: String, title: String, basis: String?, categories: [ScoreCategory], rules: [String: RuleSetting], manualItems: [ManualItem], grades: [Grade],
        parameters: [String: String], appraisal: [AppraisalDeduction], contentHash: String
    ) {
        self.name = name
        self.title = title
        self.basis = basis
        self.categories = categories
        self.rules = rules
        self.manualItems = manualItems
        self.grades = grades
        self.parameters = parameters
        self.appraisal = appraisal
        self.contentHash = contentHash
    }

    public var fullMarks: Double { categories.reduce(0) { $0 + $1.points } }

    public func category(named name: String) -> ScoreCategory? { categories.first { $0.name == name } }

    /// The grades' names, best first: the order every report lists them in.
    public var gradeNames: [String] { grades.sorted { $0.minimum > $1.minimum }.map(\.name) }

    /// The grade of a score; a veto makes it the lowest grade whatever the score.
    public func grade(score: Double, veto: Bool) -> String {
        let ordered = grades.sorted { $0.minimum > $1.minimum }
        if veto { return ordered.last?.name ?? "不合格" }
        return ordered.first { score >= $0.minimum }?.name ?? ordered.last?.name ?? "不合格"
    }
}
