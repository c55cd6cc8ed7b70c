import Audit
import AuditRuns
import CaseModel
import CaseStore
import CaseXML
import Checklists
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
    /// Sessions live in the store, shared by every node of the service and kept across restarts.
    let sessions: StoreSessions
    /// Where requests run, so that the store's blocking calls never hold Swift's own threads.
    let requestThreads: DispatchExecutor
    /// Long work asked for within a request: at most a few at once, on threads of their own.
    let longWork: LongWorkLane
    /// Runs queued jobs on this node (`JobRunner`), beside the server.
    let jobs: JobRunner
    /// What `/metrics` reports (`ServiceMetrics`).
    public let metrics = ServiceMetrics()
    /// The registry and the auditor built on it, shared by every page for a few seconds: dropped at
    /// once when an admin imports through the service, and soon after a `zhifa import` beside it.
    private let cachedReference = NIOLockedValueBox<(reference: Reference, built: ContinuousClock.Instant)?>(nil)
    static let referenceLifetime: Duration = .seconds(10)
    /// Case pages as last rendered for each role and agency, while the store has not changed
    /// (`StampedCache`, `PageSkeleton`): at most 64 MB of their text, some 9,000 pages of the
    /// generated cases, whose node then holds about twice that in memory.
    let caseSkeletons = StampedCache<CaseSkeletonKey, CaseSkeleton?>(budget: 64 << 20) { $0?.page.bytes ?? 64 }
    static let sessionCookie = "zhifa_session"
    /// Where the session middleware keeps a session: this prefix and the cookie's id.
    static let sessionKeyPrefix = "hbs."

    public init(store: CaseStore, configuration: WebServiceConfiguration) async throws {
        self.store = store
        self.configuration = configuration
        let checklist = try ChecklistLoader.bundled().load(configuration.checklist)
        runner = AuditRunner(store: store, checklist: checklist, calendar: try WorkingDayCalendar.bundled())
        pages = try PageRenderer()
        sessions = StoreSessions(store: store)
        throttle = LoginThrottle(store: store, limit: configuration.maxFailedLogins, window: configuration.throttleWindow)
        loginTokens = try LoginTokens(store: store)
        evidence = try EvidenceFolder(configuration.evidenceDirectory)
        requestThreads = DispatchExecutor(name: "zhifa-request", mayWait: true)
        longWork = LongWorkLane(limit: configuration.longWorkLimit)
        jobs = JobRunner(store: store, runner: runner, limit: configuration.longWorkLimit, metrics: metrics)
    }

    /// What pages look names up in, and the auditor for case pages and the due list.
    struct Reference: Sendable {
        var registry: Registry
        /// Every agency's discretion benchmarks, which the auditor was built on.
        var benchmarks: [BenchmarkSet]
        var auditor: CaseAuditor
        var names: RegistryNames
        /// What stored results must have been judged under for a page to show them (`pageAudit`).
        var environmentHash: String
        var agencyNames: [String: String] { names.agencies }
        var peopleNames: [String: String] { names.people }
    }

    func reference() async throws -> Reference {
        let now = ContinuousClock.now
        if let cached = cachedReference.withLockedValue({ $0 }), now - cached.built < Self.referenceLifetime {
            return cached.reference
        }
        // One snapshot: the fingerprint, the registry and the benchmarks agree, so that no stored
        // result is taken for newer than the auditor built here.
        let (fingerprint, registry, benchmarks, coverage) = try await store.reading { reader in
            await (
                try reader.registry.referenceFingerprint(), try reader.registry.registry(), try reader.registry.benchmarkSets(),
                try reader.registry.publishedCoverage()
            )
        }
        let reference = Reference(
            registry: registry, benchmarks: benchmarks,
            auditor: try runner.auditor(registry: registry, benchmarks: benchmarks, publishedCoverage: coverage),
            names: RegistryNames(registry),
            environmentHash: runner.environmentHash(keepAllFindings: false, referenceFingerprint: fingerprint))
        cachedReference.withLockedValue { $0 = (reference, now) }
        return reference
    }

    func auditor() async throws -> CaseAuditor { try await reference().auditor }

    /// An audit run asked for within a request, on a long-work thread, counted in the metrics.
    func runAudit(asOf: CalendarDate, selection: AuditSelection = AuditSelection(), actor: String) async throws -> AuditRunSummary {
        try await longWork.run { try metrics.auditRun { try runner.run(asOf: asOf, selection: selection, actor: actor) } }
    }

    /// Today, as the configuration's clock says: every page reads it here.
    func today() -> CalendarDate { configuration.today() }

    func registryChanged() {
        cachedReference.withLockedValue { $0 = nil }
    }

    /// A stored case the user may read; anything else is "not found", so that a clerk cannot tell
    /// another agency's case from a case that does not exist.
    func readableCase(_ id: String, for user: WebUser) async throws -> EnforcementCase {
        guard let found = try await store.reading({ try await $0.cases.load(id: id) }), user.mayRead(caseOf: found.agency) else {
            throw WebError.notFound("没有编号为 \(id) 的案件。")
        }
        return found
    }

    /// The file of an uploaded record that a case of `agency` may serve: only evidence that agency
    /// uploaded, so that a record naming another agency's hash downloads nothing.
    func downloadableEvidence(named name: String, agency: String) async throws -> URL? {
        guard let stem = EvidenceCheck.uploadedStem(name) else { return nil }
        return downloadableEvidence(named: name, owned: try await store.reading { try await $0.uploads.owned(agency: agency, among: [stem]) })
    }

    /// The due index brought up to the store's latest change: on a long-work thread, and only when
    /// it is behind (`DueIndexKeeper` keeps it current, so a due list seldom waits).
    func currentDueIndex() async throws -> DueIndex {
        let index = DueIndex(runner: runner)
        if try await !index.isCurrent() {
            let today = today()
            try await longWork.run { try index.refresh(today: today) }
        }
        return index
    }

    /// The file of an uploaded record, given the hashes of uploads its case's agency owns.
    func downloadableEvidence(named name: String, owned: Set<String>) -> URL? {
        guard let stem = EvidenceCheck.uploadedStem(name), owned.contains(stem) else { return nil }
        return evidence.file(named: name)
    }

    /// A stored case the user may change; a case they may read but not change is forbidden.
    func writableCase(_ id: String, for user: WebUser) async throws -> EnforcementCase {
        let enforcementCase = try await readableCase(id, for: user)
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
        // Run beside the server so that expired sessions are swept, queued jobs run and the due
        // index follows the store, and stopped with it.
        application.addServices(sessions, jobs, DueIndexKeeper(app: self))
        return application
    }

    /// The router alone, which tests drive through Hummingbird's testing client.
    public func buildRouter() -> Router<WebRequestContext> {
        let router = Router(context: WebRequestContext.self)
        router.addMiddleware {
            BlockingLane(executor: requestThreads)
            SecurityHeaders()
            SessionLoadScope()
            SessionMiddleware(
                storage: sessions,
                configuration: .init(
                    sessionCookieParameters: .init(name: Self.sessionCookie, path: "/", secure: configuration.secureCookies, sameSite: .strict),
                    keyPrefix: Self.sessionKeyPrefix,
                    defaultSessionExpiration: configuration.sessionLifetime))
            SignedInUser(store: store) { [self] in (try? await reference().agencyNames) ?? [:] }
            RequestLog(metrics: metrics)
            // Inside the session, so that an error page still shows who is signed in and their menu.
            ErrorPageMiddleware(pages: pages)
            StoreOutageGate()
            StoreErrorCount(metrics: metrics)
        }
        StaticRoutes().register(on: router)
        HealthRoutes(app: self).register(on: router)
        MetricsRoutes(app: self).register(on: router)
        LoginRoutes(app: self).register(on: router)
        CaseRoutes(app: self).register(on: router)
        CaseFormRoutes(app: self).register(on: router)
        LedgerRoutes(app: self).register(on: router)
        DashboardRoutes(app: self).register(on: router)
        OfficerRoutes(app: self).register(on: router)
        PublicityRoutes(app: self).register(on: router)
        AuditRoutes(app: self).register(on: router)
        CampaignRoutes(app: self).register(on: router)
        AdminRoutes(app: self).register(on: router)
        JobRoutes(app: self).register(on: router)
        let api = router.group("api/v1")
        APIRoutes(app: self).register(on: api)
        JobAPIRoutes(app: self).register(on: api)
        CampaignAPIRoutes(app: self).register(on: api)
        return router
    }
}
