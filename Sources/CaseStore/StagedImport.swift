import CaseModel
import CaseXML
import Foundation
import GRDB

/// A large file of cases imported without holding the store's one writer for long, and still all
/// or nothing.
///
/// SQLite has one writer at a time: a file of 10,000 cases written in one transaction held it for
/// seconds, and a web write waiting behind two such files timed out. Instead, every row of each new
/// case but its own (party, events, officers, records, outcome, disclosure) is written first, a
/// thousand cases per short transaction, with the other writers let in between (`WriterYield`); then one short
/// transaction writes the cases' own rows and their journal entries, which publishes them. No
/// reader reaches a case's rows but through its own row, so until then the file is invisible; if
/// anything fails, the staged rows are deleted again, and a stage whose importer died is cleared by
/// the next large import once its lease has run out. `stagedCase` names the ids a stage holds, so
/// that no other writer stores a case of the same id meanwhile.
///
/// The staged rows are written with foreign keys off for their transaction (their case's row is
/// not there yet), which SQLite allows per connection. PostgreSQL cannot turn them off for one
/// session, but lets other writers go on beside a long transaction: there a large file is one
/// transaction that takes the writers' lock only at its end (`LateLockedImport`). Smaller files
/// are one transaction on either.
enum StagedImport {
    /// Cases per staging transaction: about a third of a second of writing.
    static let chunk = 1_000
    /// Files with fewer new cases than this are written in one transaction.
    static let threshold = 2_000
    /// How long a stage stays reserved after its last write, before another import may clear it.
    static let lease: TimeInterval = 600

    /// The ids among `ids` that a stage holds.
    static func stagedIds(among ids: Set<String>, _ db: any SQLConnection) async throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        var found: Set<String> = []
        for chunk in SQLInList.chunks(Array(ids), size: 256) {
            await found.formUnion(try db.fetchValues(String.self, "SELECT caseId FROM stagedCase WHERE caseId IN \(chunk.placeholders)", chunk.values))
        }
        return found
    }
}

extension CaseStore {
    /// Writes a file's cases: staged first when it holds many new ones on SQLite, locking the other
    /// writers out only at its end when it is large on PostgreSQL (`LateLockedImport`), else in one
    /// transaction. Either way every case or none.
    func writeCases(_ cases: [PreparedCase], file: String, at now: String, actor: String, agencyScope: String?) throws -> ImportCounts {
        if LateLockedImport.writes(cases.count, on: backend.kind) {
            return try writeLockingLate(cases, file: file, at: now, actor: actor, agencyScope: agencyScope)
        }
        let mayStage = backend.kind == .sqlite && cases.count >= StagedImport.threshold
        let stageable = mayStage ? try read { db in try await Self.stageable(cases, db) } : []
        guard stageable.count >= StagedImport.threshold else {
            return try write { db in
                try await ImportTransaction(db: db, file: file, at: now, actor: actor).importCases(cases, agencyScope: agencyScope)
            }
        }
        // A file that would be refused is refused before anything is staged.
        try read { db in try await ImportTransaction.refuse(cases, file: file, agencyScope: agencyScope, db) }
        try clearExpiredStages()
        let stage = try write { db in
            try await db.insertReturningID(
                "INSERT INTO importStage (file, actor, startedAt, leaseUntil) VALUES (?, ?, ?, ?)",
                [file, actor, now, Date().timeIntervalSince1970 + StagedImport.lease])
        }
        do {
            let staged = cases.inStoreOrder.filter { stageable.contains($0.enforcementCase.id) }
            var yield = WriterYield()
            for start in stride(from: 0, to: staged.count, by: StagedImport.chunk) {
                let slice = staged[start..<min(staged.count, start + StagedImport.chunk)]
                try backend.writeWithoutForeignKeys { db in
                    try await db.execute(
                        "UPDATE importStage SET leaseUntil = ? WHERE id = ?", [Date().timeIntervalSince1970 + StagedImport.lease, stage])
                    var eventIDs = try await CaseRows.lastEventID(db)
                    var documents: [String: DocumentText] = [:]
                    for prepared in slice {
                        try await db.append(into: "stagedCase", columns: ["caseId", "stageId"], row: [prepared.enforcementCase.id, stage])
                        try await CaseRows.insertParts(prepared.enforcementCase, into: db, eventIDs: &eventIDs)
                        DocumentTexts.collect(prepared.enforcementCase, into: &documents)
                    }
                    try await DocumentTexts.store(documents, into: db)
                }
                yield.afterTransaction()
            }
            return try write { db in
                guard try await db.exists("SELECT 1 FROM importStage WHERE id = ?", [stage]) else { throw StoreError.importStageLost(file) }
                let counts = try await ImportTransaction(db: db, file: file, at: now, actor: actor)
                    .importCases(cases, agencyScope: agencyScope, staged: stageable)
                try await db.execute("DELETE FROM stagedCase WHERE stageId = ?", [stage])
                try await db.execute("DELETE FROM importStage WHERE id = ?", [stage])
                return counts
            }
        } catch {
            try? unstage(stage)
            throw error
        }
    }

