/// The columns of one of the case tables, in the order both schemas store them: the one list
/// from which `CaseRows` inserts, `CaseBatchLoader` selects and reads each value by position
/// (`rawValue`), and the schema tests hold both databases' tables to (`CaseColumnsTests`).
/// Shipped migrations keep their own text: they never change.
protocol CaseTableColumns: CaseIterable, RawRepresentable where RawValue == Int, AllCases == [Self] {
    static var table: String { get }
    /// The names, in order (each enum keeps its own, computed once).
    static var names: [String] { get }
}

extension CaseTableColumns {
    static var columnNames: [String] { allCases.map { "\($0)" } }

    /// Every column, for `SELECT … FROM table alias`, in order.
    static func selectList(_ alias: String? = nil) -> String {
        names.map { (alias.map { $0 + "." } ?? "") + SQLName.quoted($0) }.joined(separator: ", ")
    }
}

enum CaseColumn: Int, CaseTableColumns {
    case id, agency, type, procedure, declaredMajor, hasMatter, matterItem, matterViolationDate, matterText, decisionDate,
        decisionNumber, version, importedAt, sourceFile, contentHash, power
    static let table = "enforcementCase"
    static let names = columnNames
}

enum PartyColumn: Int, CaseTableColumns {
    case caseId, position, kind, name, creditCode, idNumber, firstOffence, corrected, harm
    static let table = "party"
    static let names = columnNames
}

enum EventColumn: Int, CaseTableColumns {
    case id, caseId, position, kind, date, until, hearingRights, reviewer, result, days, number, method, revokedBy, line, ruling
    static let table = "event"
    static let names = columnNames
}

enum EventOfficerColumn: Int, CaseTableColumns {
    case eventId, position, officerId
    static let table = "eventOfficer"
    static let names = columnNames
}

enum RecordColumn: Int, CaseTableColumns {
    case eventId, position, kind, title, file, sha256, start, end, evidence
    static let table = "record"
    static let names = columnNames
}

enum OutcomeColumn: Int, CaseTableColumns {
    case caseId, discretionLevel, discretionReason, grantResult
    static let table = "outcome"
    static let names = columnNames
}

enum PenaltyColumn: Int, CaseTableColumns {
    case caseId, position, kind, amount
    static let table = "penalty"
    static let names = columnNames
}

enum BaseAmountColumn: Int, CaseTableColumns {
    case caseId, position, name, amount
    static let table = "baseAmount"
    static let names = columnNames
}

enum DisclosureColumn: Int, CaseTableColumns {
    case caseId, date, platform, url, withdrawn, exempt, text
    static let table = "disclosure"
    static let names = columnNames
}

extension SQLConnection {
    /// The most rows an array of them holds where no group bounds it (`aheadRows`).
    static var rowsAnArray: Int { 64 }

    /// `SELECT` of a case table's columns in their order from `from` (`FROM … WHERE …`), in the
    /// order of `order`, made ahead (`ahead`) to be read by position.
    ///
    /// On PostgreSQL the rows come aggregated (`array_agg(ROW(…))`): an array for each value of
    /// `group` in its order (its rows in no order), or without `group` an array of each
    /// `rowsAnArray` rows in `order`, which the client reads row by row from their bytes
    /// (`PostgresRecordRow`). Its handling of every row of an answer (a message decoded, a row
    /// value made, each cell's bytes retained and released) had cost more than the server's work
    /// for the batch reads' million small rows. An array is bounded all the same: the server
    /// sends each field of a record through a buffer of a kilobyte that it frees only when the
    /// row that holds the array has been sent (`record_send`), so one array of a batch's 6,250
    /// cases took 52–56 ms to send against 11–13 ms in arrays of 64 (docs/performance.md).
    /// `group` is the bound where a batch's rows have one of their own (a case's events; an
    /// event's records come by runs of event ids, `EventRuns.query`).
    func aheadRows<Columns: CaseTableColumns>(
        _ columns: Columns.Type, as alias: String? = nil, _ from: String, orderedBy order: String? = nil,
        inArraysBy group: String? = nil, _ arguments: SQLArguments
    ) -> QueryAhead {
        let list = columns.selectList(alias)
        let sql: String
        if kind == .postgres, let group {
            // A group's rows in the order the index yields them: a sort within each group cost a
            // sort a case (the reader puts a case's events in order by their position).
            sql = "SELECT array_agg(ROW(\(list))) \(from) GROUP BY \(group) ORDER BY \(group)"
        } else if kind == .postgres {
            let numbered = "SELECT ROW(\(list)) AS r, row_number() OVER (\(order.map { "ORDER BY \($0)" } ?? "")) - 1 AS n \(from)"
            let chunk = "n / \(Self.rowsAnArray)"
            sql = "SELECT array_agg(r ORDER BY n) FROM (\(numbered)) AS numbered GROUP BY \(chunk) ORDER BY \(chunk)"
        } else {
            sql = "SELECT \(list) \(from)" + (order.map { " ORDER BY \($0)" } ?? "")
        }
        var query = ahead(sql, arguments)
        query.names = Columns.names
        return query
    }

    /// Appends a row of a case table, its values in the order of `Columns` (`append(into:columns:row:)`).
    func append<Columns: CaseTableColumns>(into columns: Columns.Type, row: SQLArguments) async throws {
        try await append(into: Columns.table, columns: Columns.names, row: row)
    }
}
