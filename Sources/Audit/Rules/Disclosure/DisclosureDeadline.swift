import CaseModel

extension AuditContext {
    /// 行政许可、行政处罚 decisions go public within 7 working days, others within 20 (118号).
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
