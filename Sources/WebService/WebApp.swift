import Audit
import CaseModel
import CaseStore
import Foundation
import Hummingbird
import HummingbirdAuth
import Logging
import NIOConcurrencyHelpers
import WorkCalendar

/// The request context of every route: the session's contents and the user it signs in.
public typealias WebRequestContext = BasicSessionRequestContext<WebSession, WebUser>

/// What every route shares: the store, the audit machinery, the templates and the sign-in guards.
public final class WebApp: Sendable {
    public let store: CaseStore
    public let configuration: WebServiceConfiguration
    public let runner: AuditRunner
    let pages: PageRenderer
    let throttle: LoginThrottle
    let loginTokens: LoginTokens
    let evidence: EvidenceFolder
    /// Sessions live in memory: a restart signs everyone out, which is also how a leaked cookie is revoked.
    let sessions = MemoryPersistDriver()
    /// Built from the registry and benchmarks; dropped when an admin imports new ones.
    private let cachedAuditor = NIOLockedValueBox<CaseAuditor?>(nil)

    public init(store: CaseStore, configuration: WebServiceConfiguration) async throws {
        self.store = store
        self.configuration = configuration
        let checklist = try ChecklistLoader.bundled().load(configuration.checklist)
        runner = AuditRunner(store: store, checklist: checklist, calendar: try WorkingDayCalendar.bundled())
        pages = try await PageRenderer()
        throttle = LoginThrottle(limit: configuration.maxFailedLogins, window: configuration.throttleWindow)
        loginTokens = LoginTokens()
        evidence = try EvidenceFolder(configuration.evidenceDirectory)
    }

    /// The auditor for case pages and the due list, built once per registry and benchmark import.
    func auditor() throws -> CaseAuditor {
        if let auditor = cachedAuditor.withLockedValue({ $0 }) { return auditor }
        let auditor = try CaseAuditor(checklist: runner.checklist, calendar: runner.calendar,
                                      registry: store.registry(), benchmarks: store.benchmarkSets())
        cachedAuditor.withLockedValue { $0 = auditor }
        return auditor
    }

    func registryChanged() {
        cachedAuditor.withLockedValue { $0 = nil }
    }

    /// A stored case the user may read; anything else is "not found", so that a clerk cannot tell
    /// another agency's case from a case that does not exist.
    func readableCase(_ id: String, for user: WebUser) throws -> EnforcementCase {
        guard let enforcementCase = try store.loadCase(id: id), user.mayRead(caseOf: enforcementCase.agency) else {
            throw WebError.notFound("没有编号为 \(id) 的案件。")
        }
        return enforcementCase
    }

    /// A stored case the user may change; a case they may read but not change is forbidden.
    func writableCase(_ id: String, for user: WebUser) throws -> EnforcementCase {
        let enforcementCase = try readableCase(id, for: user)
        guard user.mayWrite(caseOf: enforcementCase.agency) else {
            throw WebError.forbidden("只有本机关的办案人员可以修改此案件。")
        }
        return enforcementCase
    }
}

extension WebApp {
    /// The application `zhifa serve` runs: routes, sessions and structured request logs.
    public func application(logger: Logger) -> some ApplicationProtocol {
        var application = Application(
            router: buildRouter(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "zhifa"),
            logger: logger)
        // Run beside the server so that expired sessions are swept, and stopped with it.
        application.addServices(sessions)
        return application
    }

    /// The router alone, which tests drive through Hummingbird's testing client.
    public func buildRouter() -> Router<WebRequestContext> {
        let router = Router(context: WebRequestContext.self)
        router.addMiddleware {
            LogRequestsMiddleware(.info)
            ErrorPageMiddleware(pages: pages)
            SessionMiddleware(
                storage: sessions,
                configuration: .init(
                    sessionCookieParameters: .init(name: "zhifa_session", path: "/", secure: configuration.secureCookies, sameSite: .strict),
                    defaultSessionExpiration: configuration.sessionLifetime))
            SignedInUser(store: store)
        }
        StaticRoutes().register(on: router)
        LoginRoutes(app: self).register(on: router)
        CaseRoutes(app: self).register(on: router)
        CaseFormRoutes(app: self).register(on: router)
        AuditRoutes(app: self).register(on: router)
        AdminRoutes(app: self).register(on: router)
        APIRoutes(app: self).register(on: router.group("api/v1"))
        return router
    }
}
