import CaseModel
import WorkCalendar

/// Which cases a campaign draws from: decided cases (a 决定 on or before the campaign's as-of
/// day) of these agencies, decided within these days, of these types. An empty list means all.
public struct CampaignScope: Codable, Hashable, Sendable {
    public var agencies: [String]
    public var decidedFrom: CalendarDate?
    public var decidedTo: CalendarDate?
    public var types: [CaseType]

    public init(agencies: [String] = [], decidedFrom: CalendarDate? = nil, decidedTo: CalendarDate? = nil, types: [CaseType] = []) {
        self.agencies = agencies.sorted()
        self.decidedFrom = decidedFrom
        self.decidedTo = decidedTo
        self.types = types.sorted { $0.rawValue < $1.rawValue }
    }

    /// Why this scope cannot be drawn from, in Chinese, or nil.
    public var problem: String? {
        if let decidedFrom, let decidedTo, decidedFrom > decidedTo { return "决定日期范围的起始日（\(decidedFrom)）晚于截止日（\(decidedTo)）。" }
        return nil
    }

    public func includes(_ c: EnforcementCase, asOf: CalendarDate) -> Bool {
        guard let decided = c.decision?.date, decided <= asOf else { return false }
        if !agencies.isEmpty, !agencies.contains(c.agency) { return false }
        if let decidedFrom, decided < decidedFrom { return false }
        if let decidedTo, decided > decidedTo { return false }
        return types.isEmpty || types.contains(c.type)
    }
}

extension CampaignCandidate {
    /// A case as a candidate: who acted in it are its events' officers and legal reviewers.
    public init(_ c: EnforcementCase, hasVeto: Bool) {
        self.init(
            id: c.id, agency: c.agency, actors: Set(c.events.flatMap { $0.officers + [$0.reviewer].compactMap { $0 } }), hasVeto: hasVeto)
    }
}
