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
    ///
    /// Every query names its columns and reads them by position and type (`PositionalRow`), and
    /// the rows of a case's tables come in the order of the case ids, so they are matched to their
    /// case by walking alongside it rather than through dictionaries keyed by id. A value of the
    /// wrong type (text in a date column, NULL where the schema says NOT NULL) is an error for this
    /// batch, which the caller reads again case by case; never a trap.
    static func load(_ ids: Ids, wanted: Set<String>, from db: any SQLConnection) throws -> [EnforcementCase] {
        let arguments = ids.arguments
        func rows(_ sql: String, _ body: (PositionalRow) throws -> Void) throws {
            try db.forEachPositional(sql, arguments, body)
        }

        var parties = CaseOrdered<Party>()
        try rows(
            """
            SELECT caseId, kind, name, creditCode, idNumber, firstOffence, corrected, harm FROM party
            WHERE \(ids.predicate("caseId")) AND position = 0 ORDER BY caseId
            """
        ) { r in
            parties.append(
                try parties.key(r, 0),
                Party(
                    kind: try r.value(required: 1, in: Raw.partyKind), name: try r.text(required: 2), creditCode: try r.text(3),
                    idNumber: try r.text(4),
                    firstOffence: try r.bool(required: 5), corrected: try r.bool(required: 6), harm: try r.bool(required: 7)))
        }
        // The rows of an event's officers and records, and of a case's events, are put in order
        // here (`Positioned`) rather than by ORDER BY: SQLite's tables are keyed by case and
        // position (v11) and yield them in order, but PostgreSQL's indexes yield them grouped, in
        // no order it promises, and a sort of every row cost more than reading them.
        let eventScopes = try eventScopes(ids, db)
        var officers: [Int64: Positioned<String>] = [:]
        for scope in eventScopes {
            try db.forEachPositional(
                "SELECT eo.eventId, eo.position, eo.officerId FROM eventOfficer eo \(scope.clause("eo"))",
                scope.arguments
            ) { r in
                officers[try r.integer(required: 0), default: Positioned()].append(try r.integer(required: 1), try r.text(required: 2))
            }
        }
        var records: [Int64: Positioned<CaseModel.Record>] = [:]
        for scope in eventScopes {
            try db.forEachPositional(
                """
                SELECT r.eventId, r.position, r.kind, r.title, r.file, r.sha256, r.start, r."end", r.evidence FROM record r
                \(scope.clause("r"))
                """, scope.arguments
            ) { r in
                records[try r.integer(required: 0), default: Positioned()].append(
                    try r.integer(required: 1),
                    CaseModel.Record(
                        kind: try r.value(required: 2, in: Raw.recordKind), title: try r.text(required: 3), file: try r.text(4),
                        sha256: try r.text(5),
                        start: try r.text(6), end: try r.text(7), evidence: try r.value(required: 8, in: Raw.evidence)))
            }
        }
        var events = CaseOrdered<(position: Int64, event: Event)>()
        try rows(
            """
            SELECT caseId, id, position, kind, date, until, hearingRights, reviewer, result, days, number, method, revokedBy, line FROM event
            WHERE \(ids.predicate("caseId")) ORDER BY caseId
            """
        ) { r in
            let id = try r.integer(required: 1)
            events.append(
                try events.key(r, 0),
                (
                    try r.integer(required: 2),
                    Event(
                        kind: try r.value(required: 3, in: Raw.eventKind), date: try r.date(required: 4), officers: officers[id]?.values ?? [],
                        until: try r.date(5), hearingRights: try r.bool(6), reviewer: try r.text(7), result: try r.value(8, in: Raw.reviewResult),
                        days: try r.int(9), number: try r.text(10), method: try r.value(11, in: Raw.deliveryMethod),
                        revokedBy: try r.value(12, in: Raw.revokedBy), records: records[id]?.values ?? [], line: try r.int(required: 13))
                ))
        }
        var penalties = CaseOrdered<Penalty>()
        try rows("SELECT caseId, kind, amount FROM penalty WHERE \(ids.predicate("caseId")) ORDER BY caseId, position") { r in
            penalties.append(try penalties.key(r, 0), Penalty(kind: try r.value(required: 1, in: Raw.penaltyKind), amount: try r.money(2)))
        }
        var bases = CaseOrdered<BaseAmount>()
        try rows("SELECT caseId, name, amount FROM baseAmount WHERE \(ids.predicate("caseId")) ORDER BY caseId, position") { r in
            bases.append(try bases.key(r, 0), BaseAmount(name: try r.text(required: 1), amount: Money(fen: try r.integer(required: 2))))
        }
        var outcomes = CaseOrdered<(level: String?, reason: String?, grant: GrantResult?)>()
        try rows("SELECT caseId, discretionLevel, discretionReason, grantResult FROM outcome WHERE \(ids.predicate("caseId")) ORDER BY caseId") { r in
            outcomes.append(try outcomes.key(r, 0), (try r.text(1), try r.text(2), try r.value(3, in: Raw.grantResult)))
        }
        var disclosures = CaseOrdered<Disclosure>()
        try rows(
            """
            SELECT caseId, date, platform, url, withdrawn, exempt, text FROM disclosure WHERE \(ids.predicate("caseId")) ORDER BY caseId
            """
        ) { r in
            disclosures.append(
                try disclosures.key(r, 0),
                Disclosure(
                    date: try r.date(1), platform: try r.text(2), url: try r.text(3), withdrawn: try r.date(4), exempt: try r.text(5), text: try r.text(6)))
        }
        var cases: [EnforcementCase] = []
        try rows(
            """
            SELECT id, agency, type, procedure, declaredMajor, hasMatter, matterItem, matterViolationDate, matterText FROM enforcementCase
            WHERE \(ids.predicate("id")) ORDER BY id
            """
        ) { r in
            let id = try r.text(required: 0)
            // Every table's rows of this case, and of no case before it, whether or not it is wanted.
            let party = parties.take(id).first
            let casePenalties = penalties.take(id)
            var caseEvents = Positioned<Event>()
            for (position, event) in events.take(id) { caseEvents.append(position, event) }
            let caseBases = bases.take(id)
            let outcome = outcomes.take(id).first
            let disclosure = disclosures.take(id).first
            guard wanted.contains(id) else { return }
            guard let party else { throw StoreError.corrupt("case \(id) has no party row") }
            cases.append(
                EnforcementCase(
                    id: id, agency: try r.text(required: 1), type: try r.value(required: 2, in: Raw.caseType),
                    procedure: try r.value(required: 3, in: Raw.procedure),
                    declaredMajor: try r.bool(required: 4), party: party,
                    matter: try r.bool(required: 5) ? Matter(item: try r.text(6), violationDate: try r.date(7), text: try r.text(8) ?? "") : nil,
                    events: caseEvents.values,
                    outcome: outcome.map { o in
                        Outcome(
                            penalties: casePenalties, bases: caseBases, discretion: o.level.map { Discretion(level: $0, reason: o.reason) },
                            grant: o.grant)
                    },
                    disclosure: disclosure))
        }
        return cases
    }

    /// How the queries of the batch's events' officers and records reach their rows: `clause(alias)`
    /// follows `FROM table alias`. Over a range, through the events (`JOIN event`), which both
    /// databases walk by case and look each event's rows up from. For cases scattered
    /// through the store PostgreSQL costs that join as a hash over the whole officer table, several
    /// times the cost of looking the rows up, so their events' ids are read
    /// first and the rows looked up by them, up to 4,000 ids a query (a batch's events, as a rule:
    /// PostgreSQL spends about 10 ms on each query of a list, whatever its length; both databases
    /// take far more parameters than that).
    private static func eventScopes(_ ids: Ids, _ db: any SQLConnection) throws
        -> [(clause: (String) -> String, arguments: SQLArguments)]
    {
        switch ids {
        case .range:
            return [({ "JOIN event e ON e.id = \($0).eventId WHERE \(ids.predicate("e.caseId"))" }, ids.arguments)]
        case .list:
            let eventIds = try db.fetchValues(Int64.self, "SELECT id FROM event WHERE \(ids.predicate("caseId"))", ids.arguments)
            return stride(from: 0, to: eventIds.count, by: 4000).map { start in
                let chunk = eventIds[start..<min(eventIds.count, start + 4000)]
                let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                return ({ "WHERE \($0).eventId IN (\(placeholders))" }, SQLArguments(chunk.map { $0 as (any DatabaseValueConvertible)? }))
            }
        }
    }
}

