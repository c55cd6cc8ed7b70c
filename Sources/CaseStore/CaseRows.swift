import CaseModel
import GRDB

/// Writes an `EnforcementCase` to its rows; `CaseBatchLoader` reads them back.
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

    /// One stored case, read the same way the batch reads of audits read them.
    static func load(id: String, from db: Database) throws -> EnforcementCase? {
        try CaseBatchLoader.load(first: id, last: id, wanted: [id], from: db).first
    }
}
