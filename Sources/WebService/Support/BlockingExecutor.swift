import CaseStore
import Foundation
import Hummingbird

/// Where requests run: libdispatch's threads (`DispatchExecutor`), not Swift's cooperative ones,
/// which are one a core: what a request does synchronously (rendering a page, a synchronous
/// store call) then never holds a thread every other request needs, and libdispatch's hand-off
/// costs no more than the pool's. Work that blocks for long (an audit of the whole store, an
/// export, the dashboard) runs on threads of its own instead (`LongWorkLane`).
/// Runs each request on the request threads. The outermost middleware, so that the session's own
/// store reads run there too.
struct BlockingLane<Context: RequestContext>: RouterMiddleware {
    let executor: DispatchExecutor

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await withTaskExecutorPreference(executor) { try await next(request, context) }
    }
}

/// Long work asked for within a request (an audit of the whole store, an export, the dashboard):
/// at most `limit` at once on a node, each on a thread of its own, so that it never takes the
/// threads that answer the pages; callers beyond the limit wait their turn without a thread.
public actor LongWorkLane {
    private var available: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private let threads: ThreadExecutor

    public init(limit: Int) {
        available = max(1, limit)
        threads = ThreadExecutor(threads: max(1, limit), name: "zhifa-long-work")
    }

    deinit { threads.shutdown() }

    /// Runs `body` on one of the lane's threads when a place is free.
    @discardableResult
    public nonisolated func run<T>(_ body: () async throws -> T) async throws -> T {
        await acquire()
        do {
            let result = try await withTaskExecutorPreference(threads) { try await body() }
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }

    private func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty { available += 1 } else { waiting.removeFirst().resume() }
    }
}
