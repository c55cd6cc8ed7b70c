import CaseStore
import Hummingbird

/// What a role may do beyond reading cases: the permission table, in one place. Route groups
/// require a permission (`RequirePermission`), the navigation shows what it allows, and each has
/// the one sentence that refuses it.
public enum Permission: String, CaseIterable, Sendable {
    /// Registering cases, adding their steps, uploading ledgers: a clerk, for their own agency.
    case createCases
    /// Audit runs with scores across agencies.
    case runAudits
    /// Scoring a manual checklist item of a case.
    case scoreManualItems
    /// Violation lists for the supervision bureau.
    case export
    /// The bureau's dashboard and the annual figures: every agency's scores and counts.
    case readDashboard
    /// Due-date warnings.
    case readDueList
    /// Accounts, registries and benchmarks.
    case administer
    /// Review campaigns (评查活动): every campaign, its draw and its results.
    case manageCampaigns
    /// The officers' review: every agency's certificates, training and uncertified acts.
    case readOfficers
    /// 双公示 downloads: a clerk's own agency's, or a supervisor's choice.
    case exportPublicity
    /// A campaign's published results: a clerk, their own agency's (`CampaignResults.visible`).
    case readCampaignResults

    public func allows(_ role: AccountRole) -> Bool {
        switch self {
        case .createCases: role == .clerk
        case .runAudits, .readDashboard: role == .reviewer || role == .supervisor
        case .scoreManualItems: role == .reviewer
        case .export, .manageCampaigns, .readOfficers: role == .supervisor
        case .readCampaignResults, .exportPublicity: role == .supervisor || role == .clerk
        case .readDueList: role != .admin
        case .administer: role == .admin
        }
    }

    var refusal: String {
        switch self {
        case .createCases: "只有执法主体的办案人员可以登记、修改案件和导入本机关的台账。"
        case .runAudits: "只有评查人员和监督人员可以运行评查。"
        case .scoreManualItems: "只有评查人员可以对人工评查项打分。"
        case .export: "只有监督人员可以导出。"
        case .readDashboard: "只有评查人员和监督人员可以查看看板和年度数据。"
        case .readDueList: "系统管理员不查看预警。"
        case .administer: "只有系统管理员可以管理账号、导入名录和裁量基准。"
        case .manageCampaigns: "只有监督人员可以抽取、公布评查活动。"
        case .readOfficers: "只有监督人员可以查看各机关执法人员的持证、培训情况。"
        case .exportPublicity: "只有办案人员（本机关）和监督人员可以下载双公示数据。"
        case .readCampaignResults: "评查人员请在“我的评查”中查看分配给您的案件。"
        }
    }
}

/// The signed-in user of a request, and what their role lets them do.
///
/// Every route asks one of these questions; none compares roles itself, so the table of who may
/// do what lives here and in its tests.
public struct WebUser: Sendable, Equatable {
    public var name: String
    public var role: AccountRole
    /// A clerk's agency; nil for roles that see every agency.
    public var agency: String?
    /// That agency's name as the registry gives it, for what people read (the page header).
    public var agencyName: String?

    public init(name: String, role: AccountRole, agency: String?) {
        self.name = name
        self.role = role
        self.agency = agency
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

    /// Whether the role allows `permission` (a clerk's case work also needs their agency).
    public func may(_ permission: Permission) -> Bool {
        permission.allows(role) && (permission != .createCases || agency != nil)
    }

    /// Refuses with the permission's own sentence when the role does not allow it.
    func require(_ permission: Permission) throws {
        guard may(permission) else { throw WebError.forbidden(permission.refusal) }
    }

    /// A job's page and result: its owner's, and the supervisors', who oversee all long work.
    public func maySee(jobOf owner: String) -> Bool { owner == name || role == .supervisor }
}

/// Refuses every route of a group whose user lacks `permission` (or is not signed in).
struct RequirePermission: RouterMiddleware {
    typealias Context = WebRequestContext
    let permission: Permission

    init(_ permission: Permission) { self.permission = permission }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try context.user().require(permission)
        return try await next(request, context)
    }
}
