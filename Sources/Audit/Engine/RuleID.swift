/// The stable id of every rule in the catalogue (docs/rules.md). Checklists, exports and tests name
/// rules by these; a finding stores the raw value, since manual items share the same field.
public enum RuleID: String, Sendable, Codable, CaseIterable, Comparable {
    case discloseLate = "DISCLOSE-LATE"
    case discloseMissing = "DISCLOSE-MISSING"
    case discloseWithdraw = "DISCLOSE-WITHDRAW"
    case disclosePrivacy = "DISCLOSE-PRIVACY"
    case discloseUnpublished = "DISCLOSE-UNPUBLISHED"
    case officerCount = "OFFICER-COUNT"
    case officerCert = "OFFICER-CERT"
    case discretionMissing = "DISCRETION-MISSING"
    case discretionRange = "DISCRETION-RANGE"
    case discretionStatutory = "DISCRETION-STATUTORY"
    case discretionReason = "DISCRETION-REASON"
    case discretionFirstMinor = "DISCRETION-FIRST-MINOR"
    case recordAVRequired = "RECORD-AV-REQUIRED"
    case recordAVAdvised = "RECORD-AV-ADVISED"
    case recordText = "RECORD-TEXT"
    case recordIntegrity = "RECORD-INTEGRITY"
    case reviewMissing = "REVIEW-MISSING"
    case reviewLate = "REVIEW-LATE"
    case reviewReviewer = "REVIEW-REVIEWER"
    case procedureOrder = "PROCEDURE-ORDER"
    case procedureDeadline = "PROCEDURE-DEADLINE"
    case procedureNotice = "PROCEDURE-NOTICE"
    case procedureHearing = "PROCEDURE-HEARING"
    case procedureDelivery = "PROCEDURE-DELIVERY"
    case procedureCollective = "PROCEDURE-COLLECTIVE"
    case procedureSimple = "PROCEDURE-SIMPLE"
    case procedureLimitation = "PROCEDURE-LIMITATION"
    case licenseDeadline = "LICENSE-DEADLINE"
    case seizureDeadline = "SEIZURE-DEADLINE"
    case powerScope = "POWER-SCOPE"
    case docDecision = "DOC-DECISION"
    case docNotice = "DOC-NOTICE"
    case docAppeal = "DOC-APPEAL"
    case docAgree = "DOC-AGREE"
    case docBasis = "DOC-BASIS"

    /// The family is the id's first word: DISCLOSE-LATE belongs to DISCLOSE.
    public var family: RuleFamily {
        let word = rawValue.prefix { $0 != "-" }
        guard let family = RuleFamily(rawValue: String(word)) else { preconditionFailure("rule \(rawValue) has no family") }
        return family
    }

    public static func < (a: RuleID, b: RuleID) -> Bool { a.rawValue < b.rawValue }
}

/// The ten families of the catalogue, one per 三项制度 concern or statutory period.
public enum RuleFamily: String, Sendable, Codable, CaseIterable, Comparable {
    case disclose = "DISCLOSE"
    case officer = "OFFICER"
    case discretion = "DISCRETION"
    case record = "RECORD"
    case review = "REVIEW"
    case procedure = "PROCEDURE"
    case license = "LICENSE"
    case seizure = "SEIZURE"
    case power = "POWER"
    case doc = "DOC"

    /// The family of a finding's rule; nil for manual items and other ids outside the catalogue.
    public init?(ruleId: String) {
        guard let rule = RuleID(rawValue: ruleId) else { return nil }
        self = rule.family
    }

    public static func < (a: RuleFamily, b: RuleFamily) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
