import Foundation

/// A fixed number of threads of their own, for work that blocks (the web service's long work) or
/// that must never wait for one of Swift's cooperative threads (the PostgreSQL pool's run loop,
/// which a caller blocked on one of them may be waiting for).
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

/// Jobs run on libdispatch's threads (a concurrent queue), not Swift's cooperative ones: where the
/// web service's requests run (`BlockingLane`), and where PostgreSQL's answers resume the store's
/// awaited transactions.
public final class DispatchExecutor: TaskExecutor, @unchecked Sendable {
    private let queue: DispatchQueue
    private static let mayWait = DispatchSpecificKey<Bool>()

    /// `mayWait`: the jobs may wait a moment for the store synchronously (a read of one SQLite
    /// page), as the request threads may: libdispatch adds a thread when its threads block, which
    /// Swift's cooperative pool never does.
    public init(name: String, mayWait: Bool = false) {
        queue = DispatchQueue(label: name, qos: .userInitiated, attributes: .concurrent)
        if mayWait { queue.setSpecific(key: Self.mayWait, value: true) }
    }

    /// True on the threads of an executor made with `mayWait`.
    static var mayWaitHere: Bool { DispatchQueue.getSpecific(key: mayWait) == true }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
