import CaseModel
import GRDB

/// A stored audit result with the case facts that lists and scorecards print beside it.
public struct AuditResultWithCase: Sendable {
    public var result: AuditResultRecord
    public var type: CaseType
    public var decisionDate: CalendarDate?
    public var decisionNumber: String?
    /// The party's name (当事人).
    public var party: String
    /// The fines of the decision together, nil when it imposed none.
    public var fine: Money?
    /// The decision date, or for an undecided case its first recorded act: the date lists filter by.
    public var caseDate: CalendarDate?
}

extension CaseStore {
    /// Streams a run's results with their cases' decision facts, in case-id order, optionally only
    /// those of one agency and of cases dated within `from...to`.
    public func forEachAuditResultWithCase(
        runId: Int64, agency: String? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil,
        onlyFailing: Bool = false, _ body: (AuditResultWithCase) throws -> Void
    ) throws {
        try read { db in
            // The dated cases in a subquery: PostgreSQL, unlike SQLite, does not let WHERE name a column alias.
            var extra: SQLArguments = []
            if let agency { extra += [agency] }
            if let from { extra += [from] }
            if let to { extra += [to] }
            let templates = try await ResultTemplates.load(db)
            let rows = try await RunRows.of(runId, db).union(
                { condition in
                    var sql = """
                        SELECT * FROM (
                          SELECT r.*, c.type AS caseType, c.decisionDate, c.decisionNumber,
                                 (SELECT p.name FROM party p WHERE p.caseId = c.id ORDER BY p.position LIMIT 1) AS partyName,
                                 (SELECT CAST(SUM(f.amount) AS BIGINT) FROM penalty f WHERE f.caseId = c.id AND f.kind = 'fine') AS fine,
                                 COALESCE(c.decisionDate, (SELECT MIN(date) FROM event e WHERE e.caseId = c.id)) AS caseDate
                          FROM auditResultRead r JOIN enforcementCase c ON c.id = r.caseId
                          WHERE \(condition)
                        """
                    if onlyFailing { sql += " AND r.failures > 0" }
                    if agency != nil { sql += " AND r.agency = ?" }
                    sql += ") dated WHERE 1 = 1"
                    if from != nil { sql += " AND caseDate >= ?" }
                    if to != nil { sql += " AND caseDate <= ?" }
                    return sql
                }, extra: extra)
            try await db.forEach(rows.sql + " ORDER BY caseId", rows.arguments) { row in
                let typeText: String = row["caseType"]
                var result = try AuditResultRecord(row: row)
                result.runId = runId
                result.audit = try templates.expand(result.audit, caseId: result.caseId)
                try body(
                    AuditResultWithCase(
                        result: result, type: CaseType(rawValue: typeText) ?? .other,
                        decisionDate: row["decisionDate"], decisionNumber: row["decisionNumber"],
                        party: row["partyName"] ?? "", fine: row["fine"], caseDate: row["caseDate"]))
            }
        }
    }

    /// The stored results of a run for some cases, by case id.
    public func auditResults(runId: Int64, caseIds: [String]) throws -> [String: AuditResultRecord] {
        try read { db in
            let parts = try await RunRows.of(runId, db)
            let templates = try await ResultTemplates.load(db)
            var records: [AuditResultRecord] = []
            for chunk in SQLInList.chunks(caseIds, size: 64) {
                let rows = parts.union(
                    { "SELECT r.* FROM auditResultRead r WHERE \($0) AND r.caseId IN \(chunk.placeholders)" },
                    extra: chunk.values.map { $0 as (any DatabaseValueConvertible)? })
                await records += try db.fetchRecords(AuditResultRecord.self, rows.sql, rows.arguments)
            }
            return Dictionary(
                try records.map { record in
                    var record = record
                    record.runId = runId
                    record.audit = try templates.expand(record.audit, caseId: record.caseId)
                    return (record.caseId, record)
                }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// The year through `year` with the most decisions (the later one on a tie): the year a
    /// scorecard shows by default, so that a store does not open on a year nearly empty. Nil when
    /// none. From the sums by agency and month when they hold the cases as they stand.
    public func busiestDecisionYear(through year: Int) throws -> Int? {
        try read { try await Self.busiestDecisionYear(through: year, $0) }
    }

    @Sendable private static func busiestDecisionYear(through year: Int, _ db: any SQLConnection) async throws -> Int? {
        let tally = DueRepository(db: db)
        if try await tally.holdsCasesAsTheyStand() { return try await tally.busiestDecisionYear(through: year) }
        return try await db.fetchValue(
            String.self,
            """
            SELECT substr(decisionDate, 1, 4) AS year FROM enforcementCase WHERE decisionDate <= ?
            GROUP BY substr(decisionDate, 1, 4) ORDER BY COUNT(*) DESC, year DESC LIMIT 1
            """, [CalendarDate(year: year, month: 12, day: 31) ?? .earliest]
        ).flatMap { Int($0) }
    }

    /// The year annual figures show by default: the complete year (before `today`'s) with the most
    /// decisions, as annual reports look back; this year when no earlier one has any.
    public func reportingYear(today: CalendarDate) throws -> Int {
        try busiestDecisionYear(through: today.year - 1) ?? today.year
    }

    /// `reportingYear`, awaited.
    public func reportingYear(today: CalendarDate) async throws -> Int {
        try await backend.awaitRead { try await Self.busiestDecisionYear(through: today.year - 1, $0) } ?? today.year
    }

    /// Ids of cases dated (decision, else first act) within `from...to`, in id order.
    public func caseIds(datedFrom from: CalendarDate, to: CalendarDate, agency: String? = nil) throws -> [String] {
        try read { db in
            var sql = """
                SELECT id FROM (SELECT c.id, c.agency, COALESCE(c.decisionDate, (SELECT MIN(date) FROM event e WHERE e.caseId = c.id)) AS caseDate
                                FROM enforcementCase c) dated
                WHERE caseDate BETWEEN ? AND ?
                """
            var arguments: SQLArguments = [from, to]
            if let agency {
                sql += " AND agency = ?"
                arguments += [agency]
            }
            return try await db.fetchValues(String.self, sql + " ORDER BY id", arguments)
        }
    }
}
