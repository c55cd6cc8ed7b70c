import CaseModel
import Foundation
import GRDB
import WorkCalendar

/// Where a page of a listing ends, in its order: the next page is "the rows after this key"
/// (keyset paging), which each database finds by seeking in the order's index, where an `OFFSET`
/// would walk every row before it. Travels in links and API answers as an opaque token.
public struct CaseCursor: Sendable, Equatable, Codable {
    public var sort: CaseSort
    public var id: String
    public var agency: String?
    public var decisionDate: CalendarDate?
    public var party: String?

    /// The key of `summary`, the last row of a page, in `sort`'s order.
    public init(after summary: CaseSummary, sort: CaseSort) {
        self.sort = sort
        id = summary.id
        agency = sort == .agency ? summary.agency : nil
        decisionDate = sort == .decisionDate || sort == .agency ? summary.decisionDate : nil
        party = sort == .party ? summary.party : nil
    }

    /// The token: the key as JSON in URL-safe base64.
    public var token: String {
        let data = (try? JSONEncoder().encode(self)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Longer than any key of a stored case (ids, names and dates are bounded on import).
    static let maximumTokenLength = 4_096

    /// A token read back; nil for one not made by `token` (or too long to be).
    public init?(token: String) {
        guard token.utf8.count <= Self.maximumTokenLength else { return nil }
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.utf8.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let cursor = try? JSONDecoder().decode(CaseCursor.self, from: data) else { return nil }
        self = cursor
    }
}

extension CaseSort: Codable {}

extension CaseSort {
    /// The listing's rows as SQL: by party, walked from the party's name index (v20) so that the
    /// order needs no sort; otherwise the cases, each with its first party.
    func source(_ kind: SQLBackendKind) -> String {
        guard self == .party else { return "enforcementCase c \(CaseFilter.party)" }
        // SQLite's CROSS JOIN keeps the parties as the outer loop; every case has a first party.
        return "party p \(kind == .sqlite ? "CROSS JOIN" : "JOIN") enforcementCase c ON c.id = p.caseId AND p.position = 0"
    }
}

extension CaseRepository {
    /// The rows after `cursor` in its order, matching `filter`: each part of the order an index
    /// walks in one direction (a day's cases, the undecided ones, an agency's) read in turn, until
    /// `limit` rows are found.
    /// `source` (with its arguments) replaces the order's own rows: a search's candidates.
    func rows(
        after cursor: CaseCursor, filter: CaseFilter, limit: Int, source: (sql: String, arguments: SQLArguments)? = nil
    ) async throws -> [CaseSummary] {
        let (from, fromArguments) = source ?? (cursor.sort.source(db.kind), [])
        var found: [CaseSummary] = []
        for part in Self.parts(after: cursor, kind: db.kind) where found.count < limit {
            let conditions = filter.conditions + [part.condition]
            await found += try db.fetchAll(
                """
                SELECT \(CaseSummary.columns) FROM \(from)
                WHERE \(conditions.joined(separator: " AND ")) ORDER BY \(part.order) LIMIT ?
                """, fromArguments + filter.arguments + part.arguments + [limit - found.count]
            ).map(CaseSummary.init(row:))
        }
        return found
    }

    /// The parts of the order after `cursor`, each a condition that an index seeks to and the
    /// order it walks in.
    static func parts(after cursor: CaseCursor, kind: SQLBackendKind) -> [(condition: String, arguments: SQLArguments, order: String)] {
        switch cursor.sort {
        case .id:
            return [("c.id > ?", [cursor.id], "c.id")]
        case .party:
            let name = cursor.party ?? ""
            return [("p.name >= ? AND (p.name > ? OR p.caseId > ?)", [name, name, cursor.id], "p.name, p.caseId")]
        case .decisionDate:
            return dateParts(after: cursor, kind: kind, within: nil)
        case .agency:
            let agency = cursor.agency ?? ""
            return dateParts(after: cursor, kind: kind, within: agency) + [("c.agency > ?", [agency], CaseSort.agency.orderBy(kind))]
        }
    }

    /// Newest decision first, then the undecided by id; within one agency when `agency` is given.
    private static func dateParts(
        after cursor: CaseCursor, kind: SQLBackendKind, within agency: String?
    ) -> [(condition: String, arguments: SQLArguments, order: String)] {
        let newestFirst = CaseSort.decisionDate.orderBy(kind)
        let (scope, scoped): (String, SQLArguments) = agency.map { ("c.agency = ? AND ", [$0]) } ?? ("", [])
        guard let day = cursor.decisionDate else {
            return [(scope + "c.decisionDate IS NULL AND c.id > ?", scoped + [cursor.id], "c.id")]
        }
        return [
            (scope + "c.decisionDate <= ? AND (c.decisionDate < ? OR c.id > ?)", scoped + [day, day, cursor.id], newestFirst),
            (scope + "c.decisionDate IS NULL", scoped, "c.id")
        ]
    }
}

extension Schema {
    /// v20: parties by name, the order of a listing by party.
    static func createPartyNameIndex(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX party_byName ON party (position, name, caseId)")
    }
}
