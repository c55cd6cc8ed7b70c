/// The ids of a batch's events as runs of consecutive ids, by which PostgreSQL reads their
/// officers and records (`CaseBatchLoader`).
///
/// An event's officers and records are keyed by its id. Asked for a list of ids, PostgreSQL 15
/// descends the key's index once for every id; but an import numbers a case's events one after
/// another (`CaseRows.insertParts`), and the cases of a file after one another, so a batch's
/// events make a few runs of consecutive ids, each read by one descent and a walk along the index.
/// Every id of a run is an event of the batch, so no row of another case is read.
///
/// A run spans at most `maxSpan` ids: each run's rows come as one array (`query`), which this
/// bounds to what so many events may hold (1,000 events a case, 200 records an event: case.xsd).
struct EventRuns {
    private var ids: [Int64] = []

    /// The most ids a run spans.
    static let maxSpan: Int64 = 64

    mutating func append(_ id: Int64) { ids.append(id) }

    /// The runs, each its first and last id, in order; none when there is no id.
    var runs: [(first: Int64, last: Int64)] {
        var runs: [(first: Int64, last: Int64)] = []
        for id in ids.sorted() {
            // Sorted, so an id is its run's last or the one after it, or starts a run.
            if let run = runs.last, id == run.last || (run.last < .max && id == run.last + 1 && id - run.first < Self.maxSpan) {
                runs[runs.count - 1].last = id
            } else {
                runs.append((id, id))
            }
        }
        return runs
    }

    /// The rows of `Columns`' table (keyed by event id, under `alias`) of every run, made ahead
    /// on a PostgreSQL connection: one row a run, its rows aggregated into an array
    /// (`SQLConnection.aheadRows` says why), each run's read by one descent of the table's index.
    /// (Joined to the runs and grouped, the planner, which cannot estimate a join on ranges,
    /// sorted the whole table instead.)
    func query<Columns: CaseTableColumns>(_ columns: Columns.Type, as alias: String, on db: any SQLConnection) -> QueryAhead {
        let rows = "SELECT array_agg(ROW(\(columns.selectList(alias)))) FROM \(Columns.table) \(alias) WHERE \(alias).eventId BETWEEN run.lo AND run.hi"
        var query = db.ahead("SELECT (\(rows)) FROM \(Self.table)", arguments)
        query.names = Columns.names
        return query
    }

    /// What a query reads the runs from: one row `run(lo, hi)` a run, the bounds given as two
    /// array literals (`arguments`).
    static let table = "unnest(?::bigint[], ?::bigint[]) AS run(lo, hi)"

    /// The runs' first ids and last ids, as PostgreSQL's array literals (`{1,7,9}`).
    var arguments: SQLArguments {
        let runs = runs
        return [
            "{" + runs.map { String($0.first) }.joined(separator: ",") + "}",
            "{" + runs.map { String($0.last) }.joined(separator: ",") + "}"
        ]
    }
}
