import GRDB

/// The ids of a batch's events as runs of consecutive ids, by which their officers and records
/// are read (`CaseBatchLoader`).
///
/// An event's officers and records are keyed by its id. Asked for a list of ids, PostgreSQL 15
/// descends the key's index once for every id, and so does SQLite joined through the events; but
/// an import numbers a case's events one after another (`CaseRows.insertParts`), and the cases of
/// a file after one another, so a batch's events make a few runs of consecutive ids, each read by
/// one descent and a walk along the index.
/// Every id of a run is an event of the batch, so no row of another case is read.
///
/// On PostgreSQL a run spans at most `maxSpan` ids: each run's rows come as one array (`query`),
/// which this bounds to what so many events may hold (1,000 events a case, 200 records an event:
/// case.xsd). SQLite's rows come one by one, and its runs are as long as the ids run.
struct EventRuns {
    private var ids: [Int64] = []

    /// The most ids a run spans.
    static let maxSpan: Int64 = 64

    mutating func append(_ id: Int64) { ids.append(id) }

    /// The runs, each its first and last id, in order; none when there is no id.
    var runs: [(first: Int64, last: Int64)] { runs(spanning: Self.maxSpan) }

    /// The runs of at most `span` ids each.
    func runs(spanning span: Int64) -> [(first: Int64, last: Int64)] {
        var runs: [(first: Int64, last: Int64)] = []
        for id in ids.sorted() {
            // Sorted, so an id is its run's last or the one after it, or starts a run.
            if let run = runs.last, id == run.last || (run.last < .max && id == run.last + 1 && id - run.first < span) {
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

    /// The rows of `Columns`' table (keyed by event id, under `alias`) of every run, made on an
    /// SQLite connection: the runs as a table of bounds, walked first (`CROSS JOIN` keeps SQLite to
    /// that order), each run's rows read by one descent of the table's key and a walk along it.
    /// At most 2,000 runs a query, within SQLite's bound on a statement's arguments.
    func sqliteQueries<Columns: CaseTableColumns>(_ columns: Columns.Type, as alias: String, on db: any SQLConnection) -> [QueryAhead] {
        let runs = runs(spanning: .max)
        return stride(from: 0, to: runs.count, by: 2_000).map { start in
            let chunk = runs[start..<min(runs.count, start + 2_000)]
            let bounds = Array(repeating: "(?, ?)", count: chunk.count).joined(separator: ", ")
            return db.aheadRows(
                Columns.self, as: alias,
                "FROM (VALUES \(bounds)) AS run CROSS JOIN \(Columns.table) \(alias) ON \(alias).eventId BETWEEN run.column1 AND run.column2",
                SQLArguments(chunk.flatMap { [$0.first, $0.last] as [(any DatabaseValueConvertible)?] }))
        }
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
