import Foundation

/// The files of one import written two at a time on PostgreSQL, and reported in their order.
///
/// One import's transaction keeps one server process busy, and a large file of cases spends most
/// of its time there, checking every row's foreign keys and adding it to the indexes; a second
/// file written beside it on a connection of its own uses a second one (docs/performance.md). Two
/// files are written together only when both go through `LateLockedImport` (many cases; the writers'
/// lock only for their journal entries at the end) and neither holds a case id or a document hash
/// that the other holds: then neither waits for a row the other wrote, the file given later still
/// replaces a case of the earlier one, and each is still all or nothing. Every other file (a
/// registry, benchmarks, a small file of cases) is written alone, after those before it.
final class FileWrites: @unchecked Sendable {
    /// What a file of many cases writes that a file written beside it must not.
    struct Footprint: Sendable {
        var caseIds: Set<String>
        var documents: Set<String>

        func overlaps(_ other: Footprint) -> Bool {
            !caseIds.isDisjoint(with: other.caseIds) || !documents.isDisjoint(with: other.documents)
        }

        init(caseIds: Set<String>, documents: Set<String>) {
            self.caseIds = caseIds
            self.documents = documents
        }

        /// A file that may be written beside another: many cases, on a store that writes them
        /// late-locked. nil for anything else.
        init?(_ prepared: PreparedDocument, backend: SQLBackendKind) {
            guard case .cases(let cases) = prepared.content, LateLockedImport.writes(cases.count, on: backend) else { return nil }
            caseIds = Set(cases.map(\.enforcementCase.id))
            documents = Set(cases.flatMap { $0.enforcementCase.events.flatMap { $0.records.compactMap(\.documentKey) } })
        }
    }

    /// A file's result, and why the import must stop after it (the database went away).
    struct Written: Sendable {
        var result: FileImportResult
        var interruption: String? = nil
    }

    /// Files written at once at most: one server process each.
    static let together = 2

    private let condition = NSCondition()
    private var running: [Int: Footprint] = [:]
    private var finished: [Int: Written] = [:]
    private var reported = 0
    private var started = 0

    /// Writes the next file (they are numbered in the order given): beside the file in flight
    /// when `footprint` allows, else once every earlier file is written. `write` runs on a thread
    /// of its own when written beside another, else on the caller's.
    func write(_ footprint: Footprint?, _ write: @escaping @Sendable () -> Written) {
        let index = started
        started += 1
        condition.lock()
        if let footprint {
            while running.count >= Self.together || running.values.contains(where: { $0.overlaps(footprint) }) { condition.wait() }
            running[index] = footprint
            condition.unlock()
            Thread.detachNewThread { [self] in finish(index, write()) }
        } else {
            while !running.isEmpty { condition.wait() }
            condition.unlock()
            finish(index, write())
        }
    }

    private func finish(_ index: Int, _ result: Written) {
        condition.lock()
        running[index] = nil
        finished[index] = result
        condition.broadcast()
        condition.unlock()
    }

    /// The results written since the last call, in the files' order, up to the first still being
    /// written. `waiting`: first waits until the next in order is written (nothing when no file is
    /// being written), so that each is reported as soon as it is committed.
    func results(waiting: Bool = false) -> [Written] {
        condition.lock()
        defer { condition.unlock() }
        if waiting { while finished[reported] == nil, !running.isEmpty { condition.wait() } }
        var ready: [Written] = []
        while let result = finished.removeValue(forKey: reported) {
            ready.append(result)
            reported += 1
        }
        return ready
    }
}
