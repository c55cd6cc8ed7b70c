import CaseModel
import GRDB

/// Maps an `EnforcementCase` to its rows and back.
enum CaseRows {
    /// Inserts a case's rows through cached prepared statements: an import of thousands of cases
    /// then costs one SQL compilation per table, not one per row.
    static func insert(_ c: EnforcementCase, version: Int, importedAt: String, sourceFile: String?,
                       contentHash: String, into db: Database) throws {
        let decision = c.decision
        try db.cachedStatement(sql: """
            INSERT INTO enforcementCase (id, agency, type, procedure, declaredMajor, hasMatter, matterItem,
              matterViolationDate, matterText, decisionDate, decisionNumber, version, importedAt, sourceFile, contentHash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                c.id, c.agency, c.type.rawValue, c.procedure.rawValue, c.declaredMajor, c.matter != nil, c.matter?.item,
                c.matter?.violationDate, c.matter?.text, decision?.date, decision?.number, version, importedAt,
                sourceFile, contentHash])
        let p = c.party
        try db.cachedStatement(sql: """
            INSERT INTO party (caseId, position, kind, name, creditCode, idNumber, firstOffence, corrected, harm)
            VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [c.id, p.kind.rawValue, p.name, p.creditCode, p.idNumber, p.firstOffence, p.corrected, p.harm])
        let insertEvent = try db.cachedStatement(sql: """
            INSERT INTO event (caseId, position, kind, date, until, hearingRights, reviewer, result, days, number, method, revokedBy, line)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertOfficer = try db.cachedStatement(sql: "INSERT INTO eventOfficer (eventId, position, officerId) VALUES (?, ?, ?)")
        let insertRecord = try db.cachedStatement(sql: """
            INSERT INTO record (eventId, position, kind, title, file, sha256, start, "end", evidence)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (position, e) in c.events.enumerated() {
            try insertEvent.execute(arguments: [
                c.id, position, e.kind.rawValue, e.date, e.until, e.hearingRights, e.reviewer, e.result?.rawValue,
                e.days, e.number, e.method?.rawValue, e.revokedBy?.rawValue, e.line])
            let eventId = db.lastInsertedRowID
            for (index, officer) in e.officers.enumerated() {
                try insertOfficer.execute(arguments: [eventId, index, officer])
            }
            for (index, r) in e.records.enumerated() {
                try insertRecord.execute(arguments: [eventId, index, r.kind.rawValue, r.title, r.file, r.sha256, r.start, r.end, r.evidence.rawValue])
            }
        }
        if let o = c.outcome {
            try db.cachedStatement(sql: "INSERT INTO outcome (caseId, discretionLevel, discretionReason, grantResult) VALUES (?, ?, ?, ?)")
                .execute(arguments: [c.id, o.discretion?.level, o.discretion?.reason, o.grant?.rawValue])
            let insertPenalty = try db.cachedStatement(sql: "INSERT INTO penalty (caseId, position, kind, amount) VALUES (?, ?, ?, ?)")
            for (index, penalty) in o.penalties.enumerated() {
                try insertPenalty.execute(arguments: [c.id, index, penalty.kind.rawValue, penalty.amount])
            }
            let insertBase = try db.cachedStatement(sql: "INSERT INTO baseAmount (caseId, position, name, amount) VALUES (?, ?, ?, ?)")
            for (index, base) in o.bases.enumerated() {
                try insertBase.execute(arguments: [c.id, index, base.name, base.amount])
            }
        }
        if let d = c.disclosure {
            try db.cachedStatement(sql: """
                INSERT INTO disclosure (caseId, date, platform, url, withdrawn, exempt, text) VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [c.id, d.date, d.platform, d.url, d.withdrawn, d.exempt, d.text])
        }
    }

    static func load(id: String, from db: Database) throws -> EnforcementCase? {
        guard let row = try CaseRecord.fetchOne(db, key: id) else { return nil }
        return try assemble(row, db)
    }

    static func assemble(_ row: CaseRecord, _ db: Database) throws -> EnforcementCase {
        let id = row.id
        guard let partyRow = try PartyRecord.filter(Column("caseId") == id).order(Column("position")).fetchOne(db) else {
            throw StoreError.corrupt("case \(id) has no party row")
        }
        let eventRows = try EventRecord.filter(Column("caseId") == id).order(Column("position")).fetchAll(db)
        let officerRows = try EventOfficerRecord.fetchAll(db, sql: """
            SELECT eo.* FROM eventOfficer eo JOIN event e ON e.id = eo.eventId
            WHERE e.caseId = ? ORDER BY eo.eventId, eo.position
            """, arguments: [id])
        let recordRows = try RecordRecord.fetchAll(db, sql: """
            SELECT r.* FROM record r JOIN event e ON e.id = r.eventId
            WHERE e.caseId = ? ORDER BY r.eventId, r.position
            """, arguments: [id])
        let officersByEvent = Dictionary(grouping: officerRows, by: \.eventId)
        let recordsByEvent = Dictionary(grouping: recordRows, by: \.eventId)

        let events = try eventRows.map { e -> Event in
            let eventId = e.id!
            return Event(
                kind: try decode(e.kind), date: e.date,
                officers: officersByEvent[eventId, default: []].map(\.officerId), until: e.until,
                hearingRights: e.hearingRights, reviewer: e.reviewer, result: try e.result.map(decode),
                days: e.days, number: e.number, method: try e.method.map(decode),
                revokedBy: try e.revokedBy.map(decode),
                records: try recordsByEvent[eventId, default: []].map { r in
                    Record(kind: try decode(r.kind), title: r.title, file: r.file, sha256: r.sha256,
                           start: r.start, end: r.end, evidence: try decode(r.evidence))
                },
                line: e.line)
        }
        var outcome: Outcome?
        if let o = try OutcomeRecord.fetchOne(db, key: id) {
            let penalties = try PenaltyRecord.filter(Column("caseId") == id).order(Column("position")).fetchAll(db)
            let bases = try BaseAmountRecord.filter(Column("caseId") == id).order(Column("position")).fetchAll(db)
            outcome = Outcome(
                penalties: try penalties.map { Penalty(kind: try decode($0.kind), amount: $0.amount) },
                bases: bases.map { BaseAmount(name: $0.name, amount: $0.amount) },
                discretion: o.discretionLevel.map { Discretion(level: $0, reason: o.discretionReason) },
                grant: try o.grantResult.map(decode))
        }
        let disclosure = try DisclosureRecord.fetchOne(db, key: id).map {
            Disclosure(date: $0.date, platform: $0.platform, url: $0.url, withdrawn: $0.withdrawn, exempt: $0.exempt, text: $0.text)
        }
        return EnforcementCase(
            id: id, agency: row.agency, type: try decode(row.type), procedure: try decode(row.procedure),
            declaredMajor: row.declaredMajor,
            party: Party(kind: try decode(partyRow.kind), name: partyRow.name, creditCode: partyRow.creditCode,
                         idNumber: partyRow.idNumber, firstOffence: partyRow.firstOffence,
                         corrected: partyRow.corrected, harm: partyRow.harm),
            matter: row.hasMatter ? Matter(item: row.matterItem, violationDate: row.matterViolationDate, text: row.matterText ?? "") : nil,
            events: events, outcome: outcome, disclosure: disclosure)
    }

    private static func decode<T: RawRepresentable>(_ raw: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: raw) else { throw StoreError.corrupt("\"\(raw)\" is not a valid \(T.self)") }
        return value
    }
}
