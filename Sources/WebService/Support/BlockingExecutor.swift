import Foundation
import Hummingbird

/// Where requests run: libdispatch's threads, not Swift's cooperative ones. The store's calls
/// block (SQLite's, and PostgreSQL's waits), and Swift's cooperative pool has one thread a core:
/// a request blocked there holds a thread every other request needs. A Swift task executor
/// (SE-0417) that each request prefers (`BlockingLane`) keeps them off it; libdispatch's hand-off
/// costs no more than the pool's, so pages are as fast as before.
///
/// libdispatch's pool is no larger than the cores either, so work that blocks for long (an audit of
/// the whole store, an export, the dashboard) runs on threads of its own instead (`LongWorkLane`).
public final class RequestExecutor: TaskExecutor, @unchecked Sendable {
    private let queue: DispatchQueue

    public init(name: String = "zhifa-request") {
        queue = DispatchQueue(label: name, qos: .userInitiated, attributes: .concurrent)
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// A fixed number of threads of their own, for work that blocks for long.
public final class ThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var head = 0
    private var stopping = false

    /// Starts `count` threads named `name`; they end with `shutdown()`.
    public init(threads count: Int, name: String) {
        for index in 0..<max(1, count) {
            // Each thread keeps the executor until it ends, after `shutdown()`.
            let thread = Thread { self.work() }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Lets the threads end once the queue is empty.
    public func shutdown() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while head == jobs.count && !stopping { condition.wait() }
            guard head < jobs.count else {
                condition.unlock()
                return
            }
            let job = jobs[head]
            head += 1
            // Drop what was run now and then, so that the queue does not grow for ever.
            if head > 1024 && head * 2 > jobs.count {
                jobs.removeFirst(head)
                head = 0
            }
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

/// Runs each request on `RequestExecutor`. The outermost middleware, so that the session's own
/// store reads run there too.
struct BlockingLane<Context: RequestContext>: RouterMiddleware {
    let executor: RequestExecutor

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
