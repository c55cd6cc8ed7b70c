import Foundation

/// Lets other writers in during a long run of write transactions (a large import's files and
/// staged chunks, an unstaging, a prune). Transactions that follow one another at once leave no
/// gap that a writer waiting for the lock can use, however short each is; so whenever the run has
/// written for `interval` since its last pause, it pauses for longer than the 2 ms between a waiting
/// writer's tries (`CaseStore.busyMode`). A run of quick transactions pauses seldom (an import of
/// the 34 sample files, not at every file), one of long ones after each.
struct WriterYield {
    static let interval: Duration = .milliseconds(100)
    static let pause: useconds_t = 5_000

    private var since = ContinuousClock.now

    /// Called after each transaction of the run.
    mutating func afterTransaction() {
        guard ContinuousClock.now - since >= Self.interval else { return }
        usleep(Self.pause)
        since = ContinuousClock.now
    }
}
