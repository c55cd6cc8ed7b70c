import CaseModel

/// Which case types a rule concerns (docs/rules.md, "Scope").
public enum RuleScope: Sendable {
    case everyType
    case only(CaseType)

    func covers(_ type: CaseType) -> Bool {
        switch self {
        case .everyType: true
        case .only(let only): only == type
        }
    }
}

/// One automated check of the rule catalogue (docs/rules.md).
///
/// A rule only judges: which deduction a failure costs is the checklist's business.
public protocol AuditRule: Sendable {
    /// The stable id that checklists, exports and tests name.
    var id: RuleID { get }
    /// The Chinese title reports print.
    var title: String { get }
    /// The legal basis reports cite.
    var basis: String { get }
    /// When the rule fails, in a sentence (docs/rules.md is generated from it).
    var checks: String { get }
    var scope: RuleScope { get }
    func check(_ context: AuditContext) throws -> Verdict
}

/// Every rule, in the order of docs/rules.md.
public enum RuleCatalogue {
    public static let all: [any AuditRule] = [
        DiscloseLate(), DiscloseMissing(), DiscloseWithdraw(), DisclosePrivacy(),
        OfficerCount(), OfficerCert(),
        DiscretionMissing(), DiscretionRange(), DiscretionStatutory(), DiscretionReason(), DiscretionFirstMinor(),
        RecordAVRequired(), RecordAVAdvised(), RecordText(), RecordIntegrity(),
        ReviewMissing(), ReviewLate(), ReviewReviewer(),
        ProcedureOrder(), ProcedureDeadline(), ProcedureNotice(), ProcedureHearing(), ProcedureDelivery(),
        ProcedureCollective(), ProcedureSimple(), ProcedureLimitation(),
        LicenseDeadline(), SeizureDeadline(),
    ]

    private static let byId: [RuleID: any AuditRule] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })

    public static func rule(_ id: RuleID) -> any AuditRule {
        guard let rule = byId[id] else { preconditionFailure("rule \(id.rawValue) is missing from RuleCatalogue.all") }
        return rule
    }

    /// The rule a finding or checklist names; nil for manual items and unknown ids.
    public static func rule(_ id: String) -> (any AuditRule)? { RuleID(rawValue: id).flatMap { byId[$0] } }
}
