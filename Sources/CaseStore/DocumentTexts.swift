import CaseModel
import GRDB

extension Schema {
    /// v25 (`PostgresSchema.v25` the same): the text read out of each attached document, by the
    /// file's SHA-256, so that the same bytes named by many cases are read and kept once.
    static func createDocumentTexts(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE documentText (
                  sha256 TEXT PRIMARY KEY, format TEXT, status TEXT NOT NULL, reason TEXT, text TEXT NOT NULL,
                  pages INTEGER, recognized INTEGER NOT NULL) WITHOUT ROWID;
                """)
    }
}

extension PostgresSchema {
    static let v25 = """
        CREATE TABLE documentText (
          sha256 TEXT COLLATE "C" PRIMARY KEY, format TEXT COLLATE "C", status TEXT COLLATE "C" NOT NULL,
          reason TEXT COLLATE "C", text TEXT COLLATE "C" NOT NULL, pages BIGINT, recognized SMALLINT NOT NULL);
        """
}

/// A document's text as stored (v25), by its file's hash.
struct DocumentTextRecord: Codable, FetchableRecord, TableRecord {
    static let databaseTableName = "documentText"
    var sha256: String
    var format: DocumentText.Format?
    var status: DocumentText.Status
    var reason: String?
    var text: String
    var pages: Int?
    var recognized: Bool

    var document: DocumentText {
        DocumentText(format: format, status: status, reason: reason, text: text, pages: pages, recognized: recognized)
    }
}

/// The documents' texts as stored (v25): written with the case that names them, attached to the
/// records of every case a batch reads.
enum DocumentTexts {
    /// The texts one case's records carry (read on import), by hash.
    static func documents(of c: EnforcementCase) -> [String: DocumentText] {
        var found: [String: DocumentText] = [:]
        collect(c, into: &found)
        return found
    }

    /// Adds the texts `c`'s records carry to `found`, by hash (a later one replacing an earlier).
    /// By index: an import asks this of every case it writes, and a loop's element is a copy of
    /// the whole event or record, each of its texts retained and released.
    static func collect(_ c: EnforcementCase, into found: inout [String: DocumentText]) {
        for e in c.events.indices {
            for r in c.events[e].records.indices {
                if let key = c.events[e].records[r].documentKey, let document = c.events[e].records[r].document { found[key] = document }
            }
        }
    }

    /// Stores texts under their files' hashes, a hundred rows a statement. A text already read is
    /// kept; one that could not be read is replaced, so that a document imported again after
    /// recognition was installed (or a bound raised) is read again.
    static func store(_ documents: [String: DocumentText], into db: any SQLConnection) async throws {
        let keys = documents.keys.sorted()
        for start in stride(from: 0, to: keys.count, by: 100) {
            let chunk = keys[start..<min(keys.count, start + 100)]
            var arguments: SQLArguments = []
            for key in chunk {
                let document = documents[key]!
                arguments += [
                    key, document.format?.rawValue, document.status.rawValue, document.reason, document.text, document.pages,
                    document.recognized
                ]
            }
            try await db.execute(
                """
                INSERT INTO documentText (sha256, format, status, reason, text, pages, recognized) VALUES
                \(Array(repeating: "(?, ?, ?, ?, ?, ?, ?)", count: chunk.count).joined(separator: ", "))
                ON CONFLICT (sha256) DO UPDATE SET format = excluded.format, status = excluded.status, reason = excluded.reason,
                  text = excluded.text, pages = excluded.pages, recognized = excluded.recognized
                WHERE documentText.status <> 'read'
                """, arguments)
        }
    }

    /// Whether storing the case's texts would change what a batch attaches to it: a text not kept
    /// yet (a case stored before v25), or one read now where the kept one could not be. A case
    /// imported again unchanged but for that is stored as a new version, so that the audits
    /// judged without its documents are not reused.
    static func wouldChange(_ c: EnforcementCase, _ db: any SQLConnection) async throws -> Bool {
        let read = documents(of: c)
        guard !read.isEmpty else { return false }
        var kept: [String: String] = [:]
        for chunk in SQLInList.chunks(read.keys.sorted(), size: 256) {
            for row in try await db.fetchAll(
                "SELECT sha256, status FROM documentText WHERE sha256 IN \(chunk.placeholders)",
                chunk.values.map { $0 as (any DatabaseValueConvertible)? })
            {
                kept[row["sha256"]] = row["status"]
            }
        }
        return read.contains { key, document in
            guard let status = kept[key] else { return true }
            return status != DocumentText.Status.read.rawValue && document.status == .read
        }
    }

    /// One text, stored as `store` stores many.
    static func store(_ key: String, _ document: DocumentText, into db: any SQLConnection) async throws {
        try await store([key: document], into: db)
    }

    /// Attaches each record's stored text to the cases; one query per 256 documents, none when
    /// the cases name no document that was read. The cases are changed in place (not copied, nor
    /// their events, which the caller's array would otherwise still share). The records are
    /// walked once, their places kept: a batch of 512 cases has some 4,000 records, a few of
    /// them documents.
    static func attach(to cases: inout [EnforcementCase], _ db: any SQLConnection) async throws {
        var places: [(c: Int, e: Int, r: Int, key: String)] = []
        for c in cases.indices {
            for e in cases[c].events.indices {
                for r in cases[c].events[e].records.indices {
                    if let key = cases[c].events[e].records[r].documentKey { places.append((c, e, r, key)) }
                }
            }
        }
        guard !places.isEmpty else { return }
        var found: [String: DocumentText] = [:]
        for chunk in SQLInList.chunks(Set(places.map(\.key)).sorted(), size: 256) {
            for row in try await db.fetchRecords(
                DocumentTextRecord.self, "SELECT * FROM documentText WHERE sha256 IN \(chunk.placeholders)",
                chunk.values.map { $0 as (any DatabaseValueConvertible)? })
            {
                found[row.sha256] = row.document
            }
        }
        for place in places {
            guard let document = found[place.key] else { continue }
            cases[place.c].events[place.e].records[place.r].document = document
        }
    }
}
