import GRDB

/// A run's results counted by agency and grade, stored with the run when it completes (`auditTally`,
/// v10). A run's totals (`auditRunGrades`: the summary a nightly re-audit prints) are then a few
/// stored rows, where counting them from the results sorts every result by grade: a quarter of a
/// second at 100,000 cases, a fifth of an audit after a day's changes.
///
/// A run built on a base counts only what differs: its base's totals, less the base's results it
/// holds rows of itself, plus those rows. Scores are summed in thousandths of a point, as integers,
/// so that taking away is exact and the totals equal those counted afresh.
struct AuditTallies: Equatable {
    struct Key: Hashable {
        var agency: String
        var grade: String
    }

    struct Counts: Equatable {
        var cases = 0
        /// The scores' sum in thousandths of a point.
        var scoreMillis: Int64 = 0
        var vetoes = 0
        var failing = 0
    }

    var counts: [Key: Counts] = [:]

    /// The totals of run `runId`: stored when it completed, or counted from its rows for a run
    /// stored before v10.
    static func of(_ runId: Int64, _ db: any SQLConnection) async throws -> AuditTallies {
        try await stored(runId, db).asyncOr { try await count(RunRows.of(runId, db), db) }
    }

    /// Counts a run's totals from its rows: a run built on a base from the base's totals (a base
    /// has no base, so its totals are its own rows'), less the base's rows this run overrides, plus
    /// this run's own rows.
    static func count(_ rows: RunRows, _ db: any SQLConnection) async throws -> AuditTallies {
        let columns = "r.agency, r.grade, r.score, r.veto, r.failures"
        var tallies = AuditTallies()
        if let base = rows.baseRun {
            tallies = try await of(base, db)
            // From the run's own rows to the base's row of each case: a look-up per row it holds.
            switch db.kind {
            case .sqlite:
                // CROSS JOIN keeps SQLite to that order; left free, it walks every row of the base
                // and looks each up among the run's, which costs the whole base instead of the
                // run's rows.
                try await tallies.add(
                    """
                    SELECT \(columns) FROM auditResult o CROSS JOIN \(RunRows.keyColumns(db))
                    WHERE o.runId = ? AND r.runId = ? AND r.caseId = o.caseId
                    """, [rows.runId, base], sign: -1, db)
            case .postgres:
                // A look-up of the base's row for each of the run's own rows: the lateral subquery,
                // fenced by OFFSET 0, is planned alone, an equality on the whole primary key,
                // whatever the statistics say of either side. Joined plainly, on statistics taken
                // before the base was written (autovacuum analyzing the table, or a renewal that
                // failed), the planner took the base for a row or two and read all of it for each
                // of the run's rows. The run's ids bound a thousand a statement took three
                // statements and 15 ms of the server's for 2,435 rows.
                try await tallies.add(
                    """
                    SELECT \(columns) FROM auditResult o CROSS JOIN LATERAL (
                      SELECT b.agency, b.grade, b.score, b.veto, b.failures FROM auditResult b
                      WHERE b.runId = ? AND b.caseId = o.caseId OFFSET 0) AS r
                    WHERE o.runId = ?
                    """, [base, rows.runId], sign: -1, db)
            }
        }
        try await tallies.add("SELECT \(columns) FROM \(RunRows.keyColumns(db)) WHERE r.runId = ?", [rows.runId], sign: 1, db)
        return tallies
    }

