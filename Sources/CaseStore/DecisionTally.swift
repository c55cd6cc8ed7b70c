import CaseModel
import GRDB
import WorkCalendar

/// What one decided case adds to the annual figures (`AnnualFigures`): its agency, the month of its
/// decision and its items (its case type, a license's grant or denial, its penalties by kind).
///
/// The store keeps each case's figure (`caseFigure`, v17) and their sums by agency, month and item
/// (`decisionTally`), so that a year's figures, or the year with most decisions, read a few hundred
/// rows instead of every case of the year. Like the due index they are derived data: `DueIndex`
/// replaces the figures of the cases the journal names as changed, and the sums change by the
/// difference, in the same transaction.
public struct CaseFigure: Sendable, Equatable {
    public var caseId: String
    public var agency: String
    /// `YYYY-MM` of the decision.
    public var month: String
    /// Item (`type:penalty`, `grant:granted`, `penalty:fine`) → what it adds.
    public var items: [String: TallyAmount]

    /// A case's figure; nil for a case without a decision, which no year counts.
    public init?(of c: EnforcementCase) {
        guard let date = c.decision?.date else { return nil }
        caseId = c.id
        agency = c.agency
        month = Self.month(of: date)
        items = ["type:" + c.type.rawValue: TallyAmount(count: 1)]
        if let grant = c.outcome?.grant { items["grant:" + grant.rawValue] = TallyAmount(count: 1) }
        for penalty in c.outcome?.penalties ?? [] {
            let added = TallyAmount(count: 1, amount: penalty.amount?.fen ?? 0, amounted: penalty.amount == nil ? 0 : 1)
            items["penalty:" + penalty.kind.rawValue, default: TallyAmount()].add(added, sign: 1)
        }
    }

    init(caseId: String, agency: String, month: String, encoded: String) {
        self.caseId = caseId
        self.agency = agency
        self.month = month
        items = [:]
        for part in encoded.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            let numbers = pair.count == 2 ? pair[1].split(separator: ",").compactMap { Int64($0) } : []
            guard numbers.count == 3 else { continue }
            items[String(pair[0])] = TallyAmount(count: numbers[0], amount: numbers[1], amounted: numbers[2])
        }
    }

    /// The items as `caseFigure.items` keeps them: `item=count,amount,amounted` joined by `;`
    /// (raw values hold none of these characters).
    var encoded: String {
        items.keys.sorted().map { key in
            let value = items[key] ?? TallyAmount()
            return "\(key)=\(value.count),\(value.amount),\(value.amounted)"
        }.joined(separator: ";")
    }

    static func month(of date: CalendarDate) -> String { String(date.description.prefix(7)) }
}

/// How many of an item, and for penalties their amounts in fen together and how many named one.
/// Sums saturate rather than overflow: a hostile file's amounts cannot stop the index.
public struct TallyAmount: Sendable, Equatable {
    public var count: Int64 = 0
    public var amount: Int64 = 0
    public var amounted: Int64 = 0

    public init(count: Int64 = 0, amount: Int64 = 0, amounted: Int64 = 0) {
        self.count = count
        self.amount = amount
        self.amounted = amounted
    }

    mutating func add(_ other: TallyAmount, sign: Int64) {
        count = Self.saturating(count, other.count, sign)
        amount = Self.saturating(amount, other.amount, sign)
        amounted = Self.saturating(amounted, other.amounted, sign)
    }

    private static func saturating(_ a: Int64, _ b: Int64, _ sign: Int64) -> Int64 {
        let (product, productOverflow) = b.multipliedReportingOverflow(by: sign)
        let (sum, overflow) = a.addingReportingOverflow(product)
        if productOverflow || overflow { return (b < 0) == (sign < 0) ? .max : .min }
        return sum
    }
}

