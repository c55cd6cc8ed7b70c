import CaseModel
import Foundation
import GRDB

/// A stored case whose rows could not be read back into a case: the audit reports it instead of stopping.
public struct UnreadableCase: Sendable, Equatable {
    public var id: String
    public var agency: String
    /// What went wrong, for the administrator who must repair the rows.
    public var reason: String
}

/// Reading stored cases in bounded batches: what audits, `verify` and exports walk the store with.
extension CaseStore {
    /// Ids of the cases a selection names, in id order: given ids, or an agency's, or all.
    public func caseIds(agency: String? = nil, ids: [String] = []) throws -> [String] {
        try read { db in
            if !ids.isEmpty {
                var present = await Set(ids).subtracting(try CaseWriter.absent(ids, db))
                if let agency {
                    await present.formIntersection(try db.fetchValues(String.self, "SELECT id FROM enforcementCase WHERE agency = ?", [agency]))
                }
                // The store's order (bytes of UTF-8, SQLite's BINARY and PostgreSQL's "C"), which the batch reads' id ranges rely on.
                return present.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            }
            return try await Self.caseIds(agency: agency, db)
        }
    }

    /// Ids of every case, or of one agency's, in id order.
    static func caseIds(agency: String?, _ db: any SQLConnection) async throws -> [String] {
        // By position, as batch reads take their values, not through GRDB's generic values: every
        // fresh run over the whole store starts by listing its ids.
        let sql = "SELECT id FROM enforcementCase" + (agency == nil ? "" : " WHERE agency = ?") + " ORDER BY id"
        var found: [String] = []
        try await db.forEachPositional(sql, agency.map { [$0] } ?? []) { found.append(try $0.text(required: 0)) }
        return found
    }

    /// Loads cases in batches of ids (in the store's id order), each batch in its own read with one
    /// range query per table, so that memory stays bounded and reading costs little more than a scan.
    ///
    /// A case whose rows cannot be read back (a value changed by hand, a row missing) does not stop
    /// the walk: its batch is read again case by case and the unreadable ones are handed to `body`
    /// beside the others, for the caller to report.
    ///
    /// `scattered`: the ids lie here and there in the store (a listing's page in date order), so
    /// each batch asks for its ids by name: a range from the first to the last would read nearly
    /// every case of the store to keep fifty.
    public func forEachBatch(
        of ids: [String], size: Int = 512, scattered: Bool = false,
        _ body: ([EnforcementCase], [UnreadableCase]) throws -> Void
    ) throws {
        try walkBatches(of: ids, size: size, scattered: scattered, versions: false) { try body($0.cases, $0.unreadable) }
    }

    /// Like `forEachBatch`, with each case's stored version read in the same snapshot as its rows.
    /// `scattered`: the ids are a few here and there among the store's (what an incremental audit
    /// leaves to audit), so each batch asks for its ids by name rather than for a range of ids.
    public func forEachVersionedBatch(
        of ids: [String], size: Int = 512, scattered: Bool = false,
        _ body: (CaseBatch) throws -> Void
    ) throws {
        try walkBatches(of: ids, size: size, scattered: scattered, versions: true, body)
    }

    /// The versions are read only for callers that keep them (the audit runs), not for listings.
    /// `every`, `from`: only the batches numbered `from`, `from + every`, … (one of several readers).
    private func walkBatches(
        of ids: [String], size: Int, scattered: Bool, versions wantVersions: Bool,
        every: Int = 1, from: Int = 0, _ body: (CaseBatch) throws -> Void
    ) throws {
        var start = from * size
        while start < ids.count {
            let slice = ids[start..<min(ids.count, start + size)]
            let batch = try read { try await CaseRepository(db: $0).batch(slice, scattered: scattered, versions: wantVersions) }
            try body(batch)
            start += every * size
        }
    }

    /// Like `forEachBatch`, but a reader thread loads the next batch while `body` works on this one.
    public func forEachBatchAhead(
        of ids: [String], size: Int = 512,
        _ body: ([EnforcementCase], [UnreadableCase]) throws -> Void
    ) throws {
        try batchesAhead(of: ids, size: size, scattered: false, versions: false) { try body($0.cases, $0.unreadable) }
    }

    /// Like `forEachVersionedBatch`, but a reader thread loads the next batch while `body` works on this one.
    public func forEachVersionedBatchAhead(
        of ids: [String], size: Int = 512, scattered: Bool = false,
        _ body: (CaseBatch) throws -> Void
    ) throws {
        try batchesAhead(of: ids, size: size, scattered: scattered, versions: true, body)
    }

