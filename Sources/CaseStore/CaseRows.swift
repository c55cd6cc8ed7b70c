import CaseModel
import GRDB

/// Maps an `EnforcementCase` to its rows and back.
enum CaseRows {
    static func insert(_ c: EnforcementCase, version: Int, importedAt: String, sourceFile: String?,
                       contentHash: String, into db: Database) throws {
        let decision = c.decision
        try CaseRecord(
            id: c.id, agency: c.agency, type: c.type.rawValue, procedure: c.procedure.rawValue,
            declaredMajor: c.declaredMajor, hasMatter: c.matter != nil, matterItem: c.matter?.item,
            matterViolationDate: c.matter?.violationDate, matterText: c.matter?.text,
            decisionDate: decision?.date, decisionNumber: decision?.number, version: version,
            importedAt: importedAt, sourceFile: sourceFile, contentHash: contentHash
        ).insert(db)
        let p = c.party
        try PartyRecord(caseId: c.id, position: 0, kind: p.kind.rawValue, name: p.name, creditCode: p.creditCode,
                        idNumber: p.idNumber, firstOffence: p.firstOffence, corrected: p.corrected, harm: p.harm).insert(db)
        for (position, e) in c.events.enumerated() {
            var event = EventRecord(
                id: nil, caseId: c.id, position: position, kind: e.kind.rawValue, date: e.date, until: e.until,
                hearingRights: e.hearingRights, reviewer: e.reviewer, result: e.result?.rawValue, days: e.days,
                number: e.number, method: e.method?.rawValue, revokedBy: e.revokedBy?.rawValue, line: e.line)
            try event.insert(db)
            let eventId = event.id!
            for (index, officer) in e.officers.enumerated() {
                try EventOfficerRecord(eventId: eventId, position: index, officerId: officer).insert(db)
            }
            for (index, r) in e.records.enumerated() {
                var record = RecordRecord(id: nil, eventId: eventId, position: index, kind: r.kind.rawValue, title: r.title,
                                          file: r.file, sha256: r.sha256, start: r.start, end: r.end, evidence: r.evidence.rawValue)
                try record.insert(db)
            }
        }
        if let o = c.outcome {
            try OutcomeRecord(caseId: c.id, discretionLevel: o.discretion?.level, discretionReason: o.discretion?.reason,
                              grantResult: o.grant?.rawValue).insert(db)
            for (index, penalty) in o.penalties.enumerated() {
                try PenaltyRecord(caseId: c.id, position: index, kind: penalty.kind.rawValue, amount: penalty.amount).insert(db)
            }
            for (index, base) in o.bases.enumerated() {
                try BaseAmountRecord(caseId: c.id, position: index, name: base.name, amount: base.amount).insert(db)
            }
        }
        if let d = c.disclosure {
            try DisclosureRecord(caseId: c.id, date: d.date, platform: d.platform, url: d.url, withdrawn: d.withdrawn,
                                 exempt: d.exempt, text: d.text).insert(db)
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
