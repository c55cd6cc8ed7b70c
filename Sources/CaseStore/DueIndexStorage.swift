import CaseXML
import GRDB
import WorkCalendar

/// An open obligation of a case as the due index keeps it (`openObligation`, v15): what 到期预警 and
/// the dashboard's overdue counts read a page of, instead of judging every case on each request.
/// The index is derived data, not journaled: the audit layer fills it (`DueIndex` in AuditRuns)
/// from the cases the journal names as changed since it was last brought up to date.
public struct IndexedObligation: Sendable, Equatable {
    public var caseId: String
    public var agency: String
    /// `DueObligation.Kind`'s raw value.
    public var kind: String
    public var deadline: CalendarDate
    /// The rule whose period the deadline is (`Deadline.rule`).
    public var rule: String

    public init(caseId: String, agency: String, kind: String, deadline: CalendarDate, rule: String) {
        self.caseId = caseId
        self.agency = agency
        self.kind = kind
        self.deadline = deadline
        self.rule = rule
    }
}

/// Which judgment of deadlines the index holds (`environment`: checklist, calendar and program)
/// and up to which journal entry its cases are those stored.
public struct DueIndexState: Sendable, Equatable {
    public var environment: String
    public var journalSeq: Int64

    public init(environment: String, journalSeq: Int64) {
        self.environment = environment
        self.journalSeq = journalSeq
    }
}

extension CaseStore {
    public func dueIndexState() throws -> DueIndexState? {
        try readPrimary { try await DueRepository(db: $0).state() }
    }

    /// The newest journal entry's number; 0 for an empty journal.
    public func journalHeadSeq() throws -> Int64 {
        try readPrimary { try await DueRepository(db: $0).journalHead() }
    }

    /// The ids of the cases stored or replaced by journal entries `after` … `through`, each once.
    public func casesChanged(after: Int64, through: Int64) throws -> [String] {
        try readPrimary { db in
            await Array(
                Set(
                    try db.fetchValues(
                        String.self, "SELECT subject FROM journal WHERE seq > ? AND seq <= ? AND action IN (?, ?)",
                        [after, through, JournalAction.caseImport.rawValue, JournalAction.caseReplace.rawValue]))
            ).sorted()
        }
    }

    /// Makes `rows` the whole of what the index holds for `caseIds` (a case among them without a
    /// row has no open obligation), `figures` their decisions' figures (`DecisionTally.swift`) and
    /// `documents` what a search finds them by (`SearchIndex.swift`), and, with `state`, records
    /// which judgment and journal entry the index now stands at, in the same transaction.
    public func replaceIndexEntries(
        of caseIds: [String], with rows: [IndexedObligation], figures: [CaseFigure] = [], documents: [SearchDocument] = [],
        state: DueIndexState? = nil
    ) throws {
        try writeOutsideJournal { db in
            try await DueRepository(db: db).replaceFigures(of: caseIds, with: figures)
            try await DueRepository(db: db).replaceSearchDocuments(of: caseIds, with: documents)
            for chunk in SQLInList.chunks(caseIds, size: 100) {
                try await db.execute("DELETE FROM openObligation WHERE caseId IN \(chunk.placeholders)", chunk.values)
            }
            // Two servers starting on one PostgreSQL store both fill the index; these writes take no
            // lock that orders them, so a row the other wrote meanwhile is replaced, not a conflict.
            for row in rows {
                try await db.execute(
                    """
                    INSERT INTO openObligation (caseId, agency, kind, deadline, rule) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (caseId, kind) DO UPDATE SET agency = excluded.agency, deadline = excluded.deadline, rule = excluded.rule
                    """, [row.caseId, row.agency, row.kind, row.deadline, row.rule])
            }
            if let state { try await Self.record(state, db) }
        }
    }

    /// `DueRepository.page`, in a transaction of its own.
    public func dueObligations(_ filter: DueIndexFilter, limit: Int = .max, offset: Int = 0) throws -> [IndexedObligation] {
        try read { try await DueRepository(db: $0).page(filter, limit: limit, offset: offset) }
    }

    /// `DueRepository.overdueByAgency`, in a transaction of its own.
    public func overdueObligationsByAgency(today: CalendarDate) throws -> [String: Int] {
        try read { try await DueRepository(db: $0).overdueByAgency(today: today) }
    }

    /// Forgets which judgment the index holds, the decisions' figures and the search documents, so that the next
    /// refresh judges every case again.
    public func forgetDueIndexState() throws {
        try writeOutsideJournal { db in
            try await db.execute("DELETE FROM obligationIndexState")
            try await DueRepository(db: db).forgetFigures()
            try await DueRepository(db: db).forgetSearchDocuments()
        }
    }

    private static func record(_ state: DueIndexState, _ db: any SQLConnection) async throws {
        try await db.execute(
            """
            INSERT INTO obligationIndexState (id, environment, journalSeq) VALUES (1, ?, ?)
            ON CONFLICT (id) DO UPDATE SET environment = excluded.environment, journalSeq = excluded.journalSeq
            """, [state.environment, state.journalSeq])
    }
}

