import CaseModel
import GRDB

/// Loads many cases with one query per table over an id range, instead of several queries per case.
enum CaseBatchLoader {
    /// Which ids a batch's queries select: a range of the store's order (a whole store, an
    /// agency), or a list (cases scattered through the store, as an incremental audit leaves them),
    /// which would otherwise read every case between the first and the last.
    enum Ids {
        case range(first: String, last: String)
        case list([String])

        func predicate(_ column: String) -> String {
            switch self {
            case .range: "\(column) BETWEEN ? AND ?"
            case .list(let ids): "\(column) IN (" + Array(repeating: "?", count: ids.count).joined(separator: ", ") + ")"
            }
        }

        var arguments: SQLArguments {
            switch self {
            case .range(let first, let last): [first, last]
            case .list(let ids): ids.map { $0 as (any DatabaseValueConvertible)? }
            }
        }
    }

    /// The cases whose ids lie in `first...last` and are in `wanted`, in id order.
    static func load(first: String, last: String, wanted: Set<String>, from db: any SQLConnection) throws -> [EnforcementCase] {
        try load(.range(first: first, last: last), wanted: wanted, from: db)
    }

    /// The cases `ids` selects that are in `wanted`, in id order.
    static func load(_ ids: Ids, wanted: Set<String>, from db: any SQLConnection) throws -> [EnforcementCase] {
        let arguments = ids.arguments
        // On SQLite rows are walked as the statement yields them, each value read straight from
        // the statement; on PostgreSQL a batch's rows come in one answer rather than through a
        // cursor, which would cost a round trip per fetch.
        let checkEachRow = db.kind == .postgres
        func rows(_ sql: String, _ body: (BatchRow) throws -> Void) throws {
            let columns = ColumnIndexes(checkEachRow: checkEachRow)
            if db.kind == .postgres {
                for row in try db.fetchAll(sql, arguments) { try body(BatchRow(row: row, columns: columns)) }
            } else {
                try db.forEach(sql, arguments) { try body(BatchRow(row: $0, columns: columns)) }
            }
        }

        // Every column is decoded with a throwing accessor: a row changed by hand (text in a date
        // column, a NULL where the schema says NOT NULL) is an error for this case, never a trap.
        var parties: [String: Party] = [:]
        try rows("SELECT * FROM party WHERE \(ids.predicate("caseId")) AND position = 0") { r in
            parties[try r.value("caseId")] = Party(kind: try decode(try r.value("kind")), name: try r.value("name"), creditCode: try r.value("creditCode"), idNumber: try r.value("idNumber"),
                                         firstOffence: try r.value("firstOffence"), corrected: try r.value("corrected"), harm: try r.value("harm"))
        }
        var officers: [Int64: [String]] = [:]
        try rows("""
            SELECT eo.eventId, eo.officerId FROM eventOfficer eo JOIN event e ON e.id = eo.eventId
            WHERE \(ids.predicate("e.caseId")) ORDER BY eo.eventId, eo.position
            """) { r in officers[try r.value("eventId"), default: []].append(try r.value("officerId")) }
        var records: [Int64: [CaseModel.Record]] = [:]
        try rows("""
            SELECT r.* FROM record r JOIN event e ON e.id = r.eventId
            WHERE \(ids.predicate("e.caseId")) ORDER BY r.eventId, r.position
            """) { r in
            records[try r.value("eventId"), default: []].append(CaseModel.Record(kind: try decode(try r.value("kind")), title: try r.value("title"), file: try r.value("file"), sha256: try r.value("sha256"),
                                                             start: try r.value("start"), end: try r.value("end"), evidence: try decode(try r.value("evidence"))))
        }
        var events: [String: [Event]] = [:]
        try rows("SELECT * FROM event WHERE \(ids.predicate("caseId")) ORDER BY caseId, position") { r in
            let id: Int64 = try r.value("id")
            let result: String? = try r.value("result"), method: String? = try r.value("method"), revokedBy: String? = try r.value("revokedBy")
            events[try r.value("caseId"), default: []].append(Event(
                kind: try decode(try r.value("kind")), date: try r.value("date"), officers: officers[id] ?? [], until: try r.value("until"),
                hearingRights: try r.value("hearingRights"), reviewer: try r.value("reviewer"), result: try result.map(decode),
                days: try r.value("days"), number: try r.value("number"), method: try method.map(decode), revokedBy: try revokedBy.map(decode),
                records: records[id] ?? [], line: try r.value("line")))
        }
        var penalties: [String: [Penalty]] = [:]
        try rows("SELECT * FROM penalty WHERE \(ids.predicate("caseId")) ORDER BY caseId, position") { r in penalties[try r.value("caseId"), default: []].append(Penalty(kind: try decode(try r.value("kind")), amount: try r.value("amount"))) }
        var bases: [String: [BaseAmount]] = [:]
        try rows("SELECT * FROM baseAmount WHERE \(ids.predicate("caseId")) ORDER BY caseId, position") { r in bases[try r.value("caseId"), default: []].append(BaseAmount(name: try r.value("name"), amount: try r.value("amount"))) }
        var outcomes: [String: Outcome] = [:]
        try rows("SELECT * FROM outcome WHERE \(ids.predicate("caseId"))") { r in
            let id: String = try r.value("caseId"), level: String? = try r.value("discretionLevel"), grant: String? = try r.value("grantResult")
            let reason: String? = try r.value("discretionReason")
            outcomes[id] = Outcome(penalties: penalties[id] ?? [], bases: bases[id] ?? [],
                                   discretion: level.map { Discretion(level: $0, reason: reason) }, grant: try grant.map(decode))
        }
        var disclosures: [String: Disclosure] = [:]
        try rows("SELECT * FROM disclosure WHERE \(ids.predicate("caseId"))") { r in
            disclosures[try r.value("caseId")] = Disclosure(date: try r.value("date"), platform: try r.value("platform"), url: try r.value("url"), withdrawn: try r.value("withdrawn"),
                                                  exempt: try r.value("exempt"), text: try r.value("text"))
        }
        var cases: [EnforcementCase] = []
        try rows("SELECT * FROM enforcementCase WHERE \(ids.predicate("id")) ORDER BY id") { r in
            let id: String = try r.value("id")
            guard wanted.contains(id) else { return }
            guard let party = parties[id] else { throw StoreError.corrupt("case \(id) has no party row") }
            let hasMatter: Bool = try r.value("hasMatter")
            cases.append(EnforcementCase(
                id: id, agency: try r.value("agency"), type: try decode(try r.value("type")), procedure: try decode(try r.value("procedure")),
                declaredMajor: try r.value("declaredMajor"), party: party,
                matter: hasMatter ? Matter(item: try r.value("matterItem"), violationDate: try r.value("matterViolationDate"), text: try r.value("matterText") ?? "") : nil,
                events: events[id] ?? [], outcome: outcomes[id], disclosure: disclosures[id]))
        }
        return cases
    }

