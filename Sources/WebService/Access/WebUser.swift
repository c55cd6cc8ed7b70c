import CaseStore

/// The signed-in user of a request, and what their role lets them do.
///
/// Every route asks one of these questions; none compares roles itself, so the table of who may
/// do what lives here and in its tests.
public struct WebUser: Sendable, Equatable {
    public var name: String
    public var role: AccountRole
    /// A clerk's agency; nil for roles that see every agency.
    public var agency: String?

    public init(name: String, role: AccountRole, agency: String?) {
        self.name = name; self.role = role; self.agency = agency
    }

    init(_ account: AccountRecord) {
        self.init(name: account.name, role: account.role, agency: account.agency)
    }

    /// The agency a user's listings are limited to: a clerk's own, or nil for all.
    public var visibleAgency: String? { role == .clerk ? agency : nil }

    public func mayRead(caseOf agency: String) -> Bool {
        role == .clerk ? agency == self.agency : true
    }

    /// Only a clerk writes cases, and only their own agency's.
    public func mayWrite(caseOf agency: String) -> Bool {
        role == .clerk && agency == self.agency
    }

    public var mayCreateCases: Bool { role == .clerk && agency != nil }
    /// Audit runs with scores across agencies.
    public var mayRunAudits: Bool { role == .reviewer || role == .supervisor }
    /// Scoring a manual checklist item of a case.
    public var mayScoreManualItems: Bool { role == .reviewer }
    public var mayExport: Bool { role == .supervisor }
    /// The bureau's dashboard and the annual figures: every agency's scores and counts.
    public var mayReadDashboard: Bool { role == .reviewer || role == .supervisor }
    public var mayReadDueList: Bool { role != .admin }
    /// Accounts, registries and benchmarks.
    public var mayAdminister: Bool { role == .admin }
    /// A job's page and result: its owner's, and the supervisors', who oversee all long work.
    public func maySee(jobOf owner: String) -> Bool { owner == name || role == .supervisor }
}
