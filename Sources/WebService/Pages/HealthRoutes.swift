import CaseStore
import Hummingbird

/// What a load balancer or an orchestrator asks, every second if it likes: `/healthz`, whether the
/// process answers (no store work); `/readyz`, whether this node can serve — the store answers and
/// holds every migration this program needs — else 503 with the reason.
struct HealthRoutes {
    let app: WebApp

    func register(on router: Router<WebRequestContext>) {
        router.get("healthz") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"], body: .init(byteBuffer: .init(string: "ok\n")))
        }
        router.get("readyz") { _, _ in
            let (status, text): (HTTPResponse.Status, String)
            do {
                let pending = try app.store.pendingMigrations()
                (status, text) = pending.isEmpty ? (.ok, "ready\n") : (.serviceUnavailable, "库尚未升级：缺少 \(pending.joined(separator: "、"))\n")
            } catch {
                (status, text) = (.serviceUnavailable, "库无法访问：\(WebError.from(error).message)\n")
            }
            return Response(
                status: status, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"], body: .init(byteBuffer: .init(string: text)))
        }
    }
}
