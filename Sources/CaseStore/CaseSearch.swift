import CaseModel
import Foundation
import GRDB

/// The orders a listing can be sorted in by the store itself.
public enum CaseSort: String, Sendable, CaseIterable {
    /// Newest decision first, undecided cases last.
    case decisionDate = "date"
    case id
    case party
    case agency

    /// The order as SQL, in the words that let each database walk an index in it (v14) and stop
    /// after the page: newest decision first and undecided cases last is `DESC` on SQLite (NULL
    /// sorts lowest there) and `DESC NULLS LAST` on PostgreSQL (NULL sorts highest).
    func orderBy(_ kind: SQLBackendKind) -> String {
        let newestFirst = kind == .postgres ? "c.decisionDate DESC NULLS LAST" : "c.decisionDate DESC"
        return switch self {
        case .decisionDate: "\(newestFirst), c.id"
        case .id: "c.id"
        case .party: "p.name, p.caseId"
        case .agency: "c.agency, \(newestFirst), c.id"
        }
    }
}

/// What a case listing asks for: filters, an order, a page.
public struct CaseQuery: Sendable, Equatable {
    /// Only this agency's cases (a clerk's listing, or a chosen filter).
    public var agency: String?
    public var type: CaseType?
    /// Matched, as a substring, against the case id, the decision number and the party's name.
    public var text: String?
    public var sort: CaseSort
    /// Only cases decided within `decidedFrom...decidedTo` (either end may be open).
    public var decidedFrom: CalendarDate?
    public var decidedTo: CalendarDate?
    public var limit: Int
    /// Rows skipped before the page, when no `after` key is given.
    public var offset: Int
    /// The key of the last row of the page before, in this order: the page is what follows it,
    /// found through the order's index (`Keyset.swift`) however deep it lies; `offset` is then not read.
    public var after: CaseCursor?

    /// `after` when it was made for this order.
    var cursor: CaseCursor? { after.flatMap { $0.sort == sort ? $0 : nil } }

    /// How many matches a text search counts before it says "more than": a text filter is matched
    /// row by row (no index serves a substring of Chinese text), so its total is counted only so far.
    public var textCountLimit = 10_000

    public init(
        agency: String? = nil, type: CaseType? = nil, text: String? = nil, sort: CaseSort = .decisionDate,
        limit: Int = 100, offset: Int = 0
    ) {
        self.agency = agency
        self.type = type
        self.text = text
        self.sort = sort
        self.limit = limit
        self.offset = offset
    }
}

/// One page of a listing and how many cases match in all.
public struct CasePage: Sendable, Equatable {
    /// How many cases match; with `totalIsAtLeast`, at least this many (`CaseQuery.textCountLimit`).
    public var total: Int
    public var cases: [CaseSummary]
    public var totalIsAtLeast = false
}

extension CaseStore {
    /// `CaseRepository.search`, in a transaction of its own.
    public func searchCases(_ query: CaseQuery) throws -> CasePage {
        try read { try await CaseRepository(db: $0).search(query) }
    }

    /// `CaseRepository.summaries`, in a transaction of its own.
    public func caseSummaries(ids: [String]) throws -> [CaseSummary] {
        try read { try await CaseRepository(db: $0).summaries(ids) }
    }

    /// The agency a case belongs to, or nil when there is no such case.
    public func agency(ofCase id: String) throws -> String? {
        try read { try await CaseRepository(db: $0).agency(ofCase: id) }
    }
}

/// A listing's filters as SQL over `enforcementCase c` and its first party `p`.
struct CaseFilter {
    var conditions: [String] = []
    var arguments: SQLArguments = []
    /// Whether a condition reads the party (a text search), so that the party must be joined.
    var readsParty = false

