import Foundation
import WorkCalendar

/// How `zhifa serve` runs; the defaults suit one agency's office server on loopback.
public struct WebServiceConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Where uploaded evidence is kept, one file per SHA-256.
    public var evidenceDirectory: URL
    /// The checklist that case pages, audit runs and the due list use.
    public var checklist: String
    /// A session ends this long after sign-in, whatever the activity: one working day.
    public var sessionLifetime: Duration
    /// Largest request body accepted for an evidence upload or an XML import; more is answered 413.
    public var maxUploadBytes: Int
    /// Largest body of any other request (forms, JSON).
    public var maxRequestBytes: Int
    /// Failed sign-ins allowed per user name within `throttleWindow` before sign-in is refused.
    public var maxFailedLogins: Int
    public var throttleWindow: Duration
    /// Set `Secure` on the session cookie (behind TLS).
    public var secureCookies: Bool
    /// Audits of many cases and exports run at once on a node; more wait their turn.
    public var longWorkLimit = 2
    /// The audit page audits at most this many cases within its request; more become a job.
    public var inlineAuditLimit = 500
    /// Case XML posted through the API is stored within its request up to this size (a few hundred
    /// cases); a larger document (up to `maxUploadBytes`) becomes a job.
    public var inlineCasesBytes = 1 << 20
    /// The token a Prometheus scraper shows for `/metrics`; nil: there is no `/metrics`.
    public var metricsToken: String?
    /// What the service takes for today (`Today.process` unless a test sets another).
    public var today: Today = .process

    public init(
        host: String = "127.0.0.1", port: Int = 8080, evidenceDirectory: URL, checklist: String = "national",
        sessionLifetime: Duration = .seconds(8 * 3600), maxUploadBytes: Int = 64 << 20, maxRequestBytes: Int = 4 << 20,
        maxFailedLogins: Int = 5, throttleWindow: Duration = .seconds(15 * 60), secureCookies: Bool = false
    ) {
        self.host = host
        self.port = port
        self.evidenceDirectory = evidenceDirectory
        self.checklist = checklist
        self.sessionLifetime = sessionLifetime
        self.maxUploadBytes = maxUploadBytes
        self.maxRequestBytes = maxRequestBytes
        self.maxFailedLogins = maxFailedLogins
        self.throttleWindow = throttleWindow
        self.secureCookies = secureCookies
    }

    /// The evidence folder that goes with a store file: `zhifa.sqlite` keeps its uploads in `zhifa.evidence/`.
    public static func evidenceDirectory(forStore path: String) -> URL {
        let url = URL(fileURLWithPath: path)
        return url.deletingPathExtension().appendingPathExtension("evidence")
    }
}
