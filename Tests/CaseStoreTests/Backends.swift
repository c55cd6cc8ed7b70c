import Foundation
import GRDB
import Testing

@testable import CaseStore

/// The two backends every store-level test runs against: one SQLite store in memory, and one
/// database of the tests' own PostgreSQL cluster.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// A new, empty store.
    func emptyStore() throws -> CaseStore {
        switch self {
        case .sqlite: try CaseStore.inMemory()
        case .postgres: try CaseStore(location: try ThrowawayPostgres.newDatabase())
        }
    }

    /// Where a store that several `CaseStore`s open lives: a file in `folder`, or a new database.
    func location(in folder: TemporaryFolder, _ name: String) throws -> String {
        switch self {
        case .sqlite: folder.file(name).path
        case .postgres: try ThrowawayPostgres.newDatabase()
        }
    }

    /// A new store holding the sample registry and benchmarks.
    func storeWithSampleRegistry() throws -> CaseStore {
        let store = try emptyStore()
        let report = store.importPaths(
            [
                Repository.samples.appendingPathComponent("registry.xml").path,
                Repository.samples.appendingPathComponent("benchmarks").path
            ], actor: "test")
        precondition(report.failures.isEmpty, "\(report.failures)")
        return store
    }
}

/// What undoes a transaction `whileHolding` held.
private struct HoldUndone: Error {}

extension CaseStore {
    /// Row counts of every table, by lower-cased name: equal snapshots mean nothing was written.
    /// Row counts of every copied table but those `except` names (tables a later migration adds).
    func snapshot(except: Set<String> = []) throws -> [String: Int] {
        try read { db in
            var counts: [String: Int] = [:]
            for (table, _, _) in Self.copiedTables where !except.contains(table) {
                counts[table.lowercased()] = try await db.fetchValue(Int.self, "SELECT COUNT(*) FROM \(table)")
            }
            return counts
        }
    }

    /// Runs SQL behind Zhifa's back, as an administrator (or an attacker) at the database could.
    func tamper(_ statements: String...) throws {
        try write { db in
            for sql in statements { try await db.execute(sql) }
        }
    }

    /// Runs `body` while another transaction of this store (without the writers' lock) holds what
    /// `hold` takes (a lock, the first load's tables), on a thread of its own; that transaction is
    /// undone afterwards.
    func whileHolding<T>(_ hold: @escaping @Sendable (any SQLConnection) async throws -> Void, run body: () throws -> T) throws -> T {
        let holding = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let released = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            _ = try? self.writeOutsideJournal { db in
                try await hold(db)
                holding.signal()
                release.wait()
                throw HoldUndone()
            }
            holding.signal()  // also when `hold` failed: the test goes on to fail, never waits for ever
            released.signal()
        }
        holding.wait()
        defer {
            release.signal()
            released.wait()
        }
        return try body()
    }

    /// Makes the database refuse to store case `id` (a trigger on its row), as a full disk or a
    /// constraint would refuse a row half-way through a file's transaction.
    func refuseCase(_ id: String) throws {
        switch backendKind {
        case .postgres:
            try tamper(
                """
                CREATE FUNCTION refuseOne() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.id = '\(id)' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$
                """,
                "CREATE TRIGGER refuseOne BEFORE INSERT ON enforcementCase FOR EACH ROW EXECUTE FUNCTION refuseOne()")
        case .sqlite:
            try tamper("CREATE TRIGGER refuseOne BEFORE INSERT ON enforcementCase WHEN NEW.id = '\(id)' BEGIN SELECT RAISE(ABORT, 'refused'); END")
        }
    }

    /// Removes the guards that make the journal append-only, as someone covering their tracks would.
    func dropJournalGuards() throws {
        switch backendKind {
        case .sqlite: try tamper("DROP TRIGGER journalNoUpdate", "DROP TRIGGER journalNoDelete")
        case .postgres: try tamper("DROP TRIGGER journalNoUpdate ON journal")
        }
    }
}