    private func batchesAhead(
        of ids: [String], size: Int, scattered: Bool, versions: Bool,
        _ body: (CaseBatch) throws -> Void
    ) throws {
        let readers = Self.readersAhead(on: backend.kind, scattered: scattered)
        let handOffs = (0..<readers).map { _ in HandOff<CaseBatch>(capacity: 2) }
        for (reader, handOff) in handOffs.enumerated() {
            Thread.detachNewThread { [self] in
                do {
                    try walkBatches(of: ids, size: size, scattered: scattered, versions: versions, every: readers, from: reader) { batch in
                        guard handOff.put(batch) else { throw CancellationError() }
                    }
                    handOff.finish(nil)
                } catch {
                    handOff.finish(error)
                }
            }
        }
        // Batch n comes from reader n % readers: taken in turn, they come in the ids' order, and
        // the first reader with nothing more to give ends the walk.
        do {
            var next = 0
            while let batch = handOffs[next % readers].take() {
                try body(batch)
                next += 1
            }
        } catch {
            for handOff in handOffs { handOff.cancel() }
            for handOff in handOffs { handOff.waitUntilFinished() }
            throw error
        }
        for handOff in handOffs { handOff.cancel() }
        for handOff in handOffs { handOff.waitUntilFinished() }
        if let failure = handOffs.lazy.compactMap(\.failure).first(where: { !($0 is CancellationError) }) { throw failure }
    }

    /// Readers loading batches ahead at once. A PostgreSQL server answers each connection's
    /// queries in one process of its own, one after another, and its client decodes the rows on
    /// the connection's thread: a second reader keeps both busy while the first waits (docs/performance.md).
    /// SQLite reading cases scattered through the store (an incremental run's) reads nearly every
    /// page from the file, a fifth of its time in a new process, while the audit of the batches
    /// leaves the second core idle a third of the time: a second reader works meanwhile.
    static func readersAhead(on backend: SQLBackendKind, scattered: Bool) -> Int {
        backend == .postgres || scattered ? 2 : 1
    }
}

/// One batch of stored cases: those read, those that could not be, and every one's stored version.
public struct CaseBatch: Sendable {
    public var cases: [EnforcementCase]
    public var unreadable: [UnreadableCase]
    public var versions: [String: Int]
}

extension CaseRepository {
    /// The cases `ids` names (a range of the store's ids, or, `scattered`, a few here and there
    /// asked for by name), with their versions when `versions`; a case whose rows cannot be made
    /// into a case is named among the unreadable, never a failure of the batch.
    func batch(_ ids: ArraySlice<String>, scattered: Bool, versions wantVersions: Bool) async throws -> CaseBatch {
        guard let first = ids.first, let last = ids.last else { return CaseBatch(cases: [], unreadable: [], versions: [:]) }
        let selection: CaseBatchLoader.Ids = scattered ? .list(Array(ids)) : .range(first: first, last: last)
        // The versions come with the cases' own rows, in the same snapshot; read apart only when
        // a row cannot be read and the batch is read again case by case.
        var versions: [String: Int] = [:]
        versions.reserveCapacity(ids.count)
        do {
            let cases = try await CaseBatchLoader.load(selection, wanted: Set(ids), versions: &versions, from: db)
            return CaseBatch(cases: cases, unreadable: [], versions: wantVersions ? versions : [:])
        } catch let error as DatabaseError where error.resultCode != .SQLITE_ERROR {
            throw error
        } catch let error as PostgresFailure {
            throw error
        } catch {
            // A row the loader could not turn into a case: find which, case by case.
            versions = [:]
            if wantVersions {
                try await db.forEachPositional(
                    "SELECT id, version FROM enforcementCase WHERE \(selection.predicate("id", on: db.kind))",
                    selection.arguments(on: db.kind)
                ) { row in
                    versions[try row.text(required: 0)] = try row.int(required: 1)
                }
            }
            let (cases, unreadable) = try await Self.loadOneByOne(ids, db)
            return CaseBatch(cases: cases, unreadable: unreadable, versions: versions)
        }
    }

    /// The readable ones of a few cases named here and there (a listing's page), in id order.
    public func loadSome(_ ids: [String]) async throws -> [EnforcementCase] {
        let sorted = ids.sorted()
        var cases: [EnforcementCase] = []
        for start in stride(from: 0, to: sorted.count, by: 512) {
            cases += try await batch(sorted[start..<min(sorted.count, start + 512)], scattered: true, versions: false).cases
        }
        return cases
    }

    private static func loadOneByOne(_ ids: ArraySlice<String>, _ db: any SQLConnection) async throws -> ([EnforcementCase], [UnreadableCase]) {
        var cases: [EnforcementCase] = []
        var unreadable: [UnreadableCase] = []
        for id in ids {
            do {
                await cases += try CaseBatchLoader.load(first: id, last: id, wanted: [id], from: db)
            } catch {
                let agency = try await db.fetchValue(String.self, "SELECT CAST(agency AS TEXT) FROM enforcementCase WHERE id = ?", [id])
                unreadable.append(UnreadableCase(id: id, agency: agency ?? "", reason: "\(error)"))
            }
        }
        return (cases, unreadable)
    }
}
