import GRDB

extension Schema {
    /// v11 on SQLite: a case's events, and each event's records, stored together in the order of
    /// the case, as its party, penalties and officers already are.
    ///
    /// Events were a rowid table, in the order they were imported (which is not the order of the
    /// case ids: files come in any order), with an index on the case; reading a range of cases
    /// found each event through the index and then its row elsewhere in the file, and each record
    /// likewise through `record_on_eventId`. Keyed by (case, position) and (event, position) as
    /// WITHOUT ROWID tables, a range of cases is one walk along each table, which made reading
    /// and fresh audits markedly faster and the file smaller (docs/performance.md, footnote ⁵).
    ///
    /// An event keeps its id, unique, by which its officers and records refer to it and after
    /// whose largest the writer numbers new events (`CaseRows.lastEventID`). A record's id was
    /// never read and is gone. The migration copies both tables in their new order and replaces
    /// them; GRDB runs it with foreign keys off and checks them before it commits, so dropping the
    /// old tables removes no officer of an event.
    static func clusterEventsByCase(_ db: Database) throws {
        try db.create(table: "clusteredEvent", options: [.withoutRowID]) { t in
            t.column("id", .integer).notNull().unique()
            t.column("caseId", .text).notNull().references("enforcementCase", onDelete: .cascade)
            t.column("position", .integer).notNull()
            t.column("kind", .text).notNull()
            t.column("date", .text).notNull()
            t.column("until", .text)
            t.column("hearingRights", .boolean)
            t.column("reviewer", .text)
            t.column("result", .text)
            t.column("days", .integer)
            t.column("number", .text)
            t.column("method", .text)
            t.column("revokedBy", .text)
            t.column("line", .integer).notNull()
            t.primaryKey(["caseId", "position"])
        }
        let eventColumns = "id, caseId, position, kind, date, until, hearingRights, reviewer, result, days, number, method, revokedBy, line"
        try db.execute(sql: "INSERT INTO clusteredEvent (\(eventColumns)) SELECT \(eventColumns) FROM event ORDER BY caseId, position")
        try db.create(table: "clusteredRecord", options: [.withoutRowID]) { t in
            // The column is named: `REFERENCES event` alone would mean the new table's primary key.
            t.column("eventId", .integer).notNull().references("event", column: "id", onDelete: .cascade)
            t.column("position", .integer).notNull()
            t.column("kind", .text).notNull()
            t.column("title", .text).notNull()
            t.column("file", .text)
            t.column("sha256", .text)
            t.column("start", .text)
            t.column("end", .text)
            t.column("evidence", .text).notNull()
            t.primaryKey(["eventId", "position"])
        }
        let recordColumns = #"eventId, position, kind, title, file, sha256, start, "end", evidence"#
        try db.execute(sql: "INSERT INTO clusteredRecord (\(recordColumns)) SELECT \(recordColumns) FROM record ORDER BY eventId, position")
        try db.drop(table: "record")
        try db.drop(table: "event")
        try db.rename(table: "clusteredEvent", to: "event")
        try db.rename(table: "clusteredRecord", to: "record")
    }
}
