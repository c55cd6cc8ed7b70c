import Foundation
import GRDB

/// A large file of cases on PostgreSQL, written without holding the writers' lock for long, and
/// still all or nothing.
///
/// PostgreSQL lets many transactions write at once; what the store serializes is its journal (one
/// chain) and its events' ids, which each writer takes after the largest stored. So the file is
/// written in one transaction that takes the writers' lock (`writeLock`) only for its journal
/// entries at the end: other writers go on meanwhile and wait at most for those entries. The
/// file's event ids are reserved first, in a short transaction of their own, as an `importStage`
/// row whose `lastEventId` every writer's `CaseRows.lastEventID` counts; the row is deleted by the
/// transaction that publishes the file, or after it fails. Until that commit no other transaction
/// sees any of the file. A case that another writer stores meanwhile under an id the file also
/// holds fails one of the two (its unique key), never stores both.
///
/// SQLite has one writer: there a large file is staged instead (`StagedImport`).
enum LateLockedImport {
    /// How long a reservation outlives an importer that died: longer than any one transaction runs.
    static let lease: TimeInterval = 6 * 3600

    /// Whether a file of `count` cases is written so: a large file on PostgreSQL.
    static func writes(_ count: Int, on backend: SQLBackendKind) -> Bool {
        backend == .postgres && count >= StagedImport.threshold
    }
}

/// Event ids reserved beforehand: the transaction gives its events the ids after `after`, up to `last`.
struct ReservedEventIDs {
    var after: Int64
    var last: Int64
}

extension CaseStore {
    /// Writes a file's cases in one transaction that locks the other writers out only at its end.
    func writeLockingLate(_ cases: [PreparedCase], file: String, at now: String, actor: String, agencyScope: String?) throws -> ImportCounts {
        // A file that would be refused is refused before anything is reserved.
        try read { db in try await ImportTransaction.refuse(cases, file: file, agencyScope: agencyScope, db) }
        try clearExpiredStages()
        let events = cases.reduce(0) { $0 + $1.enforcementCase.events.count }
        let (stage, reserved) = try write { db -> (Int64, ReservedEventIDs) in
            let after = try await CaseRows.lastEventID(db)
            let (last, overflow) = after.addingReportingOverflow(Int64(events))
            guard !overflow else { throw StoreError.corrupt("event ids exhausted") }
            let stage = try await db.insertReturningID(
                "INSERT INTO importStage (file, actor, startedAt, leaseUntil, lastEventId) VALUES (?, ?, ?, ?, ?)",
                [file, actor, now, Date().timeIntervalSince1970 + LateLockedImport.lease, last])
            return (stage, ReservedEventIDs(after: after, last: last))
        }
        do {
            return try backend.writeLockingLate { db, lockWriters in
                let transaction = try await ImportTransaction(db: db, file: file, at: now, actor: actor, holdingJournal: true)
                let counts = try await transaction.importCases(cases, agencyScope: agencyScope, eventIDs: reserved)
                try await lockWriters()
                guard try await db.exists("SELECT 1 FROM importStage WHERE id = ?", [stage]) else { throw StoreError.importStageLost(file) }
                try await transaction.journal.writeHeldEntries()
                try await db.execute("DELETE FROM importStage WHERE id = ?", [stage])
                return counts
            }
        } catch {
            try? write { db in try await db.execute("DELETE FROM importStage WHERE id = ?", [stage]) }
            throw error
        }
    }
}

extension Schema {
    /// v21: the last event id an import still writing has reserved.
    static func reserveImportEventIds(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE importStage ADD COLUMN lastEventId INTEGER")
    }
}