/// The enumerations the case tables store as text, each matched by its bytes.
private enum Raw {
    static let partyKind = RawValues<PartyKind>(), caseType = RawValues<CaseType>(), procedure = RawValues<Procedure>()
    static let eventKind = RawValues<EventKind>(), reviewResult = RawValues<ReviewResult>()
    static let deliveryMethod = RawValues<DeliveryMethod>(), revokedBy = RawValues<RevokedBy>()
    static let recordKind = RawValues<CaseModel.Record.Kind>(), evidence = RawValues<CaseModel.Record.Evidence>()
    static let penaltyKind = RawValues<PenaltyKind>(), grantResult = RawValues<GrantResult>()
}

/// A table's rows in the order of their case ids, handed out case by case as the cases are walked
/// in the same order (both orders are the store's byte order of ids).
struct CaseOrdered<Value> {
    private var keys: [String] = []
    private var values: [Value] = []
    private var next = 0

    /// The row's case id, the same `String` as the previous row's when the bytes are equal (a
    /// case's rows come together), so that a case's many rows make one string, not one each.
    func key(_ row: PositionalRow, _ index: Int) throws -> String {
        try row.text(required: index, reusing: keys.last)
    }

    mutating func append(_ key: String, _ value: Value) {
        keys.append(key)
        values.append(value)
    }

    /// The values of case `id`; rows of ids before it (a case not walked) are passed over.
    mutating func take(_ id: String) -> [Value] {
        while next < keys.count, keys[next] != id, keys[next].utf8.lexicographicallyPrecedes(id.utf8) { next += 1 }
        let start = next
        while next < keys.count, keys[next] == id { next += 1 }
        return Array(values[start..<next])
    }
}

/// Values with their positions, arriving in any order (almost always the right one), handed out
/// in the order of their positions.
struct Positioned<Value> {
    private var positions: [Int64] = []
    private var unordered: [Value] = []
    private var sorted = true

    mutating func append(_ position: Int64, _ value: Value) {
        if let last = positions.last, position < last { sorted = false }
        positions.append(position)
        unordered.append(value)
    }

    var values: [Value] {
        if sorted { return unordered }
        return zip(positions, unordered).sorted { $0.0 < $1.0 }.map(\.1)
    }
}
