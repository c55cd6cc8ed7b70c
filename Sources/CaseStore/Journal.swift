import CaseXML
import Crypto
import Foundation
import GRDB

/// One entry of the append-only, hash-chained journal of every change to the store.
public struct JournalEntry: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "journal"
    public var seq: Int64
    /// ISO 8601, UTC.
    public var at: String
    public var actor: String
    /// `registry.import`, `benchmarks.import`, `case.import`, `case.replace`, …
    public var action: String
    /// What changed: a case id, an agency code, a file.
    public var subject: String
    /// SHA-256 of the content the entry vouches for (a case's canonical XML, an imported file).
    public var contentHash: String?
    public var detail: String
    public var prevHash: String
    public var hash: String

    /// The hash of the first entry's predecessor.
    public static let genesis = String(repeating: "0", count: 64)

    /// SHA-256 over every field but `hash`, each length-prefixed so that no two entries share a preimage.
    public static func computeHash(seq: Int64, at: String, actor: String, action: String, subject: String,
                                   contentHash: String?, detail: String, prevHash: String) -> String {
        var hasher = SHA256()
        for field in [String(seq), at, actor, action, subject, contentHash ?? "", detail, prevHash] {
            let bytes = Array(field.utf8)
            hasher.update(data: Array("\(bytes.count):".utf8))
            hasher.update(data: bytes)
        }
        return Hex.string(hasher.finalize())
    }

    public var expectedHash: String {
        Self.computeHash(seq: seq, at: at, actor: actor, action: action, subject: subject,
                         contentHash: contentHash, detail: detail, prevHash: prevHash)
    }
}

/// Appends entries inside one write transaction, reading the chain's head only once.
final class JournalAppender {
    private let db: Database
    private let actor: String
    private let at: String
    private var head: (seq: Int64, hash: String)

    init(db: Database, actor: String, at: String) throws {
        self.db = db
        self.actor = actor
        self.at = at
        if let row = try Row.fetchOne(db, sql: "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1") {
            head = (row["seq"], row["hash"])
        } else {
            head = (0, JournalEntry.genesis)
        }
    }

    func append(action: String, subject: String, contentHash: String?, detail: String = "") throws {
        let seq = head.seq + 1
        let hash = JournalEntry.computeHash(seq: seq, at: at, actor: actor, action: action, subject: subject,
                                            contentHash: contentHash, detail: detail, prevHash: head.hash)
        try db.cachedStatement(sql: """
            INSERT INTO journal (seq, at, actor, action, subject, contentHash, detail, prevHash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [seq, at, actor, action, subject, contentHash, detail, head.hash, hash])
        head = (seq, hash)
    }
}

/// What `zhifa verify` found.
public struct VerificationReport: Sendable {
    public var entriesChecked: Int
    public var casesChecked: Int
    /// The first entry whose link or own hash does not hold; nil when the chain is whole.
    public var firstBrokenLink: (seq: Int64, reason: String)?
    /// Cases whose stored content no longer matches what the journal vouched for.
    public var tamperedCases: [(id: String, reason: String)]

    public var isIntact: Bool { firstBrokenLink == nil && tamperedCases.isEmpty }
}

enum JournalVerifier {
    static func verify(_ db: Database) throws -> VerificationReport {
        var report = VerificationReport(entriesChecked: 0, casesChecked: 0, firstBrokenLink: nil, tamperedCases: [])
        var previous = (seq: Int64(0), hash: JournalEntry.genesis)
        var vouched: [String: String] = [:]
        let cursor = try JournalEntry.order(Column("seq")).fetchCursor(db)
        while let entry = try cursor.next() {
            report.entriesChecked += 1
            if report.firstBrokenLink == nil {
                if entry.seq != previous.seq + 1 {
                    report.firstBrokenLink = (entry.seq, "entry \(previous.seq + 1) is missing (found \(entry.seq) after \(previous.seq))")
                } else if entry.prevHash != previous.hash {
                    report.firstBrokenLink = (entry.seq, "its link to entry \(previous.seq) does not match that entry's hash")
                } else if entry.hash != entry.expectedHash {
                    report.firstBrokenLink = (entry.seq, "its content was changed after it was written (\(entry.action) \(entry.subject))")
                }
            }
            previous = (entry.seq, entry.hash)
            if entry.action.hasPrefix("case."), let contentHash = entry.contentHash {
                vouched[entry.subject] = contentHash
            }
        }
        let cases = try CaseRecord.order(Column("id")).fetchCursor(db)
        while let row = try cases.next() {
            report.casesChecked += 1
            guard let expected = vouched[row.id] else {
                report.tamperedCases.append((row.id, "no journal entry vouches for this case"))
                continue
            }
            let stored = try CaseRows.assemble(row, db)
            let actual = CaseXMLWriter.contentHash(stored)
            if actual != expected {
                report.tamperedCases.append((row.id, "its stored content differs from what was imported (journal \(expected.prefix(12))…, now \(actual.prefix(12))…)"))
            } else if row.contentHash != expected {
                report.tamperedCases.append((row.id, "its recorded content hash was changed"))
            }
        }
        return report
    }
}
