/// Where a case stands in an audit: graded by the checklist, still in progress (办理中: no decision
/// and not closed on the as-of day, so no score a person could take for a verdict), or unreadable
/// (a stored case whose rows could not be read back).
///
/// Stored and exchanged (the results' `grade` column, the audit JSON's `grade`) as the grade's
/// name or one of two words; `init(storedGrade:)` is the one place that reads those words.
public enum CaseStanding: Sendable, Equatable, Hashable {
    case graded(String)
    case inProgress
    case unreadable

    private static let inProgressWord = "办理中"
    private static let unreadableWord = "无法评查"

    public init(storedGrade grade: String) {
        switch grade {
        case Self.inProgressWord: self = .inProgress
        case Self.unreadableWord: self = .unreadable
        default: self = .graded(grade)
        }
    }

    /// How the standing is stored and exchanged.
    public var storedGrade: String {
        switch self {
        case .graded(let grade): grade
        case .inProgress: Self.inProgressWord
        case .unreadable: Self.unreadableWord
        }
    }

    /// What a person reads: the grade, 办理中 or 无法评查.
    public var label: String { storedGrade }

    /// Whether the case has a score that averages and grade counts take.
    public var isGraded: Bool {
        if case .graded = self { return true }
        return false
    }
}
