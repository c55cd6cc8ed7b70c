import Foundation
import Hummingbird

/// Threads of the service's own on which requests run, so that a request blocked in the store
/// (SQLite's calls, PostgreSQL's waits, an audit of the whole store) holds one of these and never
/// one of Swift's cooperative threads, of which a two-core machine has two: with them all blocked,
/// every page of the service would wait, the sign-in page included.
///
/// A Swift task executor (SE-0417): a request's task prefers it (`BlockingLane`), so everything the
/// handlers run that is not isolated to an actor runs here. More threads than requests that block
/// at once keep the pages answering while long work runs; long work itself is bounded elsewhere.
public final class BlockingExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var head = 0
    private var threads: [Thread] = []
    private var stopping = false

    /// Starts `threads` threads named `name`.
    public init(threads count: Int, name: String = "zhifa-request") {
        for index in 0..<max(1, count) {
            let thread = Thread { [unowned self] in self.work() }
            thread.name = "\(name)-\(index)"
            thread.stackSize = 1 << 20
            threads.append(thread)
        }
        for thread in threads { thread.start() }
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

/// Runs each request on `BlockingExecutor`'s threads. The outermost middleware, so that the
/// session's own store reads run there too.
struct BlockingLane<Context: RequestContext>: RouterMiddleware {
    let executor: BlockingExecutor

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await withTaskExecutorPreference(executor) { try await next(request, context) }
    }
}

/// At most `limit` bodies at once; callers beyond it wait, in order, without holding a thread.
public actor AsyncLimit {
    private var available: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(_ limit: Int) { available = max(1, limit) }

    /// Runs `body` when a place is free; the body itself runs on the caller's executor.
    public nonisolated func run<T>(_ body: () async throws -> T) async throws -> T {
        await acquire()
        do {
            let result = try await body()
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
