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

        /// The condition on `column`. A list is SQLite's `IN (?, …)`, and PostgreSQL's one array
        /// (`= ANY`), which the server parses and binds once, where a batch's hundred-odd
        /// parameters in each of its seven queries were parsed and bound one by one.
        func predicate(_ column: String, on kind: SQLBackendKind) -> String {
            switch (self, kind) {
            case (.range, _): "\(column) BETWEEN ? AND ?"
            case (.list, .postgres): "\(column) = ANY(CAST(? AS TEXT[]))"
            case (.list(let ids), .sqlite): "\(column) IN (" + Array(repeating: "?", count: ids.count).joined(separator: ", ") + ")"
            }
        }

        func arguments(on kind: SQLBackendKind) -> SQLArguments {
            switch (self, kind) {
            case (.range(let first, let last), _): [first, last]
            case (.list(let ids), .postgres): [PostgresArrayLiteral.text(ids)]
            case (.list(let ids), .sqlite): ids.map { $0 as (any DatabaseValueConvertible)? }
            }
        }
    }

    /// The cases whose ids lie in `first...last` and are in `wanted`, in id order.
    static func load(first: String, last: String, wanted: Set<String>, from db: any SQLConnection) async throws -> [EnforcementCase] {
        try await load(.range(first: first, last: last), wanted: wanted, from: db)
    }

    /// The cases `ids` selects that are in `wanted`, in id order.
    ///
    /// Every query names its columns and reads them by position and type (`PositionalRow`), and
    /// the rows of a case's tables come in the order of the case ids, so they are matched to their
    /// case by walking alongside it rather than through dictionaries keyed by id. A value of the
    /// wrong type (text in a date column, NULL where the schema says NOT NULL) is an error for this
    /// batch, which the caller reads again case by case; never a trap.
    static func load(_ ids: Ids, wanted: Set<String>, from db: any SQLConnection) async throws -> [EnforcementCase] {
        var versions: [String: Int] = [:]
        return try await load(ids, wanted: wanted, versions: &versions, from: db)
    }

    /// The same, with the stored version of every case `ids` selects (wanted or not) read from
    /// the same rows: the audits' batches keep them.
    static func load(_ ids: Ids, wanted: Set<String>, versions: inout [String: Int], from db: any SQLConnection) async throws
        -> [EnforcementCase]
    {
        let arguments = ids.arguments(on: db.kind)
        let byCase = ids.predicate("caseId", on: db.kind)
        // Every query of the batch is made before any is read (`SQLConnection.ahead`): on
        // PostgreSQL the server answers each while the rows of those before are read here.
        typealias P = PartyColumn
        typealias O = EventOfficerColumn
        typealias R = RecordColumn
        typealias E = EventColumn
        typealias F = PenaltyColumn
        typealias B = BaseAmountColumn
        typealias U = OutcomeColumn
        typealias D = DisclosureColumn
        typealias C = CaseColumn
        // `+position`: the cases' range walks the primary key; SQLite would otherwise take the
        // index of names (v20) for `position = 0` and read every case's party for each batch.
        let partyQuery = db.aheadRows(P.self, "FROM party WHERE \(byCase) AND +position = 0", orderedBy: "caseId", arguments)
        // The events are read first, and their officers and records asked for by the events' ids:
        // an import numbers a case's events one after another, and the cases of a file after one
        // another, so a batch's events make a few runs of consecutive ids (`EventRuns`), each read
        // by one descent and a walk along the table's key, where a join through the events
        // descended it once for every event (docs/performance.md).
        let onPostgres = db.kind == .postgres
        // PostgreSQL cannot estimate a join on ranges: it costs the runs' queries as if each run
        // held a fifth of the table, far above `jit_above_cost`, and compiles them each time
        // (ten times as long as they take to run). Off for this transaction only.
        let noCompiling = onPostgres ? db.ahead("SET LOCAL jit = off", []) : nil
        let eventQuery = db.aheadRows(E.self, "FROM event WHERE \(byCase)", orderedBy: "caseId", inArraysBy: "caseId", arguments)
        let penaltyQuery = db.aheadRows(F.self, "FROM penalty WHERE \(byCase)", orderedBy: "caseId, position", arguments)
        let baseQuery = db.aheadRows(B.self, "FROM baseAmount WHERE \(byCase)", orderedBy: "caseId, position", arguments)
        let outcomeQuery = db.aheadRows(U.self, "FROM outcome WHERE \(byCase)", orderedBy: "caseId", arguments)
        let disclosureQuery = db.aheadRows(D.self, "FROM disclosure WHERE \(byCase)", orderedBy: "caseId", arguments)
        let caseQuery = db.aheadRows(C.self, "FROM enforcementCase WHERE \(ids.predicate("id", on: db.kind))", orderedBy: "id", arguments)

        // Each query selects its table's columns in their order (`CaseColumns.swift`) and reads
        // each value at its column's position.
        var parties = CaseOrdered<Party>()
        try await db.forEachPositional(partyQuery) { r in
            parties.append(
                try parties.key(r, P.caseId.rawValue),
                Party(
                    kind: try r.value(required: P.kind.rawValue, in: Raw.partyKind), name: try r.text(required: P.name.rawValue),
                    creditCode: try r.text(P.creditCode.rawValue), idNumber: try r.text(P.idNumber.rawValue),
                    firstOffence: try r.bool(required: P.firstOffence.rawValue), corrected: try r.bool(required: P.corrected.rawValue),
                    harm: try r.bool(required: P.harm.rawValue)))
        }
        // The rows of an event's officers and records, and of a case's events, are put in order
        // here (`Positioned`) rather than by ORDER BY: SQLite's tables are keyed by case and
        // position (v11) and yield them in order, but PostgreSQL's indexes yield them grouped, in
        // no order it promises, and a sort of every row cost more than reading them.
        var events = CaseOrdered<Event>()
        // The id of each event in `events`, in the same places.
        var eventIds = CaseOrdered<Int64>()
        if let noCompiling { try await db.forEachPositional(noCompiling) { _ in } }
        var runs = EventRuns()
        try await db.forEachPositional(eventQuery) { r in
            let key = try events.key(r, E.caseId.rawValue)
            let id = try r.integer(required: E.id.rawValue)
            let position = try r.integer(required: E.position.rawValue)
            events.append(key, try event(r), at: position)
            eventIds.append(key, id, at: position)
            runs.append(id)
        }
        let officerQueries = onPostgres ? [runs.query(O.self, as: "eo", on: db)] : runs.sqliteQueries(O.self, as: "eo", on: db)
        let recordQueries = onPostgres ? [runs.query(R.self, as: "r", on: db)] : runs.sqliteQueries(R.self, as: "r", on: db)
        // Room for a batch's events at once (a case has some seven), not grown by doubling.
        var officers: [Int64: Positioned<String>] = Dictionary(minimumCapacity: wanted.count * 8)
        for query in officerQueries {
            try await db.forEachPositional(query) { r in
                officers[try r.integer(required: O.eventId.rawValue), default: Positioned()].append(
                    try r.integer(required: O.position.rawValue), try r.text(required: O.officerId.rawValue))
            }
        }
        var records: [Int64: Positioned<CaseModel.Record>] = Dictionary(minimumCapacity: wanted.count * 8)
        for query in recordQueries {
            try await db.forEachPositional(query) { r in
                records[try r.integer(required: R.eventId.rawValue), default: Positioned()].append(
                    try r.integer(required: R.position.rawValue),
                    CaseModel.Record(
                        kind: try r.value(required: R.kind.rawValue, in: Raw.recordKind), title: try r.text(required: R.title.rawValue),
                        file: try r.text(R.file.rawValue), sha256: try r.text(R.sha256.rawValue), start: try r.text(R.start.rawValue),
                        end: try r.text(R.end.rawValue), evidence: try r.value(required: R.evidence.rawValue, in: Raw.evidence)))
            }
        }
        var penalties = CaseOrdered<Penalty>()
        try await db.forEachPositional(penaltyQuery) { r in
            penalties.append(
                try penalties.key(r, F.caseId.rawValue),
                Penalty(kind: try r.value(required: F.kind.rawValue, in: Raw.penaltyKind), amount: try r.money(F.amount.rawValue)))
        }
        var bases = CaseOrdered<BaseAmount>()
        try await db.forEachPositional(baseQuery) { r in
            bases.append(
                try bases.key(r, B.caseId.rawValue),
                BaseAmount(name: try r.text(required: B.name.rawValue), amount: Money(fen: try r.integer(required: B.amount.rawValue))))
        }
        var outcomes = CaseOrdered<(level: String?, reason: String?, grant: GrantResult?)>()
        try await db.forEachPositional(outcomeQuery) { r in
            outcomes.append(
                try outcomes.key(r, U.caseId.rawValue),
                (
                    try r.text(U.discretionLevel.rawValue), try r.text(U.discretionReason.rawValue),
                    try r.value(U.grantResult.rawValue, in: Raw.grantResult)
                ))
        }
        var disclosures = CaseOrdered<Disclosure>()
        try await db.forEachPositional(disclosureQuery) { r in
            disclosures.append(
                try disclosures.key(r, D.caseId.rawValue),
                Disclosure(
                    date: try r.date(D.date.rawValue), platform: try r.text(D.platform.rawValue), url: try r.text(D.url.rawValue),
                    withdrawn: try r.date(D.withdrawn.rawValue), exempt: try r.text(D.exempt.rawValue), text: try r.text(D.text.rawValue)))
        }
        var cases: [EnforcementCase] = []
        try await db.forEachPositional(caseQuery) { r in
            let id = try r.text(required: C.id.rawValue)
            versions[id] = try r.int(required: C.version.rawValue)
            // Every table's rows of this case, and of no case before it, whether or not it is wanted.
            let party = parties.take(id).first
            let casePenalties = penalties.take(id)
            var caseEvents = events.take(id)
            for (index, eventId) in zip(caseEvents.indices, eventIds.take(id)) {
                caseEvents[index].officers = officers[eventId]?.values ?? []
                caseEvents[index].records = records[eventId]?.values ?? []
            }
            let caseBases = bases.take(id)
            let outcome = outcomes.take(id).first
            let disclosure = disclosures.take(id).first
            guard wanted.contains(id) else { return }
            guard let party else { throw StoreError.corrupt("case \(id) has no party row") }
            cases.append(
                EnforcementCase(
                    id: id, agency: try r.text(required: C.agency.rawValue), type: try r.value(required: C.type.rawValue, in: Raw.caseType),
                    procedure: try r.value(required: C.procedure.rawValue, in: Raw.procedure),
                    declaredMajor: try r.bool(required: C.declaredMajor.rawValue), party: party,
                    matter: try r.bool(required: C.hasMatter.rawValue)
                        ? Matter(
                            item: try r.text(C.matterItem.rawValue), violationDate: try r.date(C.matterViolationDate.rawValue),
                            text: try r.text(C.matterText.rawValue) ?? "")
                        : nil,
                    events: caseEvents,
                    outcome: outcome.map { o in
                        Outcome(
                            penalties: casePenalties, bases: caseBases, discretion: o.level.map { Discretion(level: $0, reason: o.reason) },
                            grant: o.grant)
                    },
                    disclosure: disclosure, power: try r.text(C.power.rawValue)))
        }
        cases = try await PublishedLists.attach(cases, db)
        try await DocumentTexts.attach(to: &cases, db)
        return cases
    }

    /// An event from its row (`EventColumn`'s order), its officers and records added after.
    private static func event(_ r: PositionalRow) throws -> Event {
        typealias E = EventColumn
        return Event(
            kind: try r.value(required: E.kind.rawValue, in: Raw.eventKind), date: try r.date(required: E.date.rawValue),
            officers: [], until: try r.date(E.until.rawValue),
            hearingRights: try r.bool(E.hearingRights.rawValue), reviewer: try r.text(E.reviewer.rawValue),
            result: try r.value(E.result.rawValue, in: Raw.reviewResult), days: try r.int(E.days.rawValue),
            number: try r.text(E.number.rawValue), method: try r.value(E.method.rawValue, in: Raw.deliveryMethod),
            revokedBy: try r.value(E.revokedBy.rawValue, in: Raw.revokedBy), ruling: try r.value(E.ruling.rawValue, in: Raw.ruling),
            records: [], line: try r.int(required: E.line.rawValue))
    }
}

