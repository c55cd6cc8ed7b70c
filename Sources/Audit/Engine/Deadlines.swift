import CaseModel
import WorkCalendar

/// A period the law sets, with the event that starts it.
public struct Period: Sendable, Equatable {
    /// The event the period is counted from (立案, 受理, 查封扣押, 撤销…).
    public var start: Event
    public var deadline: Deadline
}

/// The deadlines of a case, each computed here and only here: the rules judge against them, `due`
/// lists those still open, and the web's case timeline shows them. Each returns nil when the case
/// has no such period (no filing, no seizure, not a license…).
extension AuditContext {
    /// 行政处罚法 第六十条: a general-procedure penalty is decided within 90 days of filing, plus
    /// approved extensions.
    public func decisionPeriod() throws -> Period? {
        guard enforcementCase.type == .penalty, enforcementCase.procedure == .general, let filed = first(.filed) else { return nil }
        return Period(start: filed, deadline: try calendarDays(decisionPeriodDays, after: filed.date))
    }

    /// 行政许可法 第四十二条: decided within 20 working days of acceptance, 30 with an approved extension.
    public func licensePeriod() throws -> Period? {
        guard enforcementCase.type == .license, let accepted = first(.accepted) else { return nil }
        let days = first(.extension) == nil ? parameters.licenseWorkdays : parameters.licenseExtendedWorkdays
        return Period(start: accepted, deadline: try workdays(days, after: accepted.date))
    }

    /// 行政强制法 第二十五条: a seizure lasts at most 30 days, 60 with an approved extension.
    public func seizurePeriod() throws -> Period? {
        guard let seizure = first(.seizure) else { return nil }
        let days = events(.seizureExtended).isEmpty ? parameters.seizureDays : parameters.seizureExtendedDays
        return Period(start: seizure, deadline: try calendarDays(days, after: seizure.date))
    }

    /// 行政处罚法 第六十一条: the decision reaches the party within 7 working days.
    public func deliveryPeriod() throws -> Period? {
        guard enforcementCase.type == .penalty, let decision else { return nil }
        return Period(start: decision, deadline: try workdays(parameters.deliveryWorkdays, after: decision.date))
    }

    /// 国办发〔2018〕118号: 行政许可、行政处罚 decisions go public within 7 working days, others within 20.
    public func disclosurePeriod() throws -> Period? {
        guard let decision else { return nil }
        return Period(start: decision, deadline: try disclosureDeadline(decision))
    }

    /// 行政处罚法 第四十八条第二款: a revoked decision's disclosure is withdrawn within 3 working days of
    /// the revocation (or of the publication, when that came later).
    public func withdrawalPeriod() throws -> Period? {
        guard let revoked = enforcementCase.withdrawalCause, let published = enforcementCase.disclosure?.date else { return nil }
        return Period(start: revoked, deadline: try workdays(parameters.disclosureWithdrawWorkdays, after: max(revoked.date, published)))
    }

    /// The working days of the disclosure period for this case's type.
    public var disclosureWorkdays: Int {
        switch enforcementCase.type {
        case .penalty: parameters.disclosurePenaltyWorkdays
        case .license: parameters.disclosureLicenseWorkdays
        default: parameters.disclosureOtherWorkdays
        }
    }

    public func disclosureDeadline(_ decision: Event) throws -> Deadline {
        try workdays(disclosureWorkdays, after: decision.date)
    }
}