/// What a due list asks of the index: obligations of one agency or all, of one kind or all, due by
/// `through` (inclusive), and overdue (their deadline before `today`) or not, or either.
public struct DueIndexFilter: Sendable {
    public var agency: String?
    public var kind: String?
    public var through: CalendarDate
    public var today: CalendarDate
    public var overdue: Bool?

    public init(agency: String? = nil, kind: String? = nil, through: CalendarDate, today: CalendarDate, overdue: Bool? = nil) {
        self.agency = agency
        self.kind = kind
        self.through = through
        self.today = today
        self.overdue = overdue
    }

    var clause: (sql: String, arguments: SQLArguments) {
        var conditions = ["deadline <= ?"]
        var arguments: SQLArguments = [through]
        if let agency {
            conditions.append("agency = ?")
            arguments.append(agency)
        }
        if let kind {
            conditions.append("kind = ?")
            arguments.append(kind)
        }
        switch overdue {
        case true?: conditions.append("deadline < ?")
        case false?: conditions.append("deadline >= ?")
        case nil: break
        }
        if overdue != nil { arguments.append(today) }
        return ("WHERE " + conditions.joined(separator: " AND "), arguments)
    }
}

/// The due index, read within one transaction (`StoreReader`).
public struct DueRepository {
    let db: any SQLConnection

    /// How many obligations the filter selects, counted in the deadline index.
    public func count(_ filter: DueIndexFilter) async throws -> Int {
        let (clause, arguments) = filter.clause
        return try await db.fetchValue(Int.self, "SELECT COUNT(*) FROM openObligation \(clause)", arguments) ?? 0
    }

    /// A page of the obligations the filter selects, soonest deadline first, then by case and kind.
    public func page(_ filter: DueIndexFilter, limit: Int, offset: Int) async throws -> [IndexedObligation] {
        let (clause, arguments) = filter.clause
        return try await db.fetchAll(
            "SELECT caseId, agency, kind, deadline, rule FROM openObligation \(clause) ORDER BY deadline, caseId, kind LIMIT ? OFFSET ?",
            arguments + [max(0, limit), max(0, offset)]
        ).map { IndexedObligation(caseId: $0["caseId"], agency: $0["agency"], kind: $0["kind"], deadline: $0["deadline"], rule: $0["rule"]) }
    }

    /// Obligations past their deadline on `today`, by agency.
    public func overdueByAgency(today: CalendarDate) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try await db.fetchAll("SELECT agency, COUNT(*) AS n FROM openObligation WHERE deadline < ? GROUP BY agency", [today]) {
            counts[row["agency"]] = row["n"]
        }
        return counts
    }

    /// Which judgment the index holds; nil before it was first built.
    public func state() async throws -> DueIndexState? {
        try await db.fetchOne("SELECT environment, journalSeq FROM obligationIndexState WHERE id = 1")
            .map { DueIndexState(environment: $0["environment"], journalSeq: $0["journalSeq"]) }
    }

    /// Whether the index holds the judgment `environment` of the cases as the journal's newest entry left them.
    public func isCurrent(environment: String) async throws -> Bool {
        guard let state = try await state(), state.environment == environment else { return false }
        return try await standsAtHead(state)
    }

    /// Whether what the index derives from each case alone (the decisions' figures, the search
    /// documents) holds every case as the journal's newest entry left them: whatever judgment of
    /// deadlines the index holds, its cases are those stored.
    func holdsCasesAsTheyStand() async throws -> Bool {
        guard let state = try await state() else { return false }
        return try await standsAtHead(state)
    }

    private func standsAtHead(_ state: DueIndexState) async throws -> Bool {
        await state.journalSeq == (try journalHead())
    }

    /// The newest journal entry's number, which the index is measured against; 0 for an empty journal.
    public func journalHead() async throws -> Int64 {
        try await db.fetchValue(Int64.self, "SELECT MAX(seq) FROM journal") ?? 0
    }
}

extension Schema {
    /// v15: the due index. Deadlines as `YYYY-MM-DD` text, as every date column holds them, which
    /// orders as the days do.
    static func createDueIndex(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE openObligation (
                  caseId TEXT NOT NULL, agency TEXT NOT NULL, kind TEXT NOT NULL, deadline TEXT NOT NULL, rule TEXT NOT NULL,
                  PRIMARY KEY (caseId, kind));
                CREATE INDEX openObligation_byDeadline ON openObligation (deadline, caseId, kind);
                CREATE INDEX openObligation_byAgency ON openObligation (agency, deadline, caseId, kind);
                CREATE TABLE obligationIndexState (id INTEGER PRIMARY KEY CHECK (id = 1), environment TEXT NOT NULL, journalSeq INTEGER NOT NULL);
                """)
    }
}
