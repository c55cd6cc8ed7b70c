import AuditRuns
import CaseStore
import CoreMetrics
import Foundation
import Hummingbird
import NIOConcurrencyHelpers
import Prometheus

/// What `GET /metrics` reports, in Prometheus' text format: requests by route and status with
/// their latencies, jobs and the audit runs and imports they did, store errors by kind, and the
/// sessions signed in. Each `WebApp` keeps its own registry (no process-wide bootstrap), so that
/// the servers a test starts count apart.
///
/// Routes are counted by their pattern (`/cases/{id}`), never by the path a user asked for: a case
/// id or a search must not become a label, which would grow without end and put case numbers in a
/// monitoring system.
public final class ServiceMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    private let requests = NIOLockedValueBox<[RequestKey: (count: CoreMetrics.Counter, latency: CoreMetrics.Timer)]>([:])

    public init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        // From a page read from memory to an audit of a province's store.
        factory.durationHistogramBuckets["zhifa_http_request_duration_seconds"] = [
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
            .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5), .seconds(10)
        ]
        let longWork: [Duration] = [
            .milliseconds(100), .seconds(1), .seconds(5), .seconds(15), .seconds(60), .seconds(300), .seconds(900), .seconds(3600)
        ]
        factory.durationHistogramBuckets["zhifa_job_duration_seconds"] = longWork
        factory.durationHistogramBuckets["zhifa_audit_run_duration_seconds"] = longWork
        self.factory = factory
    }

    /// One answered request.
    func request(route: String, method: String, status: Int, duration: Duration) {
        let series = requestSeries(RequestKey(route: route, method: method, status: status))
        series.count.increment()
        series.latency.recordNanoseconds(Self.nanoseconds(duration))
    }

    /// A request's counter and latency, made once per route, method and status: every request
    /// passes here, and making them again (the registry's lock and lookup, new handles) cost the
    /// cheapest page a tenth of its time.
    private func requestSeries(_ key: RequestKey) -> (count: CoreMetrics.Counter, latency: CoreMetrics.Timer) {
        if let known = requests.withLockedValue({ $0[key] }) { return known }
        let made = (
            Counter(
                label: "zhifa_http_requests_total",
                dimensions: [("route", key.route), ("method", key.method), ("status", String(key.status))], factory: factory),
            CoreMetrics.Timer(label: "zhifa_http_request_duration_seconds", dimensions: [("route", key.route)], factory: factory)
        )
        return requests.withLockedValue { known in
            if let first = known[key] { return first }
            known[key] = made
            return made
        }
    }

    private struct RequestKey: Hashable {
        var route: String
        var method: String
        var status: Int
    }

    /// A job that ended, how, and how long it ran.
    func job(kind: String, state: String, duration: Duration) {
        Counter(label: "zhifa_jobs_total", dimensions: [("kind", kind), ("state", state)], factory: factory).increment()
        CoreMetrics.Timer(label: "zhifa_job_duration_seconds", dimensions: [("kind", kind)], factory: factory)
            .recordNanoseconds(Self.nanoseconds(duration))
    }

    /// Makes an audit run for a request or a job, and counts it: its cases and how long it took
    /// (the run's own time, not the wait for a place to run it).
    func auditRun(_ run: () throws -> AuditRunSummary) rethrows -> AuditRunSummary {
        let start = ContinuousClock.now
        let summary = try run()
        Counter(label: "zhifa_audit_runs_total", factory: factory).increment()
        Counter(label: "zhifa_audit_cases_total", factory: factory).increment(by: max(0, summary.run.caseCount))
        CoreMetrics.Timer(label: "zhifa_audit_run_duration_seconds", factory: factory)
            .recordNanoseconds(Self.nanoseconds(ContinuousClock.now - start))
        return summary
    }

    /// A file imported through the web service (a ledger, posted XML): its cases, or its refusal.
    func importedFile(cases: Int, refused: Bool) {
        Counter(label: "zhifa_import_files_total", dimensions: [("outcome", refused ? "refused" : "stored")], factory: factory).increment()
        if !refused { Counter(label: "zhifa_import_cases_total", factory: factory).increment(by: max(0, cases)) }
    }

    /// An error the store reported to a request.
    func storeError(_ condition: StoreCondition) {
        let kind =
            switch condition {
            case .busy: "busy"
            case .full: "full"
            case .unavailable: "unavailable"
            }
        Counter(label: "zhifa_store_errors_total", dimensions: [("kind", kind)], factory: factory).increment()
    }

    /// The registry in Prometheus' text format, with the sessions signed in now.
    func exposition(signedIn: Int?) -> String {
        if let signedIn { Gauge(label: "zhifa_sessions_signed_in", factory: factory).record(signedIn) }
        return registry.emitToString()
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : whole + attoseconds / 1_000_000_000
    }
}

/// Counts the store's errors as they leave the routes, before any page or API answer is made of them.
struct StoreErrorCount<Context: RequestContext>: RouterMiddleware {
    let metrics: ServiceMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            if let condition = StoreCondition(error) { metrics.storeError(condition) }
            throw error
        }
    }
}
