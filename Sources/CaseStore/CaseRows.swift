import CaseModel

/// Writes an `EnforcementCase` to its rows; `CaseBatchLoader` reads them back.
enum CaseRows {
    /// Appends a case's rows (see `SQLConnection.append`): on SQLite each through a cached prepared
    /// statement, on PostgreSQL with the other cases' rows of the file in multi-row inserts. Event
    /// ids come from `eventIDs`, so that an event's officers and records need not wait for its row.
    static func insert(
        _ c: EnforcementCase, version: Int, importedAt: String, sourceFile: String?,
        contentHash: String, into db: any SQLConnection, eventIDs: inout Int64
    ) async throws {
        try await insertRoot(c, version: version, importedAt: importedAt, sourceFile: sourceFile, contentHash: contentHash, into: db)
        try await insertParts(c, into: db, eventIDs: &eventIDs)
    }

    /// The case's own row, which every other row of it refers to: what publishes a staged case.
    static func insertRoot(
        _ c: EnforcementCase, version: Int, importedAt: String, sourceFile: String?, contentHash: String, into db: any SQLConnection
    ) async throws {
        let decision = c.decision
        try await db.append(
            into: CaseColumn.self,
            row: [
                c.id, c.agency, c.type.rawValue, c.procedure.rawValue, c.declaredMajor, c.matter != nil, c.matter?.item,
                c.matter?.violationDate, c.matter?.text, decision?.date, decision?.number, version, importedAt,
                sourceFile, contentHash, c.power
            ])
    }

    /// Every row of the case but its own: party, events with their officers and records, outcome
    /// and disclosure. Without the case's row no reader reaches them (`StagedImport`).
    static func insertParts(_ c: EnforcementCase, into db: any SQLConnection, eventIDs: inout Int64) async throws {
        let p = c.party
        try await db.append(
            into: PartyColumn.self,
            row: [
                c.id, 0, p.kind.rawValue, p.name, p.creditCode, p.idNumber, p.firstOffence, p.corrected, p.harm
            ])
        for (position, e) in c.events.enumerated() {
            eventIDs += 1
            let eventId = eventIDs
            try await db.append(
                into: EventColumn.self,
                row: [
                    eventId, c.id, position, e.kind.rawValue, e.date, e.until, e.hearingRights, e.reviewer, e.result?.rawValue,
                    e.days, e.number, e.method?.rawValue, e.revokedBy?.rawValue, e.line, e.ruling?.rawValue
                ])
            for (index, officer) in e.officers.enumerated() {
                try await db.append(
                    into: EventOfficerColumn.self,
                    row: [eventId, index, officer])
            }
            for (index, r) in e.records.enumerated() {
                try await db.append(
                    into: RecordColumn.self,
                    row: [
                        eventId, index, r.kind.rawValue, r.title, r.file, r.sha256, r.start, r.end, r.evidence.rawValue
                    ])
            }
        }
        if let o = c.outcome {
            try await db.append(
                into: OutcomeColumn.self,
                row: [c.id, o.discretion?.level, o.discretion?.reason, o.grant?.rawValue])
            for (index, penalty) in o.penalties.enumerated() {
                try await db.append(
                    into: PenaltyColumn.self,
                    row: [c.id, index, penalty.kind.rawValue, penalty.amount])
            }
            for (index, base) in o.bases.enumerated() {
                try await db.append(
                    into: BaseAmountColumn.self,
                    row: [c.id, index, base.name, base.amount])
            }
        }
        if let d = c.disclosure {
            try await db.append(
                into: DisclosureColumn.self,
                row: [c.id, d.date, d.platform, d.url, d.withdrawn, d.exempt, d.text])
        }
    }

    /// The largest event id stored or held by an import still writing (`LateLockedImport`): the
    /// ids a transaction gives its new events follow it. Writers are serialized, so no other
    /// transaction takes the same ids.
    static func lastEventID(_ db: any SQLConnection) async throws -> Int64 {
        try await db.fetchValue(
            Int64.self,
            "SELECT MAX(id) FROM (SELECT MAX(id) AS id FROM event UNION ALL SELECT MAX(lastEventId) FROM importStage) AS last") ?? 0
    }

    /// One stored case, read the same way the batch reads of audits read them.
    static func load(id: String, from db: any SQLConnection) async throws -> EnforcementCase? {
        try await CaseBatchLoader.load(first: id, last: id, wanted: [id], from: db).first
    }
}
