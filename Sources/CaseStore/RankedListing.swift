import CaseModel
import GRDB
import WorkCalendar

/// A listing in the order of what was judged of each case, rather than of its columns: by the
/// score of the newest whole-store run (`byScore`) or by how late its most overdue obligation is
/// (`byLateness`, from the due index). Each reads through an index only the rows of the page asked
/// for, so that sorting a million cases costs what sorting a thousand does.
extension CaseRepository {
    /// A page of the cases judged by the latest complete run over the whole store under
    /// `environmentHash` (the one as of the latest day up to `today`; a run as of a past year's end,
    /// which the dashboard makes, does not displace it), that match `query`'s filters: lowest score
    /// first (what a reviewer looks at), cases in progress after the scored ones, then by id. Nil
    /// when no such run is stored. Cases stored after the run are not in this order until a run
    /// judges them.
    public func byScore(_ query: CaseQuery, environmentHash: String, today: CalendarDate) async throws -> RankedPage? {
        guard
            let run = try await db.fetchOne(
                """
                SELECT id, baseRun, asOf FROM auditRun WHERE environmentHash = ? AND complete = 1 AND coversStore = 1 AND asOf <= ?
                ORDER BY asOf DESC, id DESC LIMIT 1
                """, [environmentHash, today])
        else { return nil }
        let rows = RunRows(runId: run["id"], baseRun: run["baseRun"])
        let filter = CaseFilter(query)
        // Each part walks `auditResult_byStanding` in the page's order, and the parts are merged;
        // only a filter on the case itself reads its row.
        let joined = filter.conditions.isEmpty ? "" : "JOIN enforcementCase c ON c.id = r.caseId \(filter.partyJoin)"
        let ranked = rows.union(
            { condition in
                "SELECT r.caseId, \(Self.pending) AS pending, r.score FROM \(Self.standingIndex(db)) \(joined) WHERE \(condition)\(filter.and)"
            }, extra: filter.arguments)
        // ORDER BY on the compound itself, which both databases answer by merging the parts in order.
        let ids = try await db.fetchValues(
            String.self, "\(ranked.sql) ORDER BY pending, score, caseId LIMIT ? OFFSET ?",
            ranked.arguments + [max(0, query.limit), max(0, query.offset)])
        let total: Int
        var atLeast = false
        if query.type == nil && query.decidedFrom == nil && query.decidedTo == nil && query.searchText == nil {
            // The run's totals by agency, stored with it.
            total = try await AuditTallies.of(rows.runId, db).grades(agency: query.agency).reduce(0) { $0 + $1.cases }
        } else {
            (total, atLeast) = try await count(rowsOf: ranked.sql, ranked.arguments, upTo: query.textCountLimit)
        }
        return await RankedPage(
            page: CasePage(total: total, cases: try summaries(ids), totalIsAtLeast: atLeast), runId: rows.runId, asOf: run["asOf"])
    }

    /// A page of the cases matching `query`'s filters, the most overdue first (the earliest deadline
    /// past on `today` among a case's open obligations, as the due index holds them), then every
    /// other case by id. The due index must be current for the order to be today's. `kinds`: how
    /// many kinds of obligation a case can have open at once (`DueObligation.Kind`'s cases, which
    /// the audit layer defines; `openObligation`'s key is the case and the kind).
    public func byLateness(_ query: CaseQuery, today: CalendarDate, kinds: Int) async throws -> CasePage {
        let filter = CaseFilter(query)
        let (total, atLeast) = try await count(filter, textCountLimit: query.textCountLimit)
        let offset = max(0, query.offset)
        let limit = max(0, query.limit)
        // Walking the overdue obligations by deadline meets each case first at its earliest one;
        // a case has at most one obligation of each kind, so this many rows hold the page's cases
        // when there are that many, and the walk costs what the page's depth does.
        let wanted = offset + limit
        let (rows, overflow) = wanted.multipliedReportingOverflow(by: max(1, kinds))
        let rowLimit = overflow ? Int.max - 1 : rows
        let joined = filter.conditions.isEmpty ? "" : "JOIN enforcementCase c ON c.id = o.caseId \(filter.partyJoin)"
        let walked = try await db.fetchValues(
            String.self, "SELECT o.caseId FROM openObligation o \(joined) WHERE o.deadline < ?\(filter.and) ORDER BY o.deadline, o.caseId LIMIT ?",
            [today] + filter.arguments + [rowLimit + 1])
        var seen: Set<String> = []
        let late = walked.filter { seen.insert($0).inserted }
        var ids = Array(late.dropFirst(offset).prefix(limit))
        // Only a walk that reached the end knows how many cases are late, which the rest is counted after.
        let lateCount = walked.count <= rowLimit ? late.count : Int.max
        if ids.count < limit && lateCount != .max {
            // The rest by id, past those listed as late: an index walk that skips the few late ones.
            await ids += try db.fetchValues(
                String.self,
                """
                SELECT c.id FROM enforcementCase c \(filter.partyJoin)
                WHERE c.id NOT IN (SELECT o.caseId FROM openObligation o WHERE o.deadline < ?)\(filter.and) ORDER BY c.id LIMIT ? OFFSET ?
                """, [today] + filter.arguments + [limit - ids.count, max(0, offset - lateCount)])
        }
        return await CasePage(total: total, cases: try summaries(ids), totalIsAtLeast: atLeast)
    }

    /// 办理中 sorts after every scored case: the standing index's second column.
    static let pending = "(r.grade = '办理中')"

    /// The results as `r`, through the standing index on SQLite, whose planner otherwise prefers
    /// the primary key and sorts every row of the run.
    static func standingIndex(_ db: any SQLConnection) -> String {
        db.kind == .sqlite ? "auditResult r INDEXED BY auditResult_byStanding" : "auditResult r"
    }
}

/// A page ranked by a run's results, with the run it ranks by.
public struct RankedPage: Sendable, Equatable {
    public var page: CasePage
    public var runId: Int64
    public var asOf: CalendarDate
}

extension Schema {
    /// v18: a run's results in the order a listing by score shows them (`CaseRepository.byScore`).
    static func createStandingIndex(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX auditResult_byStanding ON auditResult (runId, (grade = '办理中'), score, caseId)")
    }
}