    /// The ids a file may stage: new to the store, in no other stage, and once in the file (a
    /// case given twice is written the ordinary way, the second replacing the first).
    private static func stageable(_ cases: [PreparedCase], _ db: any SQLConnection) async throws -> Set<String> {
        var seen: [String: Int] = [:]
        for prepared in cases { seen[prepared.enforcementCase.id, default: 0] += 1 }
        let once = Set(seen.filter { $0.value == 1 }.keys)
        guard once.count >= StagedImport.threshold else { return [] }
        let absent = try await CaseWriter.absent(Array(once), db)
        return await absent.subtracting(try StagedImport.stagedIds(among: absent, db))
    }

    /// Deletes what a stage wrote, a chunk of cases per transaction, and then the stage.
    func unstage(_ stage: Int64) throws {
        var yield = WriterYield()
        while true {
            let finished = try write { db -> Bool in
                let ids = try await db.fetchValues(
                    String.self, "SELECT caseId FROM stagedCase WHERE stageId = ? ORDER BY caseId LIMIT \(StagedImport.chunk)", [stage])
                guard !ids.isEmpty else {
                    try await db.execute("DELETE FROM importStage WHERE id = ?", [stage])
                    return true
                }
                for chunk in SQLInList.chunks(ids, size: 256) {
                    // A staged case has no row of its own (else it would not be staged), so these
                    // rows are the stage's alone.
                    let events = "SELECT id FROM event WHERE caseId IN \(chunk.placeholders)"
                    try await db.execute("DELETE FROM eventOfficer WHERE eventId IN (\(events))", chunk.values)
                    try await db.execute("DELETE FROM record WHERE eventId IN (\(events))", chunk.values)
                    for table in ["event", "party", "outcome", "penalty", "baseAmount", "disclosure", "stagedCase"] {
                        try await db.execute("DELETE FROM \(table) WHERE caseId IN \(chunk.placeholders)", chunk.values)
                    }
                }
                return false
            }
            if finished { return }
            yield.afterTransaction()
        }
    }

    /// Clears the stages whose importer stopped writing longer ago than their lease: a process
    /// that died, or lost its database, in the middle of a large file.
    func clearExpiredStages() throws {
        let expired = try read { db in
            try await db.fetchValues(Int64.self, "SELECT id FROM importStage WHERE leaseUntil < ?", [Date().timeIntervalSince1970])
        }
        for stage in expired { try unstage(stage) }
    }
}

extension Schema {
    /// v13: a stage, and the case ids it holds.
    static func createImportStages(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE importStage (
                  id INTEGER PRIMARY KEY AUTOINCREMENT, file TEXT NOT NULL, actor TEXT NOT NULL, startedAt TEXT NOT NULL,
                  leaseUntil DOUBLE NOT NULL);
                CREATE TABLE stagedCase (caseId TEXT PRIMARY KEY NOT NULL, stageId INTEGER NOT NULL) WITHOUT ROWID;
                CREATE INDEX stagedCase_by_stage ON stagedCase(stageId, caseId);
                """)
    }
}
