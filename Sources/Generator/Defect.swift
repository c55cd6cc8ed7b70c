import CaseModel

/// A defect the generator plants on purpose, with the rules an audit must then fail.
public enum Defect: String, CaseIterable, Sendable {
    case discloseLate, discloseMissing, disclosePrivacy
    case officerExpired
    case discretionRange, discretionReason
    case recordAudioVideo, recordText
    case reviewMissing
    case procedureDeadline, procedureDelivery, procedureNotice
    case licenseDeadline, seizureDeadline
    /// A penalty on a power of the 权责清单 that ended before the decision (format 1.1).
    case powerScope
    /// A 决定书 without its 复议/诉讼 paragraph, one stating 三十日 for 复议, one naming ten times the fine.
    case documentElement, documentTimeLimit, documentAmount

    /// The rules that fail because of it, and only those.
    public var rules: Set<String> {
        switch self {
        case .discloseLate: ["DISCLOSE-LATE"]
        case .discloseMissing: ["DISCLOSE-MISSING"]
        case .disclosePrivacy: ["DISCLOSE-PRIVACY"]
        case .officerExpired: ["OFFICER-CERT", "OFFICER-COUNT"]
        case .discretionRange: ["DISCRETION-RANGE"]
        case .discretionReason: ["DISCRETION-REASON"]
        case .recordAudioVideo: ["RECORD-AV-REQUIRED"]
        case .recordText: ["RECORD-TEXT"]
        case .reviewMissing: ["REVIEW-MISSING"]
        case .procedureDeadline: ["PROCEDURE-DEADLINE"]
        case .procedureDelivery: ["PROCEDURE-DELIVERY"]
        case .procedureNotice: ["PROCEDURE-NOTICE"]
        case .licenseDeadline: ["LICENSE-DEADLINE"]
        case .seizureDeadline: ["SEIZURE-DEADLINE"]
        case .powerScope: ["POWER-SCOPE"]
        case .documentElement: ["DOC-DECISION"]
        case .documentTimeLimit: ["DOC-APPEAL"]
        case .documentAmount: ["DOC-AGREE"]
        }
    }

    func applies(to type: CaseType, procedure: Procedure, major: Bool, fined: Bool) -> Bool {
        switch self {
        case .discloseLate, .discloseMissing, .disclosePrivacy, .officerExpired, .recordText: true
        case .discretionRange: type == .penalty && procedure == .general && fined && !major
        case .discretionReason: type == .penalty && fined
        case .recordAudioVideo, .seizureDeadline: type == .coercion
        case .reviewMissing: type == .penalty && major
        case .procedureDeadline, .procedureNotice: type == .penalty && procedure == .general && !major
        case .procedureDelivery: type == .penalty && procedure == .general
        case .licenseDeadline: type == .license
        case .powerScope: type == .penalty
        // Planted with the case's documents (`CaseFactory.attachDocuments`), not drawn with the others.
        case .documentElement, .documentTimeLimit, .documentAmount: false
        }
    }
}