    init(_ query: CaseQuery) {
        if let agency = query.agency {
            conditions.append("c.agency = ?")
            arguments.append(agency)
        }
        if let type = query.type {
            conditions.append("c.type = ?")
            arguments.append(type.rawValue)
        }
        if let from = query.decidedFrom {
            conditions.append("c.decisionDate >= ?")
            arguments.append(from)
        }
        if let to = query.decidedTo {
            conditions.append("c.decisionDate <= ?")
            arguments.append(to)
        }
        if let text = query.searchText {
            // Lower-cased on both sides: SQLite's LIKE ignores ASCII case and PostgreSQL's does not.
            let pattern = "%" + LikePattern.escaped(text.lowercased()) + "%"
            conditions.append("(lower(c.id) LIKE ? ESCAPE '\\' OR lower(c.decisionNumber) LIKE ? ESCAPE '\\' OR lower(p.name) LIKE ? ESCAPE '\\')")
            arguments += [pattern, pattern, pattern]
            readsParty = true
        }
    }

    /// `AND`-joined conditions after `WHERE` or `AND`; empty without filters.
    var and: String { conditions.map { " AND " + $0 }.joined() }
    var whereClause: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }
    static let party = "LEFT JOIN party p ON p.caseId = c.id AND p.position = 0"
    /// The party's join when a condition reads it.
    var partyJoin: String { readsParty ? Self.party : "" }
}

extension CaseQuery {
    /// The text to search for, without surrounding spaces; nil when there is none.
    var searchText: String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }
}

extension CaseRepository {
    /// A page of matching cases, filtered and paged in SQL so that a million-case store lists as fast as a small one.
    public func search(_ query: CaseQuery) async throws -> CasePage {
        var counted: (total: Int, atLeast: Bool)?
        if let text = query.searchText {
            switch try await searchThroughIndex(query, text: text) {
            case .page(let page): return page
            case .common(let exactly):
                // A character the index finds exactly, with no other filter: more than the limit
                // match, which the walk would count again row by row.
                let unfiltered = query.agency == nil && query.type == nil && query.decidedFrom == nil && query.decidedTo == nil
                if exactly && unfiltered { counted = (max(0, query.textCountLimit), true) }
            case .unavailable: break
            }
        }
        let filter = CaseFilter(query)
        // Counted without the party unless the text filter reads it: an index of the cases alone
        // answers, instead of a lookup of every case's party.
        let (total, atLeast) = try await counted.asyncOr { try await count(filter, textCountLimit: query.textCountLimit) }
        let cases: [CaseSummary]
        if let cursor = query.cursor {
            cases = try await rows(after: cursor, filter: filter, limit: max(0, query.limit))
        } else {
            cases = try await db.fetchAll(
                """
                SELECT \(CaseSummary.columns) FROM \(query.sort.source(db.kind)) \(filter.whereClause)
                ORDER BY \(query.sort.orderBy(db.kind)) LIMIT ? OFFSET ?
                """, filter.arguments + [max(0, query.limit), max(0, query.offset)]
            ).map(CaseSummary.init(row:))
        }
        return CasePage(total: total, cases: cases, totalIsAtLeast: atLeast)
    }

    /// A text search through the search index (`SearchIndex.swift`), when the index holds the cases
    /// as they stand and the text is rare enough for its candidates to be counted: they are read,
    /// matched and sorted, instead of the listing being walked until a page of matches is found.
    /// Otherwise a common text fills a page from the first rows of the walk.
    func searchThroughIndex(_ query: CaseQuery, text: String) async throws -> IndexedSearch {
        let limit = max(0, query.textCountLimit)
        guard try await DueRepository(db: db).holdsCasesAsTheyStand(), let candidates = Self.searchCandidates(text, limit: limit + 1, db.kind) else {
            return .unavailable
        }
        guard try await !count(rowsOf: candidates.sql, candidates.arguments, upTo: limit).atLeast else {
            return .common(countedExactly: SearchGrams.findsExactly(text))
        }
        let filter = CaseFilter(query)
        // The candidates first (SQLite's CROSS JOIN keeps that order), then each one's case.
        let join = db.kind == .sqlite ? "CROSS JOIN" : "JOIN"
        let source = "(\(candidates.sql)) m \(join) enforcementCase c ON c.id = m.caseId \(CaseFilter.party)"
        let arguments = candidates.arguments + filter.arguments
        let total = try await db.fetchValue(Int.self, "SELECT COUNT(*) FROM \(source) \(filter.whereClause)", arguments) ?? 0
        if let cursor = query.cursor {
            let cases = try await rows(after: cursor, filter: filter, limit: max(0, query.limit), source: (source, candidates.arguments))
            return .page(CasePage(total: total, cases: cases))
        }
        let rows = try await db.fetchAll(
            "SELECT \(CaseSummary.columns) FROM \(source) \(filter.whereClause) ORDER BY \(query.sort.orderBy(db.kind)) LIMIT ? OFFSET ?",
            arguments + [max(0, query.limit), max(0, query.offset)])
        return .page(CasePage(total: total, cases: rows.map(CaseSummary.init(row:))))
    }