extension DueRepository {
    /// Each agency's figures for decisions dated in `year`, summed from `decisionTally`.
    func annualFigures(year: Int) async throws -> [String: AnnualFigures] {
        var figures: [String: AnnualFigures] = [:]
        var sums: [String: [String: TallyAmount]] = [:]
        try await db.forEach(
            "SELECT agency, item, count, amount, amounted FROM decisionTally WHERE month >= ? AND month <= ?",
            [String(format: "%04d-01", year), String(format: "%04d-12", year)]
        ) { row in
            let agency: String = row["agency"]
            let item: String = row["item"]
            sums[agency, default: [:]][item, default: TallyAmount()]
                .add(TallyAmount(count: row["count"], amount: row["amount"], amounted: row["amounted"]), sign: 1)
        }
        for (agency, items) in sums {
            var current = AnnualFigures(agency: agency)
            var any = false
            for (item, sum) in items where sum.count > 0 {
                any = true
                let count = Int(clamping: sum.count)
                let parts = item.split(separator: ":", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { continue }
                switch parts[0] {
                case "type": if let type = CaseType(rawValue: parts[1]) { current.decisions[type, default: 0] += count }
                case "grant":
                    switch GrantResult(rawValue: parts[1]) {
                    case .granted?: current.licensesGranted += count
                    case .denied?: current.licensesDenied += count
                    case nil: break
                    }
                case "penalty":
                    if let kind = PenaltyKind(rawValue: parts[1]) {
                        current.penalties[kind] = count
                        if sum.amounted > 0 { current.penaltyAmounts[kind] = Money(fen: sum.amount) }
                    }
                default: break
                }
            }
            if any { figures[agency] = current }
        }
        return figures
    }

    /// The year through `year` with the most decisions (the later one on a tie), from the sums.
    func busiestDecisionYear(through year: Int) async throws -> Int? {
        var byYear: [Int: TallyAmount] = [:]
        try await db.forEach(
            "SELECT month, count FROM decisionTally WHERE month <= ? AND item LIKE 'type:%'", [String(format: "%04d-12", year)]
        ) { row in
            let month: String = row["month"]
            guard let year = Int(month.prefix(4)) else { return }
            byYear[year, default: TallyAmount()].add(TallyAmount(count: row["count"]), sign: 1)
        }
        return byYear.filter { $0.value.count > 0 }.max { ($0.value.count, $0.key) < ($1.value.count, $1.key) }?.key
    }

    /// Makes `figures` the figures of `caseIds` (a case among them without one has no decision, or
    /// is gone) and changes the sums by the difference.
    func replaceFigures(of caseIds: [String], with figures: [CaseFigure]) async throws {
        // The sums change by differences, which two servers refreshing at once must not both
        // apply: on PostgreSQL the second waits here for the first to commit, then reads the
        // figures the first wrote (SQLite has one writer anyway).
        if db.kind == .postgres { try await db.execute("LOCK TABLE decisionTally IN SHARE ROW EXCLUSIVE MODE") }
        var delta: [TallyKey: TallyAmount] = [:]
        for chunk in SQLInList.chunks(caseIds, size: 100) {
            try await db.forEach("SELECT caseId, agency, month, items FROM caseFigure WHERE caseId IN \(chunk.placeholders)", chunk.values) { row in
                let old = CaseFigure(caseId: row["caseId"], agency: row["agency"], month: row["month"], encoded: row["items"])
                for (item, amount) in old.items {
                    delta[TallyKey(agency: old.agency, month: old.month, item: item), default: TallyAmount()].add(amount, sign: -1)
                }
            }
            try await db.execute("DELETE FROM caseFigure WHERE caseId IN \(chunk.placeholders)", chunk.values)
        }
        for figure in figures {
            for (item, amount) in figure.items {
                delta[TallyKey(agency: figure.agency, month: figure.month, item: item), default: TallyAmount()].add(amount, sign: 1)
            }
            try await db.execute(
                """
                INSERT INTO caseFigure (caseId, agency, month, items) VALUES (?, ?, ?, ?)
                ON CONFLICT (caseId) DO UPDATE SET agency = excluded.agency, month = excluded.month, items = excluded.items
                """, [figure.caseId, figure.agency, figure.month, figure.encoded])
        }
        // Summed here rather than in SQL, where an overflow would fail every later refresh.
        for (key, change) in delta where change != TallyAmount() {
            let arguments: SQLArguments = [key.agency, key.month, key.item]
            var sum = TallyAmount()
            if let row = try await db.fetchOne("SELECT count, amount, amounted FROM decisionTally WHERE agency = ? AND month = ? AND item = ?", arguments) {
                sum = TallyAmount(count: row["count"], amount: row["amount"], amounted: row["amounted"])
            }
            sum.add(change, sign: 1)
            try await db.execute(
                """
                INSERT INTO decisionTally (agency, month, item, count, amount, amounted) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (agency, month, item) DO UPDATE SET count = excluded.count, amount = excluded.amount, amounted = excluded.amounted
                """, arguments + [sum.count, sum.amount, sum.amounted])
        }
    }

    /// Forgets every figure, before the whole index is judged again.
    func forgetFigures() async throws {
        if db.kind == .postgres { try await db.execute("LOCK TABLE decisionTally IN SHARE ROW EXCLUSIVE MODE") }
        try await db.execute("DELETE FROM caseFigure")
        try await db.execute("DELETE FROM decisionTally")
    }
}

private struct TallyKey: Hashable {
    var agency: String
    var month: String
    var item: String
}

extension Schema {
    /// v17: each decided case's figure and their sums by agency, month and item.
    static func createDecisionTally(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE caseFigure (caseId TEXT PRIMARY KEY, agency TEXT NOT NULL, month TEXT NOT NULL, items TEXT NOT NULL);
                CREATE TABLE decisionTally (
                  agency TEXT NOT NULL, month TEXT NOT NULL, item TEXT NOT NULL,
                  count INTEGER NOT NULL, amount INTEGER NOT NULL, amounted INTEGER NOT NULL,
                  PRIMARY KEY (agency, month, item));
                CREATE INDEX decisionTally_byMonth ON decisionTally (month, agency, item);
                """)
    }
}
