import CaseStore
import Hummingbird

/// What a load balancer or an orchestrator asks, every second if it likes: `/healthz`, whether the
/// process answers (no store work); `/readyz`, whether this node can serve — the store answers and
/// holds every migration this program needs — else 503 with the reason.
struct HealthRoutes {
    let app: WebApp

    func register(on router: Router<WebRequestContext>) {
        router.get("healthz") { _, _ in Self.plain(.ok, "ok") }
        router.get("readyz") { _, _ in
            do {
                let pending = try await app.store.pendingMigrations()
                return pending.isEmpty ? Self.plain(.ok, "ready") : Self.plain(.serviceUnavailable, "库尚未升级：缺少 \(pending.joined(separator: "、"))")
            } catch {
                return Self.plain(.serviceUnavailable, "库无法访问：\(WebError.from(error).message)")
            }
        }
    }

    /// A line of text, never cached.
    private static func plain(_ status: HTTPResponse.Status, _ line: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: .init(string: line + "\n")))
    }
}