    /// What the search index answers of a text.
    enum IndexedSearch: Equatable {
        /// The page, from the text's few candidates.
        case page(CasePage)
        /// More candidates than a search counts; `countedExactly` when the candidates are exactly the matches.
        case common(countedExactly: Bool)
        /// The index does not hold the cases as they stand, or the text has no gram.
        case unavailable
    }

    /// How many cases the filter selects: exactly, or with a text search up to `textCountLimit`
    /// ("at least"), since no index serves a substring of Chinese text.
    func count(_ filter: CaseFilter, textCountLimit: Int) async throws -> (total: Int, atLeast: Bool) {
        let counted = "FROM enforcementCase c \(filter.partyJoin) \(filter.whereClause)"
        guard filter.readsParty else { return await (try db.fetchValue(Int.self, "SELECT COUNT(*) \(counted)", filter.arguments) ?? 0, false) }
        return try await count(rowsOf: "SELECT 1 \(counted)", filter.arguments, upTo: textCountLimit)
    }

    /// How many rows `select` gives, counted only as far as `limit`: the count, or `limit` and
    /// "at least".
    func count(rowsOf select: String, _ arguments: SQLArguments, upTo limit: Int) async throws -> (total: Int, atLeast: Bool) {
        let limit = max(0, limit)
        let found = try await db.fetchValue(Int.self, "SELECT COUNT(*) FROM (SELECT 1 FROM (\(select)) selected LIMIT ?) matched", arguments + [limit + 1]) ?? 0
        return found > limit ? (limit, true) : (found, false)
    }

    /// The summaries of `ids`, in the order given (an id not stored is left out).
    public func summaries(_ ids: [String]) async throws -> [CaseSummary] {
        var byId: [String: CaseSummary] = [:]
        for chunk in SQLInList.chunks(ids, size: 100) {
            for row in try await db.fetchAll(
                "SELECT \(CaseSummary.columns) FROM enforcementCase c \(CaseFilter.party) WHERE c.id IN \(chunk.placeholders)", chunk.values)
            {
                let summary = CaseSummary(row: row)
                byId[summary.id] = summary
            }
        }
        return ids.compactMap { byId[$0] }
    }
}

extension CaseSummary {
    /// What a listing reads of each case, over `enforcementCase c` and its first party `p`.
    static let columns = "c.id, c.agency, c.type, c.procedure, c.decisionDate, c.decisionNumber, c.version, p.name AS party"

    init(row: Row) {
        self.init(
            id: row["id"], agency: row["agency"], type: CaseType(rawValue: row["type"]) ?? .other,
            procedure: Procedure(rawValue: row["procedure"]) ?? .general,
            decisionDate: row["decisionDate"], decisionNumber: row["decisionNumber"],
            party: row["party"] ?? "", version: row["version"])
    }
}

/// Text matched literally by `LIKE … ESCAPE '\'`: its own `%`, `_` and backslashes escaped.
enum LikePattern {
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}

extension Schema {
    /// v14: the listing's orders as indexes, so that its first page reads fifty rows of a million
    /// instead of sorting them all: newest decision first (undecided last), then id; and the same
    /// within an agency (a clerk's listing, or the order by agency).
    static func createListingIndexes(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE INDEX enforcementCase_listing ON enforcementCase (decisionDate DESC, id);
                CREATE INDEX enforcementCase_agencyListing ON enforcementCase (agency, decisionDate DESC, id);
                """)
    }
}
