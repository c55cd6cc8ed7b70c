import Foundation

/// Runs async store work to its end on the calling thread: how a synchronous caller (the command
/// line, GRDB's own queue) runs a transaction whose body is `async`.
///
/// The store's SQL is written once, as `async` bodies over `SQLConnection`, because PostgresNIO
/// answers only asynchronously. The work runs as a task that prefers an executor whose jobs this
/// thread runs itself, so it never needs one of Swift's cooperative threads: SQLite's statements,
/// which never suspend, run straight through on GRDB's queue (as GRDB requires), and a PostgreSQL
/// answer resumes the work here when it arrives. The calling thread is held meanwhile, which is
/// why the web service's requests await the store instead (`StoreBackend.awaitRead`, …), and its
/// long work, which calls the store synchronously, runs on threads of its own.
enum CallerThread {
    static func run<T>(_ work: () async throws -> T) throws -> T {
        try withoutActuallyEscaping(work) { work in
            let executor = CallerThreadExecutor()
            let job = UncheckedSendable(work)
            let outcome = UncheckedSendable<Result<T, any Error>?>(nil)
            Task(executorPreference: executor) {
                do { outcome.value = .success(try await job.value()) } catch { outcome.value = .failure(error) }
                executor.finish()
            }
            executor.runUntilFinished()
            return try outcome.value!.get()
        }
    }
}

/// The executor of `CallerThread.run`: jobs are queued, and the thread that waits runs them.
private final class CallerThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var finished = false

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    func finish() {
        condition.lock()
        finished = true
        condition.signal()
        condition.unlock()
    }

    func runUntilFinished() {
        while true {
            condition.lock()
            while jobs.isEmpty, !finished { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            let ready = jobs
            jobs.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in ready { job.runSynchronously(on: asUnownedTaskExecutor()) }
        }
    }
}

/// A value handed between a task and the thread that waits for it, never used by both at once.
final class UncheckedSendable<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}

extension CallerThread {
    private static let apart = DispatchQueue(label: "zhifa-store-work", qos: .userInitiated, attributes: .concurrent)

    /// Awaits synchronous store work (many transactions in a row: a large file staged in short
    /// ones) run on a thread apart from Swift's cooperative threads, which it would hold.
    static func apart<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            apart.async { continuation.resume(with: Result { try work() }) }
        }
    }
}
