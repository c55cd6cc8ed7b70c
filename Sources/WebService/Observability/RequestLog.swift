import Foundation
import Hummingbird
import Logging

/// One line per request, written when it is answered: method, path, status, time taken and who
/// asked, with the request id Hummingbird puts in every line of the request's logger; and the same
/// request counted in the metrics, by its route's pattern.
///
/// The path is logged without its query: a search (`?q=`) may hold a party's name or identity
/// number, and nothing a user typed into a form or a query belongs in a log. Bodies, cookies and
/// headers are never logged. Placed inside the session middleware, so that it knows the user.
struct RequestLog: RouterMiddleware {
    typealias Context = WebRequestContext
    let metrics: ServiceMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, context, status: response.status.code, since: start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? WebError.from(error).status.code
            log(request, context, status: status, since: start)
            throw error
        }
    }

    private func log(_ request: Request, _ context: Context, status: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        metrics.request(route: context.endpointPath ?? "unmatched", method: request.method.rawValue, status: status, duration: elapsed)
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.log(
            level: status >= 500 ? .error : .info, "request",
            metadata: [
                "method": .string(request.method.rawValue), "path": .string(request.uri.path), "status": .stringConvertible(status),
                "ms": .string(String(format: "%.1f", milliseconds)), "user": .string(context.identity?.name ?? "-")
            ])
    }
}
