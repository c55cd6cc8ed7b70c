import GRDB

/// The store's schema. Shipped migrations never change: a new need is a new migration.
/// `MigrationTests` opens a committed store of v4 (Tests/Fixtures/store-v4.sqlite) and fails when
/// a shipped migration is edited; when a release ships a new migration, commit its fixture too.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: registry, benchmarks, cases, history, journal") { db in
            try createRegistry(db)
            try createBenchmarks(db)
            try createCases(db)
            try createJournal(db)
        }
        migrator.registerMigration("v2: manual scores and audit runs") { db in
            try createAudit(db)
        }
        migrator.registerMigration("v3: user accounts") { db in
            try db.create(table: "account") { t in
                t.primaryKey("name", .text)
                t.column("role", .text).notNull()
                // Clerks belong to one agency; the other roles see every agency.
                t.column("agency", .text).references("agency", onDelete: .restrict)
                t.column("passwordHash", .text).notNull()
                t.column("createdAt", .text).notNull()
                t.column("createdBy", .text).notNull()
            }
        }
        migrator.registerMigration("v4: evidence belongs to the agency that uploaded it") { db in
            try db.create(table: "evidenceUpload", options: [.withoutRowID]) { t in
                t.column("sha256", .text).notNull()
                t.column("agency", .text).notNull().references("agency", onDelete: .restrict)
                t.column("name", .text).notNull()
                t.column("size", .integer).notNull()
                t.column("uploadedAt", .text).notNull()
                t.column("uploadedBy", .text).notNull()
                t.primaryKey(["agency", "sha256"])
            }
        }
        migrator.registerMigration("v5: web sessions, failed sign-ins and the sign-in key") { db in
            try createWebState(db)
        }
        migrator.registerMigration("v6: what an incremental audit reuses") { db in
            try db.alter(table: "auditResult") { t in
                t.add(column: "caseVersion", .integer)
                t.add(column: "manualDigest", .text)
                // Day numbers (days since 1970-01-01), both ends included.
                t.add(column: "reuseFrom", .integer)
                t.add(column: "reuseUntil", .integer)
            }
            try db.alter(table: "auditRun") { t in t.add(column: "environmentHash", .text) }
            try db.create(index: "auditRunEnvironment", on: "auditRun", columns: ["environmentHash", "id"])
        }
        migrator.registerMigration("v7: audit runs shared by workers") { db in
            try createAuditWork(db)
        }
        migrator.registerMigration("v8: a reused result points at the run that judged it") { db in
            // A reused result stores no JSON of its own (`audit` is empty) but the run whose row
            // holds it, so an incremental run writes a few numbers per unchanged case, not its JSON.
            // Readers go through the view, which resolves the JSON either way.
            try db.alter(table: "auditResult") { t in t.add(column: "judgedIn", .integer) }
            // Whether the run kept passing findings (`--all`): a report of a run that did not
            // need not filter them out. Nil for runs before v8.
            try db.alter(table: "auditRun") { t in t.add(column: "keepsAllFindings", .boolean) }
            try db.execute(
                sql: """
                    CREATE VIEW auditResultRead AS
                      SELECT r.runId, r.caseId, r.agency, r.score, r.grade, r.veto, r.failures,
                             CASE WHEN r.judgedIn IS NULL THEN r.audit ELSE j.audit END AS audit,
                             r.caseVersion, r.manualDigest, r.reuseFrom, r.reuseUntil, r.judgedIn
                      FROM auditResult r LEFT JOIN auditResult j ON j.runId = r.judgedIn AND j.caseId = r.caseId
                    """)
        }
        migrator.registerMigration("v9: a run holds only what differs from its base run") { db in
            try db.alter(table: "auditRun") { t in
                // The complete run whose results this one takes for every case it holds no row
                // of (`RunRows`); nil: the run holds every result itself.
                t.add(column: "baseRun", .integer)
                // Whether the run covers every stored case: only such a run may be a base, since
                // a case outside a base's selection would have no result to take.
                t.add(column: "coversStore", .boolean)
            }
            // Every column of a result but its JSON, which lies in the row before the columns added
            // since: reuse, grade counts and runs built on a base read these over a whole run, and
            // through the table they would walk every result's JSON to reach them.
            try db.execute(sql: "CREATE UNIQUE INDEX auditResultKeys ON auditResult(\(auditResultKeyColumns))")
        }
        migrator.registerMigration("v10: a run's totals by agency and grade") { db in try createAuditTally(db) }
        migrator.registerMigration("v11: events and records clustered by case") { db in try clusterEventsByCase(db) }
        migrator.registerMigration("v12: long work started from the web as jobs") { db in
            // Web state, as sessions are: written outside the journal (`Jobs.swift`).
            try db.execute(
                sql: """
                    CREATE TABLE job (
                      id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, parameters TEXT NOT NULL, owner TEXT NOT NULL,
                      state TEXT NOT NULL, done INTEGER NOT NULL, total INTEGER, createdAt DOUBLE NOT NULL, startedAt DOUBLE,
                      finishedAt DOUBLE, node TEXT, leaseUntil DOUBLE, cancelRequested INTEGER NOT NULL, message TEXT,
                      runId INTEGER, resultName TEXT, resultType TEXT, result BLOB);
                    CREATE INDEX job_by_state ON job(state, id);
                    CREATE INDEX job_by_owner ON job(owner, id);
                    """)
        }
        migrator.registerMigration("v13: large imports staged in short transactions") { db in try createImportStages(db) }
        migrator.registerMigration("v14: listings in the order they are shown") { db in try createListingIndexes(db) }
        migrator.registerMigration("v15: open obligations indexed by deadline") { db in try createDueIndex(db) }
        migrator.registerMigration("v16: figures counted over a whole run") { db in try createRunFigures(db) }
        migrator.registerMigration("v17: decisions counted by agency and month") { db in try createDecisionTally(db) }
        migrator.registerMigration("v18: a run's results in the order of their scores") { db in try createStandingIndex(db) }
        migrator.registerMigration("v19: what a search finds a case by") { db in try createSearchIndex(db) }
        migrator.registerMigration("v20: parties by name") { db in try createPartyNameIndex(db) }
        migrator.registerMigration("v21: event ids an import holds before it locks") { db in try reserveImportEventIds(db) }
        migrator.registerMigration("v22: the file a job works on") { db in try db.execute(sql: "ALTER TABLE job ADD COLUMN input BLOB") }
        migrator.registerMigration("v23: review campaigns and their draws") { db in try createCampaigns(db) }
        migrator.registerMigration("v24: powers, rulings and published 双公示 lists") { db in try createPowersAndPublicity(db) }
        migrator.registerMigration("v25: the text of attached documents") { db in try createDocumentTexts(db) }
        migrator.registerMigration("v26: the journal's imports of references") { db in try indexReferenceImports(db) }
        migrator.registerMigration("v27: what a checklist's results share") { db in try db.execute(sql: ResultTemplates.v27) }
        migrator.registerMigration("v28: where a run's comparison with the last may start") { db in try ReuseCandidates.migrate(db) }
        return migrator
    }

    /// The columns of `auditResultKeys`, run and case first (unique as the primary key is).
    static let auditResultKeyColumns =
        "runId, caseId, caseVersion, reuseFrom, reuseUntil, manualDigest, agency, grade, score, veto, failures, judgedIn"

    /// A run's plan and its chunks, which worker processes claim (`AuditWorkStorage.swift`).
    private static func createAuditWork(_ db: Database) throws {
        try db.create(table: "auditPlan") { t in
            t.primaryKey("runId", .integer).references("auditRun", onDelete: .cascade)
            t.column("agency", .text)
            t.column("caseIds", .text).notNull()
            t.column("keepAll", .boolean).notNull()
            t.column("caseCount", .integer).notNull()
            t.column("checklistHash", .text).notNull()
            t.column("judgmentHash", .text).notNull()
        }
        try db.create(table: "auditWork") { t in
            t.column("runId", .integer).notNull().references("auditRun", onDelete: .cascade)
            t.column("chunk", .integer).notNull()
            t.column("firstCaseId", .text).notNull()
            t.column("lastCaseId", .text).notNull()
            t.column("worker", .text)
            t.column("claimedAt", .double)
            t.column("doneAt", .double)
            t.primaryKey(["runId", "chunk"])
        }
    }

    /// Kept in the store so that every `zhifa serve` process on it serves the same users.
    private static func createWebState(_ db: Database) throws {
        try db.create(table: "webSession") { t in
            // SHA-256 of the cookie's key: the database holds no cookie.
            t.primaryKey("keyHash", .text)
            t.column("userName", .text)
            t.column("value", .text).notNull()
            t.column("expiresAt", .double)
        }
        try db.create(index: "webSessionUser", on: "webSession", columns: ["userName"])
        try db.create(table: "loginFailure") { t in
            t.column("userName", .text).notNull()
            t.column("at", .double).notNull()
        }
        try db.create(index: "loginFailureUser", on: "loginFailure", columns: ["userName", "at"])
        try db.create(table: "webSecret") { t in
            t.primaryKey("name", .text)
            t.column("value", .text).notNull()
        }
        try db.create(table: "usedLoginToken") { t in
            t.primaryKey("tokenHash", .text)
            t.column("expiresAt", .double).notNull()
        }
    }

    private static func createAudit(_ db: Database) throws {
        try db.create(table: "manualScore") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("caseId", .text).notNull().indexed()
            t.column("item", .text).notNull()
            t.column("deduction", .double).notNull()
            t.column("note", .text).notNull()
            t.column("reviewer", .text).notNull()
            t.column("at", .text).notNull()
        }
        try db.create(table: "auditRun") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("createdAt", .text).notNull()
            t.column("asOf", .text).notNull()
            t.column("checklistName", .text).notNull()
            t.column("checklistTitle", .text).notNull()
            t.column("checklistHash", .text).notNull()
            // Checklist, as-of date, selection, calendar and the store's last change: equal inputs, equal results.
            t.column("inputsHash", .text).notNull().indexed()
            t.column("actor", .text).notNull()
            t.column("caseCount", .integer).notNull()
            t.column("complete", .boolean).notNull()
        }
        try db.create(table: "auditResult") { t in
            t.column("runId", .integer).notNull().references("auditRun", onDelete: .cascade)
            t.column("caseId", .text).notNull()
            t.column("agency", .text).notNull()
            t.column("score", .double).notNull()
            t.column("grade", .text).notNull()
            t.column("veto", .boolean).notNull()
            // Failed findings in the case: violation lists skip the (many) clean cases in SQL.
            t.column("failures", .integer).notNull()
            /// The case's whole audit as JSON, in the shape of docs/format.md, "Audit output".
            t.column("audit", .text).notNull()
            t.primaryKey(["runId", "caseId"])
        }
        try db.create(index: "auditResultFailing", on: "auditResult", columns: ["runId", "caseId"], condition: Column("failures") > 0)
    }

    private static func createRegistry(_ db: Database) throws {
        try db.create(table: "agency") { t in
            t.primaryKey("code", .text)
            t.column("name", .text).notNull()
            t.column("region", .text)
            t.column("field", .text)
        }
        try db.create(table: "officer") { t in
            t.primaryKey("id", .text)
            t.column("name", .text).notNull()
            t.column("agency", .text).notNull().indexed().references("agency", onDelete: .restrict)
            t.column("roles", .text).notNull()
            t.column("legalQualification", .text)
            t.column("reviewerSince", .text)
        }
        try db.create(table: "certificate") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("officerId", .text).notNull().indexed().references("officer", onDelete: .cascade)
            t.column("position", .integer).notNull()
            t.column("number", .text).notNull()
            t.column("field", .text)
            t.column("issued", .text).notNull()
            t.column("expires", .text).notNull()
            t.column("status", .text).notNull()
            t.column("since", .text)
        }
        try db.create(table: "training") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("officerId", .text).notNull().indexed().references("officer", onDelete: .cascade)
            t.column("year", .integer).notNull()
            t.column("hours", .double).notNull()
        }
    }

    private static func createBenchmarks(_ db: Database) throws {
        try db.create(table: "benchmarkSet") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("agency", .text).notNull().indexed().references("agency", onDelete: .restrict)
            t.column("title", .text)
            t.column("effective", .text)
            t.column("importedAt", .text).notNull()
        }
        try db.create(table: "benchmarkItem") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("setId", .integer).notNull().indexed().references("benchmarkSet", onDelete: .cascade)
            t.column("position", .integer).notNull()
            t.column("code", .text).notNull()
            t.column("name", .text).notNull()
            t.column("basis", .text)
            t.column("noPenaltyIfFirstMinor", .boolean).notNull()
            t.column("lifeHealthFinance", .boolean).notNull()
            t.column("implicitTier", .boolean).notNull()
            t.uniqueKey(["setId", "code"])
        }
        try db.create(table: "benchmarkTier") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("itemId", .integer).notNull().indexed().references("benchmarkItem", onDelete: .cascade)
            t.column("position", .integer).notNull()
            t.column("base", .text)
            t.column("atLeast", .integer)
            t.column("below", .integer)
            t.column("party", .text)
            t.column("hasStatutory", .boolean).notNull()
            bandColumns(t, prefix: "statutory")
        }
        try db.create(table: "benchmarkLevel") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("tierId", .integer).notNull().indexed().references("benchmarkTier", onDelete: .cascade)
            t.column("position", .integer).notNull()
            t.column("name", .text).notNull()
            bandColumns(t, prefix: "")
        }
    }

    /// A band's two bounds, each either an amount in fen or a multiple in ten-thousandths.
    private static func bandColumns(_ t: TableDefinition, prefix: String) {
        for bound in ["min", "max"] {
            let name = prefix.isEmpty ? bound : prefix + bound.capitalized
            t.column(name + "Amount", .integer)
            t.column(name + "Multiple", .integer)
        }
    }

    /// Tables keyed by a case id or (case, position) are WITHOUT ROWID: one B-tree per table, clustered
    /// by case, instead of a rowid tree plus an index on the key: fewer writes on import, contiguous reads.
    private static func createCases(_ db: Database) throws {
        try db.create(table: "enforcementCase", options: [.withoutRowID]) { t in
            t.primaryKey("id", .text)
            t.column("agency", .text).notNull().indexed().references("agency", onDelete: .restrict)
            t.column("type", .text).notNull()
            t.column("procedure", .text).notNull()
            t.column("declaredMajor", .boolean).notNull()
            t.column("hasMatter", .boolean).notNull()
            t.column("matterItem", .text)
            t.column("matterViolationDate", .text)
            t.column("matterText", .text)
            // Denormalised from the decision event for listing and filtering without joins.
            t.column("decisionDate", .text).indexed()
            t.column("decisionNumber", .text)
            t.column("version", .integer).notNull()
            t.column("importedAt", .text).notNull()
            t.column("sourceFile", .text)
            t.column("contentHash", .text).notNull()
        }
        try db.create(table: "party", options: [.withoutRowID]) { t in
            t.column("caseId", .text).notNull().references("enforcementCase", onDelete: .cascade)
            t.column("position", .integer).notNull()
            t.column("kind", .text).notNull()
            t.column("name", .text).notNull()
            t.column("creditCode", .text)
            t.column("idNumber", .text)
            t.column("firstOffence", .boolean).notNull()
            t.column("corrected", .boolean).notNull()
            t.column("harm", .boolean).notNull()
            t.primaryKey(["caseId", "position"])
        }
        try db.create(table: "event") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("caseId", .text).notNull().indexed().references("enforcementCase", onDelete: .cascade)
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
        }
        try db.create(table: "eventOfficer", options: [.withoutRowID]) { t in
            t.column("eventId", .integer).notNull().references("event", onDelete: .cascade)
            t.column("position", .integer).notNull()
            // Not a foreign key: an unknown officer is kept as written for the audit to flag.
            t.column("officerId", .text).notNull().indexed()
            t.primaryKey(["eventId", "position"])
        }
        try db.create(table: "record") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("eventId", .integer).notNull().indexed().references("event", onDelete: .cascade)
            t.column("position", .integer).notNull()
            t.column("kind", .text).notNull()
            t.column("title", .text).notNull()
            t.column("file", .text)
            t.column("sha256", .text)
            t.column("start", .text)
            t.column("end", .text)
            t.column("evidence", .text).notNull()
        }
        try db.create(table: "outcome", options: [.withoutRowID]) { t in
            t.primaryKey("caseId", .text).references("enforcementCase", onDelete: .cascade)
            t.column("discretionLevel", .text)
            t.column("discretionReason", .text)
            t.column("grantResult", .text)
        }
        try db.create(table: "penalty", options: [.withoutRowID]) { t in
            t.column("caseId", .text).notNull().references("enforcementCase", onDelete: .cascade)
            t.column("position", .integer).notNull()
            t.column("kind", .text).notNull()
            t.column("amount", .integer)
            t.primaryKey(["caseId", "position"])
        }
        try db.create(table: "baseAmount", options: [.withoutRowID]) { t in
            t.column("caseId", .text).notNull().references("enforcementCase", onDelete: .cascade)
            t.column("position", .integer).notNull()
            t.column("name", .text).notNull()
            t.column("amount", .integer).notNull()
            t.primaryKey(["caseId", "position"])
        }
        try db.create(table: "disclosure", options: [.withoutRowID]) { t in
            t.primaryKey("caseId", .text).references("enforcementCase", onDelete: .cascade)
            t.column("date", .text)
            t.column("platform", .text)
            t.column("url", .text)
            t.column("withdrawn", .text)
            t.column("exempt", .text)
            t.column("text", .text)
        }
        try db.create(table: "caseHistory") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("caseId", .text).notNull().indexed()
            t.column("version", .integer).notNull()
            t.column("replacedAt", .text).notNull()
            t.column("sourceFile", .text)
            t.column("contentHash", .text).notNull()
            t.column("xml", .text).notNull()
        }
    }

    private static func createJournal(_ db: Database) throws {
        try db.create(table: "journal") { t in
            t.primaryKey("seq", .integer)
            t.column("at", .text).notNull()
            t.column("actor", .text).notNull()
            t.column("action", .text).notNull()
            t.column("subject", .text).notNull().indexed()
            t.column("contentHash", .text)
            t.column("detail", .text).notNull()
            t.column("prevHash", .text).notNull()
            t.column("hash", .text).notNull()
        }
        // Append-only at the SQL level too; `zhifa verify` still catches anyone who drops these.
        try db.execute(
            sql: """
                CREATE TRIGGER journalNoUpdate BEFORE UPDATE ON journal
                BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
                CREATE TRIGGER journalNoDelete BEFORE DELETE ON journal
                BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
                """)
    }
}