/// The enumerations the case tables store as text, each matched by its bytes.
private enum Raw {
    static let partyKind = RawValues<PartyKind>(), caseType = RawValues<CaseType>(), procedure = RawValues<Procedure>()
    static let eventKind = RawValues<EventKind>(), reviewResult = RawValues<ReviewResult>()
    static let deliveryMethod = RawValues<DeliveryMethod>(), revokedBy = RawValues<RevokedBy>(), ruling = RawValues<Ruling>()
    static let recordKind = RawValues<CaseModel.Record.Kind>(), evidence = RawValues<CaseModel.Record.Evidence>()
    static let penaltyKind = RawValues<PenaltyKind>(), grantResult = RawValues<GrantResult>()
}

/// A table's rows in the order of their case ids, handed out case by case as the cases are walked
/// in the same order (both orders are the store's byte order of ids). A case's rows are gathered
/// into one array as they arrive, so that handing them out copies no row (an `Event` is a dozen
/// fields, and a batch has thousands).
struct CaseOrdered<Value> {
    /// One per case that has rows, in order.
    private var keys: [String] = []
    private var groups: [Positioned<Value>] = []
    private var next = 0

    /// The row's case id, the same `String` as the previous row's when the bytes are equal (a
    /// case's rows come together), so that a case's many rows make one string, not one each.
    func key(_ row: PositionalRow, _ index: Int) throws -> String {
        try row.text(required: index, reusing: keys.last)
    }

