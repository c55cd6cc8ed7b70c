import CaseModel

/// The numbers rules read, with the defaults of docs/rules.md; a checklist overrides them by name.
public struct AuditParameters: Sendable, Equatable {
    public var disclosurePenaltyWorkdays = 7
    public var disclosureLicenseWorkdays = 7
    public var disclosureOtherWorkdays = 20
    public var disclosureWithdrawWorkdays = 3
    public var majorAmountIndividual = Money(yuan: 10_000)
    public var majorAmountOrganisation = Money(yuan: 100_000)
    public var noticeWorkdays = 5
    public var hearingNoticeWorkdays = 7
    public var deliveryWorkdays = 7
    public var decisionDays = 90
    public var licenseWorkdays = 20
    public var licenseExtendedWorkdays = 30
    public var seizureDays = 30
    public var seizureExtendedDays = 60
    public var simpleFineIndividual = Money(yuan: 200)
    public var simpleFineOrganisation = Money(yuan: 3_000)
    public var limitationYears = 2
    public var limitationExtendedYears = 5
    public var reviewerQualificationFrom = CalendarDate(year: 2021, month: 7, day: 15)!
    /// 学时 of training each officer needs a year (the officers' review, not a case rule).
    public var trainingHours = 60
    /// Days ahead the officers' review and the due list warn of a certificate's end.
    public var certificateWarningDays = 30
    /// Months a penalty stays on the credit platform (双公示 公示截止期), from the decision day.
    public var publicityPenaltyMonths = 12

    public struct Invalid: Error { public var message: String }

    public init() {}

    public init(_ values: [String: String]) throws {
        func int(_ name: String, _ keyPath: WritableKeyPath<AuditParameters, Int>) throws {
            guard let text = values[name] else { return }
            guard let value = Int(text), value >= 0 else { throw Invalid(message: "参数 \(name)=\"\(text)\" 不是非负整数") }
            self[keyPath: keyPath] = value
        }
        func money(_ name: String, _ keyPath: WritableKeyPath<AuditParameters, Money>) throws {
            guard let text = values[name] else { return }
            guard let value = Money(yuanText: text) else { throw Invalid(message: "参数 \(name)=\"\(text)\" 不是以元为单位的金额") }
            self[keyPath: keyPath] = value
        }
        try int("disclosure.penalty.workdays", \.disclosurePenaltyWorkdays)
        try int("disclosure.license.workdays", \.disclosureLicenseWorkdays)
        try int("disclosure.other.workdays", \.disclosureOtherWorkdays)
        try int("disclosure.withdraw.workdays", \.disclosureWithdrawWorkdays)
        try money("major.amount.individual", \.majorAmountIndividual)
        try money("major.amount.organisation", \.majorAmountOrganisation)
        try int("notice.workdays", \.noticeWorkdays)
        try int("hearing.notice.workdays", \.hearingNoticeWorkdays)
        try int("delivery.workdays", \.deliveryWorkdays)
        try int("decision.days", \.decisionDays)
        try int("license.workdays", \.licenseWorkdays)
        try int("license.extended.workdays", \.licenseExtendedWorkdays)
        try int("seizure.days", \.seizureDays)
        try int("seizure.extended.days", \.seizureExtendedDays)
        try money("simple.fine.individual", \.simpleFineIndividual)
        try money("simple.fine.organisation", \.simpleFineOrganisation)
        try int("limitation.years", \.limitationYears)
        try int("limitation.extended.years", \.limitationExtendedYears)
        try int("training.hours", \.trainingHours)
        try int("certificate.warning.days", \.certificateWarningDays)
        try int("publicity.penalty.months", \.publicityPenaltyMonths)
        guard publicityPenaltyMonths <= 1200 else { throw Invalid(message: "参数 publicity.penalty.months 超出 1200 个月") }
        if let text = values["reviewer.qualification.from"] {
            guard let date = CalendarDate(text) else { throw Invalid(message: "参数 reviewer.qualification.from=\"\(text)\" 不是有效日期") }
            reviewerQualificationFrom = date
        }
        let known: Set<String> = [
            "disclosure.penalty.workdays", "disclosure.license.workdays", "disclosure.other.workdays",
            "disclosure.withdraw.workdays", "major.amount.individual", "major.amount.organisation",
            "notice.workdays", "hearing.notice.workdays", "delivery.workdays", "decision.days",
            "license.workdays", "license.extended.workdays", "seizure.days", "seizure.extended.days",
            "simple.fine.individual", "simple.fine.organisation", "limitation.years",
            "limitation.extended.years", "reviewer.qualification.from", "training.hours", "certificate.warning.days",
            "publicity.penalty.months"
        ]
        if let unknown = values.keys.sorted().first(where: { !known.contains($0) }) {
            throw Invalid(message: "参数 \(unknown) 没有任何规则使用（请检查拼写）")
        }
    }

    public func majorAmount(for kind: PartyKind) -> Money {
        kind == .individual ? majorAmountIndividual : majorAmountOrganisation
    }
}