    private static func decode<T: RawRepresentable>(_ raw: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: raw) else { throw StoreError.corrupt("\"\(raw)\" is not a valid \(T.self)") }
        return value
    }
}

/// A column is found by name once per query, not once per value (GRDB's lookup by name
/// lowercases every name it passes). Rows read from PostgreSQL do not all list their columns in
/// the same order, so there the index found is checked against each row's name at that index.
private final class ColumnIndexes {
    private var found: [String: (index: Int, name: String)] = [:]
    private let checkEachRow: Bool

    init(checkEachRow: Bool) { self.checkEachRow = checkEachRow }

    func index(of column: String, in row: Row) throws -> Int {
        if let (index, name) = found[column] {
            if !checkEachRow { return index }
            let names = row.columnNames
            if index < names.count, names[names.index(names.startIndex, offsetBy: index)] == name { return index }
        }
        let names = row.columnNames
        let wanted = column.lowercased()
        guard let index = names.firstIndex(where: { $0.lowercased() == wanted }) else {
            throw StoreError.corrupt("a stored row has no column \(column)")
        }
        let offset = names.distance(from: names.startIndex, to: index)
        found[column] = (offset, names[index])
        return offset
    }
}

private struct BatchRow {
    let row: Row
    let columns: ColumnIndexes

    /// A column's value, or an error when the stored value is not of the type asked for.
    func value<Value: DatabaseValueConvertible>(_ column: String) throws -> Value {
        try row.decode(Value.self, atIndex: columns.index(of: column, in: row))
    }
}
