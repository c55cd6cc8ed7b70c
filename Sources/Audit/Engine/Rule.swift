import CaseModel

/// Which case types a rule concerns (docs/rules.md, "Scope").
public enum RuleScope: Sendable {
    case everyType
    case only(CaseType)

    public func covers(_ type: CaseType) -> Bool {
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

/// Every rule, in the order of docs/rules.md: `RuleID`'s order, each id's rule from the switch
/// below, which the compiler holds complete, so that a new id cannot be left without its rule nor
/// a rule without its place in the catalogue.
public enum RuleCatalogue {
    public static let all: [any AuditRule] = RuleID.allCases.map(make)

    private static let byId: [RuleID: any AuditRule] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })

    public static func rule(_ id: RuleID) -> any AuditRule {
        byId[id] ?? make(id)
    }

    /// The rule a finding or checklist names; nil for manual items and unknown ids.
    public static func rule(_ id: String) -> (any AuditRule)? { RuleID(rawValue: id).map(rule) }

    private static func make(_ id: RuleID) -> any AuditRule {
        switch id {
        case .discloseLate: DiscloseLate()
        case .discloseMissing: DiscloseMissing()
        case .discloseWithdraw: DiscloseWithdraw()
        case .disclosePrivacy: DisclosePrivacy()
        case .discloseUnpublished: DiscloseUnpublished()
        case .officerCount: OfficerCount()
        case .officerCert: OfficerCert()
        case .discretionMissing: DiscretionMissing()
        case .discretionRange: DiscretionRange()
        case .discretionStatutory: DiscretionStatutory()
        case .discretionReason: DiscretionReason()
        case .discretionFirstMinor: DiscretionFirstMinor()
        case .recordAVRequired: RecordAVRequired()
        case .recordAVAdvised: RecordAVAdvised()
        case .recordText: RecordText()
        case .recordIntegrity: RecordIntegrity()
        case .reviewMissing: ReviewMissing()
        case .reviewLate: ReviewLate()
        case .reviewReviewer: ReviewReviewer()
        case .procedureOrder: ProcedureOrder()
        case .procedureDeadline: ProcedureDeadline()
        case .procedureNotice: ProcedureNotice()
        case .procedureHearing: ProcedureHearing()
        case .procedureDelivery: ProcedureDelivery()
        case .procedureCollective: ProcedureCollective()
        case .procedureSimple: ProcedureSimple()
        case .procedureLimitation: ProcedureLimitation()
        case .licenseDeadline: LicenseDeadline()
        case .seizureDeadline: SeizureDeadline()
        case .powerScope: PowerScope()
        case .docDecision: DocDecision()
        case .docNotice: DocNotice()
        case .docAppeal: DocAppeal()
        case .docAgree: DocAgree()
        case .docBasis: DocBasis()
        }
    }
}