    /// Adds (`sign` 1) or takes away (−1) the results `sql` selects: agency, grade, score, veto
    /// and failures, in that order. A score that is not a number of points (a row changed by hand)
    /// is reported as the corrupt value it is, never trapped on.
    ///
    /// The database groups equal results first and sends each group once with its count: a fresh
    /// run's 100,000 generated cases came as 92 groups, and each group's score is turned into
    /// thousandths here as each row's was (docs/performance.md).
    mutating func add(_ sql: String, _ arguments: SQLArguments, sign: Int, _ db: any SQLConnection) async throws {
        let grouped = """
            SELECT agency, grade, score, veto, failures > 0, COUNT(*) FROM (\(sql)) AS results
            GROUP BY agency, grade, score, veto, failures > 0
            """
        try await db.forEachPositional(grouped, arguments) { row in
            let key = Key(agency: try row.text(required: 0), grade: try row.text(required: 1))
            let score = try row.double(required: 2)
            // Scores lie between 0 and 100 points; the bound keeps every sum far inside Int64.
            guard score.isFinite, abs(score) <= 1_000_000 else { throw row.corrupt(2, "a score") }
            // A count beyond any store's results (a row changed by hand) is refused, as a score
            // beyond any checklist's is, so that no sum below can overflow.
            let cases = try row.integer(required: 5)
            let millis = Int64((score * 1000).rounded()).multipliedReportingOverflow(by: cases)
            guard cases > 0, cases <= Int64(Int32.max), !millis.overflow else { throw row.corrupt(5, "a count of results") }
            let signed = Int(cases) * sign
            var counts = self.counts[key, default: Counts()]
            counts.cases += signed
            counts.scoreMillis += Int64(sign) * millis.partialValue
            if try row.bool(required: 3) { counts.vetoes += signed }
            if try row.bool(required: 4) { counts.failing += signed }
            self.counts[key] = counts
        }
    }

    /// The totals stored for run `runId`; nil when none were (a run completed before v10).
    static func stored(_ runId: Int64, _ db: any SQLConnection) async throws -> AuditTallies? {
        var tallies = AuditTallies()
        try await db.forEachPositional(
            "SELECT agency, grade, cases, scoreMillis, vetoes, failing FROM auditTally WHERE runId = ?",
            [runId]
        ) { row in
            tallies.counts[Key(agency: try row.text(required: 0), grade: try row.text(required: 1))] =
                Counts(
                    cases: try row.int(required: 2), scoreMillis: try row.integer(required: 3),
                    vetoes: try row.int(required: 4), failing: try row.int(required: 5))
        }
        return tallies.counts.isEmpty ? nil : tallies
    }

    /// Stores these as run `runId`'s totals (the agencies and grades with cases).
    func store(as runId: Int64, _ db: any SQLConnection) async throws {
        let rows: [[DatabaseValue]] = counts.filter { $0.value.cases > 0 }.map { key, counts in
            [
                runId.databaseValue, key.agency.databaseValue, key.grade.databaseValue, counts.cases.databaseValue,
                counts.scoreMillis.databaseValue, counts.vetoes.databaseValue, counts.failing.databaseValue
            ]
        }
        guard !rows.isEmpty else { return }
        try await db.insertRows(
            into: "auditTally", columns: ["runId", "agency", "grade", "cases", "scoreMillis", "vetoes", "failing"],
            rows: rows)
    }

    /// The totals by grade, of every agency or of one, in the grades' byte order.
    func grades(agency: String?) -> [AuditGradeTally] {
        var byGrade: [String: Counts] = [:]
        for (key, counts) in self.counts where counts.cases > 0 && (agency == nil || key.agency == agency) {
            var sum = byGrade[key.grade, default: Counts()]
            sum.cases += counts.cases
            sum.scoreMillis += counts.scoreMillis
            sum.vetoes += counts.vetoes
            sum.failing += counts.failing
            byGrade[key.grade] = sum
        }
        return byGrade.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { grade, counts in
            AuditGradeTally(
                grade: grade, cases: counts.cases, scoreSum: Double(counts.scoreMillis) / 1000, vetoes: counts.vetoes,
                failing: counts.failing)
        }
    }
}

extension Schema {
    /// A complete run's totals by agency and grade (`AuditTallies`).
    static func createAuditTally(_ db: Database) throws {
        try db.create(table: "auditTally", options: [.withoutRowID]) { t in
            t.column("runId", .integer).notNull().references("auditRun", onDelete: .cascade)
            t.column("agency", .text).notNull()
            t.column("grade", .text).notNull()
            t.column("cases", .integer).notNull()
            t.column("scoreMillis", .integer).notNull()
            t.column("vetoes", .integer).notNull()
            t.column("failing", .integer).notNull()
            t.primaryKey(["runId", "agency", "grade"])
        }
    }
}
