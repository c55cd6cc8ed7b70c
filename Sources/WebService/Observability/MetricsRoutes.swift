import Crypto
import Foundation
import Hummingbird

/// `GET /metrics` for Prometheus, only for a scraper that shows the configured token
/// (`Authorization: Bearer …`, the token from `ZHIFA_METRICS_TOKEN`). Without a token configured
/// there is no such page: request rates and route names are no one else's business, and a proxy
/// in front makes every caller look local, so an address alone admits no one.
struct MetricsRoutes {
    let app: WebApp

    func register(on router: Router<WebRequestContext>) {
        router.get("metrics") { request, _ -> Response in
            guard let token = app.configuration.metricsToken, Self.bearer(request).map({ Self.same($0, token) }) == true else {
                throw WebError.notFound("没有这个页面。")
            }
            let now = Date().timeIntervalSince1970
            // A store that does not answer leaves the gauge out; the rest still reports.
            let signedIn = try? await app.store.readingPrimary { try await $0.accounts.signedInCount(now: now) }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: .init(string: app.metrics.exposition(signedIn: signedIn))))
        }
    }

    private static func bearer(_ request: Request) -> String? {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { return nil }
        return String(header.dropFirst("Bearer ".count))
    }

    /// Compares digests, so that the time taken says nothing of how much of the token was right.
    private static func same(_ given: String, _ token: String) -> Bool {
        SHA256.hash(data: Data(given.utf8)) == SHA256.hash(data: Data(token.utf8))
    }
}
