import Foundation

/// A bounded queue between one producing thread and one consuming thread. The producer blocks when
/// it is `capacity` ahead, so memory stays bounded; either side can end the exchange early.
final class HandOff<Item>: @unchecked Sendable {
    private let condition = NSCondition()
    /// Never longer than `capacity`, so taking from the front is cheap and nothing taken stays referenced.
    private var items: [Item] = []
    private var finished = false
    private var cancelled = false
    private(set) var failure: Error?
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Hands one item over; false once the consumer has cancelled, so the producer should stop.
    func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// The producer is done, successfully or with an error.
    func finish(_ error: Error?) {
        condition.lock()
        failure = error
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The consumer gives up; the producer's next `put` returns false.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next item, or nil when the producer has finished and everything was taken.
    func take() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !finished { condition.wait() }
        guard !items.isEmpty else { return nil }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    /// Waits until the producer has finished (after a cancel, so that it is not left blocked).
    func waitUntilFinished() {
        condition.lock()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
