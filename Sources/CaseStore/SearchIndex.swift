import CaseModel
import GRDB

/// What a clerk searches for in a case (its id, its 决定文号 and its party's name, lower-cased as
/// the search compares them), kept with the characters and pairs of characters it holds, so that a
/// search of any length finds its candidates through an index instead of reading every case.
///
/// Chinese names are often two characters, which trigram indexes (SQLite FTS5's `trigram`,
/// PostgreSQL's `pg_trgm`) cannot look up; single characters and pairs can. A text of one character
/// is looked up by itself, a longer one by each of its pairs: every case holding the text holds them
/// all. The candidates are then matched by the search's own `LIKE`, so the index only narrows what
/// is read and never changes what is found. On SQLite the grams live in a contentless FTS5 table
/// (`detail=none`: which case holds a gram, no positions); on PostgreSQL in a `TEXT[]` column with
/// a GIN index. Like the due index this is derived data, kept by `DueIndex` from the journal.
public struct SearchDocument: Sendable, Equatable {
    public var caseId: String
    /// The searched fields, lower-cased, joined by U+001F (which a gram never spans).
    public var text: String

    public init(of c: EnforcementCase) {
        caseId = c.id
        text = [c.id, c.decision?.number ?? "", c.party.name].map { $0.lowercased() }.joined(separator: Self.separator)
    }

    init(caseId: String, text: String) {
        self.caseId = caseId
        self.text = text
    }

    static let separator = "\u{1F}"

    /// The document's grams, space-separated, each spelled in hexadecimal (so that every tokenizer
    /// keeps it whole).
    var grams: String { SearchGrams.ofDocument(text).sorted().joined(separator: " ") }
}

/// Grams as the index spells them: each character as six hexadecimal digits, a pair as twelve.
enum SearchGrams {
    /// How many of a text's pairs a search looks up: enough to narrow any text to its few
    /// candidates, few enough to bound the lookup of a long pasted text.
    static let queryLimit = 16

    static func ofDocument(_ text: String) -> Set<String> {
        var grams: Set<String> = []
        for field in text.split(separator: Character(SearchDocument.separator), omittingEmptySubsequences: true) {
            let scalars = Array(field.unicodeScalars)
            for (index, scalar) in scalars.enumerated() {
                grams.insert(spell(scalar))
                if index + 1 < scalars.count { grams.insert(spell(scalar) + spell(scalars[index + 1])) }
            }
        }
        return grams
    }

    /// The grams a case must hold to contain `text` (lower-cased as a document is): the character
    /// itself, or the text's pairs; empty for an empty text.
    static func ofQuery(_ text: String) -> [String] {
        let scalars = Array(text.lowercased().unicodeScalars)
        guard scalars.count > 1 else { return scalars.map(spell) }
        var seen: Set<String> = []
        var grams: [String] = []
        for index in 0..<(scalars.count - 1) {
            let gram = spell(scalars[index]) + spell(scalars[index + 1])
            if seen.insert(gram).inserted { grams.append(gram) }
            if grams.count == queryLimit { break }
        }
        return grams
    }

    /// Whether the cases holding `text`'s grams are exactly those whose fields contain it: one
    /// character without case (a Chinese character, a digit), which every lower-casing leaves as it is.
    static func findsExactly(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 1, String(scalars[0]) != SearchDocument.separator else { return false }
        let character = String(scalars[0])
        return character.lowercased() == character && character.uppercased() == character
    }

    private static let digits = Array("0123456789abcdef".utf8)

    static func spell(_ scalar: Unicode.Scalar) -> String {
        var value = scalar.value
        var bytes = [UInt8](repeating: 0, count: 6)
        for index in stride(from: 5, through: 0, by: -1) {
            bytes[index] = digits[Int(value & 0xF)]
            value >>= 4
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension DueRepository {
    /// Makes `documents` the search index's documents of `caseIds` (a case among them without one
    /// is gone).
    func replaceSearchDocuments(of caseIds: [String], with documents: [SearchDocument]) async throws {
        switch db.kind {
        case .sqlite:
            // A contentless FTS5 table forgets a row only when told its grams again.
            for chunk in SQLInList.chunks(caseIds, size: 100) {
                for row in try await db.fetchAll("SELECT docId, text FROM caseSearch WHERE caseId IN \(chunk.placeholders)", chunk.values) {
                    let docId: Int64 = row["docId"]
                    let old = SearchDocument(caseId: "", text: row["text"])
                    try await db.execute("INSERT INTO caseGrams (caseGrams, rowid, grams) VALUES ('delete', ?, ?)", [docId, old.grams])
                }
                try await db.execute("DELETE FROM caseSearch WHERE caseId IN \(chunk.placeholders)", chunk.values)
            }
            for document in documents {
                guard
                    let docId = try await db.fetchValue(
                        Int64.self, "INSERT INTO caseSearch (caseId, text) VALUES (?, ?) RETURNING docId", [document.caseId, document.text])
                else { throw StoreError.corrupt("an insert into caseSearch returned no docId") }
                try await db.execute("INSERT INTO caseGrams (rowid, grams) VALUES (?, ?)", [docId, document.grams])
            }
        case .postgres:
            for chunk in SQLInList.chunks(caseIds, size: 100) {
                try await db.execute("DELETE FROM caseSearch WHERE caseId IN \(chunk.placeholders)", chunk.values)
            }
            for document in documents {
                try await db.execute(
                    """
                    INSERT INTO caseSearch (caseId, text, grams) VALUES (?, ?, string_to_array(?, ' '))
                    ON CONFLICT (caseId) DO UPDATE SET text = excluded.text, grams = excluded.grams
                    """, [document.caseId, document.text, document.grams])
            }
        }
    }

    /// Forgets every document, before the whole index is built again.
    func forgetSearchDocuments() async throws {
        try await db.execute("DELETE FROM caseSearch")
        // FTS5's own command to empty a contentless table.
        if db.kind == .sqlite { try await db.execute("INSERT INTO caseGrams (caseGrams) VALUES ('delete-all')") }
    }
}

extension CaseRepository {
    /// The ids of at most `limit` cases holding every gram `text` needs, as a subquery over
    /// `caseId`, with its arguments; nil for a text with no gram.
    static func searchCandidates(_ text: String, limit: Int, _ kind: SQLBackendKind) -> (sql: String, arguments: SQLArguments)? {
        let grams = SearchGrams.ofQuery(text)
        guard !grams.isEmpty else { return nil }
        switch kind {
        case .sqlite:
            // Each gram quoted as an FTS5 string: together they must all be present.
            let match = grams.map { "\"\($0)\"" }.joined(separator: " ")
            return ("SELECT s.caseId FROM caseGrams g JOIN caseSearch s ON s.docId = g.rowid WHERE caseGrams MATCH ? LIMIT ?", [match, limit])
        case .postgres:
            return ("SELECT caseId FROM caseSearch WHERE grams @> string_to_array(?, ' ') LIMIT ?", [grams.joined(separator: " "), limit])
        }
    }
}

extension Schema {
    /// v19: the search index's documents and their grams.
    static func createSearchIndex(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE caseSearch (docId INTEGER PRIMARY KEY, caseId TEXT NOT NULL UNIQUE, text TEXT NOT NULL);
                CREATE VIRTUAL TABLE caseGrams USING fts5(grams, content='', detail=none);
                """)
    }
}
