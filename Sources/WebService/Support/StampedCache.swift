import CaseStore
import NIOConcurrencyHelpers

/// What one node has read from the store, kept beside the store's stamp taken before the read
/// (`CaseStore.changeStamp`) and given again while the stamp has not moved: after any commit, by
/// any node, every entry is read afresh. Where the store has no cheap stamp (PostgreSQL) nothing
/// is kept.
///
/// A signed-in page otherwise reads the store twice before it shows anything (its session, then
/// its case), and those reads, not the page, bounded how many pages a node answers.
final class StampedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct State {
        var stamp: StoreStamp?
        var entries: [Key: (value: Value, cost: Int)] = [:]
        /// Keys in the order they were kept, from `head` on: the oldest goes first when the
        /// budget is spent. A key may be here more than once; only its entry's cost counts.
        var order: [Key] = []
        var head = 0
        var spent = 0

        mutating func removeAll() {
            entries.removeAll(keepingCapacity: true)
            order.removeAll(keepingCapacity: true)
            head = 0
            spent = 0
        }

        mutating func remove(_ key: Key) {
            if let removed = entries.removeValue(forKey: key) { spent -= removed.cost }
        }

        mutating func evictOldest() {
            while head < order.count, entries[order[head]] == nil { head += 1 }
            guard head < order.count else { return }
            remove(order[head])
            head += 1
            if head > 1024, head * 2 > order.count {
                order.removeFirst(head)
                head = 0
            }
        }
    }

    private let state = NIOLockedValueBox(State())
    /// What the kept entries may cost together (`cost` of each), so that memory stays bounded
    /// however many pages are read.
    let budget: Int
    private let cost: @Sendable (Value) -> Int

    init(budget: Int, cost: @escaping @Sendable (Value) -> Int = { _ in 1 }) {
        self.budget = max(1, budget)
        self.cost = cost
    }

    /// The value kept for `key` under the store's current stamp, or `read`'s, which is kept. The
    /// stamp is taken before `read`, so a value is never kept under a stamp newer than what it saw.
    func value(for key: Key, stamp: StoreStamp?, read: () async throws -> Value) async throws -> Value {
        guard let stamp else { return try await read() }
        if let kept = state.withLockedValue({ $0.stamp == stamp ? $0.entries[key]?.value : nil }) { return kept }
        let value = try await read()
        let price = max(1, cost(value))
        guard price <= budget else { return value }
        state.withLockedValue { state in
            // Entries of an older stamp can never be given again: they are dropped, not kept.
            if state.stamp != stamp {
                state.stamp = stamp
                state.removeAll()
            }
            state.remove(key)
            while state.spent + price > budget, !state.entries.isEmpty { state.evictOldest() }
            state.entries[key] = (value, price)
            state.order.append(key)
            state.spent += price
        }
        return value
    }

    /// Drops `key`'s entry now (a session found expired, which no write ends).
    func remove(_ key: Key) {
        state.withLockedValue { $0.remove(key) }
    }

    var count: Int { state.withLockedValue { $0.entries.count } }
}
