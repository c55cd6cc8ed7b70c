import GRDB

/// What `copy(into:)` moved.
public struct StoreCopyCounts: Sendable, Equatable {
    public var cases: Int
    public var journalEntries: Int
    /// Rows of every table together.
    public var rows: Int
    /// The journal's head after the copy: the source's head, which `verify` on the copy prints too.
    public var head: JournalHead
}

extension CaseStore {
    /// Every table of the store, parents before children, each with the order that makes a copy
    /// deterministic. A new table must be added here, or `copy` leaves it behind
    /// (`StoreCopyTests` compares every table's row count).
    static let copiedTables: [(name: String, order: String, generatedID: Bool)] = [
        ("agency", "code", false), ("officer", "id", false), ("certificate", "id", true), ("training", "id", true),
        ("benchmarkSet", "id", true), ("benchmarkItem", "id", true), ("benchmarkTier", "id", true), ("benchmarkLevel", "id", true),
        ("enforcementCase", "id", false), ("party", "caseId, position", false), ("event", "caseId, position", false),
        ("eventOfficer", "eventId, position", false), ("record", "eventId, position", false), ("outcome", "caseId", false),
        ("penalty", "caseId, position", false), ("baseAmount", "caseId, position", false), ("disclosure", "caseId", false),
        ("caseHistory", "id", true), ("journal", "seq", false), ("manualScore", "id", true), ("auditRun", "id", true),
        ("auditResult", "runId, caseId", false), ("account", "name", false), ("evidenceUpload", "agency, sha256", false),
        ("auditPlan", "runId", false), ("auditWork", "runId, chunk", false), ("auditTally", "runId, agency, grade", false),
        ("campaign", "id", true), ("campaignCase", "campaignId, caseId", false), ("agencyPower", "agency, position", false),
        ("publishedList", "id", true), ("publishedRecord", "listId, row", false), ("documentText", "sha256", false),
        ("resultTemplate", "key", false)
    ]

    /// The web service's own state (`WebState.swift`, `Jobs.swift`) stays behind: a copy is a new
    /// store, which its service starts with no one signed in, a sign-in key of its own and no jobs.
    /// So do a large import's stages (`StagedImport`): their rows belong to no case yet.
    /// The due index (`openObligation`, with the decisions' figures, `caseFigure` and
    /// `decisionTally`, and the search index, `caseSearch` and SQLite's FTS5 `caseGrams`) and a run's figures (`runFigures`) are derived, and worked out again on first use.
    static let uncopiedTables = [
        "webSession", "loginFailure", "webSecret", "usedLoginToken", "job", "importStage", "stagedCase", "openObligation", "obligationIndexState",
        "runFigures", "caseFigure", "decisionTally", "caseSearch", "caseGrams", "caseGrams_data", "caseGrams_idx", "caseGrams_config",
        "caseGrams_docsize"
    ]

    /// The rows of `table` a copy takes: all but those of cases still being staged.
    static func copiedRows(of table: String) -> String {
        switch table {
        case "party", "event", "outcome", "penalty", "baseAmount", "disclosure":
            " WHERE caseId NOT IN (SELECT caseId FROM stagedCase)"
        case "eventOfficer", "record":
            " WHERE eventId NOT IN (SELECT e.id FROM event e JOIN stagedCase s ON s.caseId = e.caseId)"
        default:
            ""
        }
    }

    /// Copies every row of this store into `destination`, which must be empty, in one write
    /// transaction there and one read (a consistent snapshot) here. Rows keep their ids, so the
    /// journal, which names cases and runs, holds on the copy and `verify` passes there.
    public func copy(into destination: CaseStore) throws -> StoreCopyCounts {
        let counts = try destination.backend.bulkWriting { try copyRows(into: destination) }
        try? destination.renewCaseStatistics(afterWriting: counts.cases)
        return counts
    }

    private func copyRows(into destination: CaseStore) throws -> StoreCopyCounts {
        try read { source in
            try destination.write { target in
                for (table, _, _) in Self.copiedTables {
                    guard try await !target.exists("SELECT 1 FROM \(table) LIMIT 1", []) else { throw StoreError.copyTargetNotEmpty(table) }
                }
                // An empty PostgreSQL store is loaded as a restore loads: its case tables' indexes
                // and keys are made after their rows (`FirstLoad`).
                let setAside = target.kind == .postgres ? try await FirstLoad.setAside(target) : nil
                var rows = 0
                for (table, order, generatedID) in Self.copiedTables {
                    var columns: [String] = []
                    var pending: [[DatabaseValue]] = []
                    try await source.forEach("SELECT * FROM \(table)\(Self.copiedRows(of: table)) ORDER BY \(order)", []) { row in
                        if columns.isEmpty { columns = Array(row.columnNames) }
                        pending.append(
                            try columns.map { name in
                                guard row.hasColumn(name) else { throw StoreError.corrupt("\(table) row without \(name)") }
                                return row[name] as DatabaseValue
                            })
                        if pending.count == 1000 {
                            try await target.insertRows(into: table, columns: columns, rows: pending)
                            rows += pending.count
                            pending.removeAll(keepingCapacity: true)
                        }
                    }
                    try await target.insertRows(into: table, columns: columns, rows: pending)
                    rows += pending.count
                    if generatedID, target.kind == .postgres, let last = try await target.fetchValue(Int64.self, "SELECT MAX(id) FROM \(table)") {
                        // Ids were given, so the identity's sequence never moved: the next generated id follows the copied ones.
                        try await target.execute("ALTER TABLE \(table) ALTER COLUMN id RESTART WITH \(last + 1)")
                    }
                }
                if let setAside { try await FirstLoad.restore(setAside, target) }
                let head = try await target.fetchOne("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1")
                return await StoreCopyCounts(
                    cases: try target.fetchValue(Int.self, "SELECT COUNT(*) FROM enforcementCase") ?? 0,
                    journalEntries: try target.fetchValue(Int.self, "SELECT COUNT(*) FROM journal") ?? 0,
                    rows: rows,
                    head: head.map { JournalHead(seq: $0["seq"], hash: $0["hash"]) } ?? JournalHead(seq: 0, hash: JournalEntry.genesis))
            }
        }
    }
}