    /// A row's value; `position` as stored, where the rows of a case may come in any order (by
    /// default each is the next).
    mutating func append(_ key: String, _ value: Value, at position: Int64? = nil) {
        if keys.last != key {
            keys.append(key)
            groups.append(Positioned())
        }
        let last = groups.count - 1
        groups[last].append(position ?? Int64(groups[last].count), value)
    }

    /// The values of case `id`; rows of ids before it (a case not walked) are passed over.
    mutating func take(_ id: String) -> [Value] {
        while next < keys.count, keys[next] != id, keys[next].utf8.lexicographicallyPrecedes(id.utf8) { next += 1 }
        guard next < keys.count, keys[next] == id else { return [] }
        defer { next += 1 }
        return groups[next].take()
    }
}

/// Values with their positions, arriving in any order (almost always the right one), handed out
/// in the order of their positions. The positions are kept only from the first that is not the
/// value's index (0, 1, 2, … as they are stored): a batch has thousands of events, each with its
/// officers and its records.
struct Positioned<Value> {
    private var unordered: [Value] = []
    /// nil while every position was its value's index.
    private var positions: [Int64]?

    var count: Int { unordered.count }

    mutating func append(_ position: Int64, _ value: Value) {
        if positions == nil, position != Int64(unordered.count) {
            positions = (0..<unordered.count).map { Int64($0) }
        }
        positions?.append(position)
        unordered.append(value)
    }

    var values: [Value] {
        guard let positions else { return unordered }
        return zip(positions, unordered).sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// The values, leaving none: the array returned is the only reference to its elements, so a
    /// caller changing them changes them in place.
    mutating func take() -> [Value] {
        let taken = values
        self = Positioned()
        return taken
    }
}
