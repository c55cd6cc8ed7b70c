import CaseXML
import Crypto
import Foundation
import GRDB

/// What a journal entry records. The raw value is the text written into the entry and hashed, so
/// it never changes once shipped.
public enum JournalAction: String, Sendable, CaseIterable {
    case registryImport = "registry.import"
    case benchmarksImport = "benchmarks.import"
    /// A case stored for the first time; the entry vouches for its content.
    case caseImport = "case.import"
    /// A new version of a stored case; the entry vouches for its content.
    case caseReplace = "case.replace"
    case reviewScore = "review.score"
    case auditRun = "audit.run"
    /// Audit runs removed (`zhifa runs prune`); the detail names them.
    case auditPrune = "audit.prune"
    case userAdd = "user.add"
    /// An account removed, and with it every session it had.
    case userRemove = "user.remove"
    case evidenceUpload = "evidence.upload"
    /// A review campaign drawn: its sample and its reviewers; the detail gives the seed.
    case campaignCreate = "campaign.create"
    /// A campaign's results published to the agencies.
    case campaignPublish = "campaign.publish"
    /// A published 双公示 list imported: the audit judges disclosure by it.
    case publicityImport = "publicity.import"

    /// Whether the entry's content hash is a case's, which `verify` compares with the stored case.
    public var vouchesForCase: Bool { self == .caseImport || self == .caseReplace }

    /// Whether the entry changed what an audit reads. An audit run records a judgment, not input,
    /// so running one does not make the next identical run's inputs differ; nor do accounts, which
    /// no rule reads.
    public var changesAuditInputs: Bool {
        switch self {
        case .auditRun, .auditPrune, .userAdd, .userRemove, .campaignCreate, .campaignPublish: false
        case .registryImport, .benchmarksImport, .caseImport, .caseReplace, .reviewScore, .evidenceUpload, .publicityImport: true
        }
    }
}

/// One entry of the append-only, hash-chained journal of every change to the store.
public struct JournalEntry: Codable, FetchableRecord, EncodableRecord, TableRecord, Sendable, Equatable {
    public static let databaseTableName = "journal"
    public var seq: Int64
    /// ISO 8601, UTC.
    public var at: String
    public var actor: String
    /// The action's text as written and hashed (see `JournalAction`). Kept as text so that an
    /// entry altered to an unknown action is reported by `verify` rather than failing to load.
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
    public static func computeHash(
        seq: Int64, at: String, actor: String, action: String, subject: String,
        contentHash: String?, detail: String, prevHash: String
    ) -> String {
        var hasher = SHA256()
        for field in [String(seq), at, actor, action, subject, contentHash ?? "", detail, prevHash] {
            let bytes = Array(field.utf8)
            hasher.update(data: Array("\(bytes.count):".utf8))
            hasher.update(data: bytes)
        }
        return Hex.string(hasher.finalize())
    }

    /// The action, when it is one this program writes.
    public var kind: JournalAction? { JournalAction(rawValue: action) }

    public var expectedHash: String {
        Self.computeHash(
            seq: seq, at: at, actor: actor, action: action, subject: subject,
            contentHash: contentHash, detail: detail, prevHash: prevHash)
    }
}

/// Appends entries inside one write transaction, reading the chain's head only once.
///
/// A transaction that takes the writers' lock only at its end (`LateLockedImport`) holds its
/// entries until then: the head it would read first may no longer be the head when it commits.
final class JournalAppender {
    private let db: any SQLConnection
    private let actor: String
    private let at: String
    /// nil while entries are held.
    private var head: (seq: Int64, hash: String)?
    private var held: [(action: JournalAction, subject: String, contentHash: String?, detail: String)] = []

    init(db: any SQLConnection, actor: String, at: String, holdingEntries: Bool = false) async throws {
        self.db = db
        self.actor = actor
        self.at = at
        if !holdingEntries { head = try await Self.head(db) }
    }

    private static func head(_ db: any SQLConnection) async throws -> (seq: Int64, hash: String) {
        guard let row = try await db.fetchOne("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1") else { return (0, JournalEntry.genesis) }
        return (row["seq"], row["hash"])
    }

    func append(_ action: JournalAction, subject: String, contentHash: String?, detail: String = "") async throws {
        guard let head else {
            held.append((action, subject, contentHash, detail))
            return
        }
        let seq = head.seq + 1
        let hash = JournalEntry.computeHash(
            seq: seq, at: at, actor: actor, action: action.rawValue, subject: subject,
            contentHash: contentHash, detail: detail, prevHash: head.hash)
        try await db.append(
            into: "journal", columns: ["seq", "at", "actor", "action", "subject", "contentHash", "detail", "prevHash", "hash"],
            row: [seq, at, actor, action.rawValue, subject, contentHash, detail, head.hash, hash])
        self.head = (seq, hash)
    }

    /// Reads the head now and writes the held entries after it; entries appended later follow at
    /// once. Called with the writers' lock held.
    func writeHeldEntries() async throws {
        if head == nil { head = try await Self.head(db) }
        let entries = held
        held = []
        for entry in entries { try await append(entry.action, subject: entry.subject, contentHash: entry.contentHash, detail: entry.detail) }
    }
}

/// What `zhifa verify` found.
public struct VerificationReport: Sendable {
    public var entriesChecked: Int
    public var casesChecked: Int
    /// The first entry whose link or own hash does not hold; nil when the chain is whole.
    public var firstBrokenLink: (seq: Int64, reason: String)?
    /// Cases whose stored content no longer matches what the journal vouched for, or that the
    /// journal vouches for and the store no longer holds.
    public var tamperedCases: [(id: String, reason: String)]
    /// The chain's last entry: kept outside the store (printed by `zhifa verify`), it is the anchor
    /// that a later `verify --head` checks, so that a journal cut short or rewritten from an edit
    /// onwards, with every hash recomputed, no longer passes.
    public var head: JournalHead
    /// Why the anchor given to `verify(expecting:)` does not hold; nil when it does or none was given.
    public var anchorProblem: String?

    public var isIntact: Bool { firstBrokenLink == nil && tamperedCases.isEmpty && anchorProblem == nil }
}

/// An entry of the journal by position and hash, written `SEQ:HASH`.
public struct JournalHead: Sendable, Equatable, CustomStringConvertible, LosslessStringConvertible {
    public var seq: Int64
    public var hash: String

    public init(seq: Int64, hash: String) {
        self.seq = seq
        self.hash = hash
    }

    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let seq = Int64(parts[0]), seq >= 0, parts[1].count == 64,
            parts[1].allSatisfy({ $0.isHexDigit && $0.isASCII })
        else { return nil }
        self.seq = seq
        self.hash = parts[1].lowercased()
    }

    public var description: String { "\(seq):\(hash)" }
}

enum JournalVerifier {
    static func verify(_ db: any SQLConnection, expecting anchor: JournalHead? = nil) async throws -> VerificationReport {
        var report = VerificationReport(
            entriesChecked: 0, casesChecked: 0, firstBrokenLink: nil, tamperedCases: [],
            head: JournalHead(seq: 0, hash: JournalEntry.genesis))
        var anchorSeen = anchor == nil || anchor == JournalHead(seq: 0, hash: JournalEntry.genesis)
        var previous = (seq: Int64(0), hash: JournalEntry.genesis)
        var vouched: [String: String] = [:]
        try await db.forEach("SELECT * FROM journal ORDER BY seq", []) { row in
            let entry = try JournalEntry(row: row)
            report.entriesChecked += 1
            if report.firstBrokenLink == nil {
                if entry.seq != previous.seq + 1 {
                    report.firstBrokenLink = (entry.seq, "第 \(previous.seq + 1) 条日志缺失（第 \(previous.seq) 条之后是第 \(entry.seq) 条）")
                } else if entry.prevHash != previous.hash {
                    report.firstBrokenLink = (entry.seq, "本条记载的上一条哈希与第 \(previous.seq) 条日志不符")
                } else if entry.hash != entry.expectedHash {
                    report.firstBrokenLink = (entry.seq, "本条写入后内容被改动（\(entry.action) \(entry.subject)）")
                }
            }
            previous = (entry.seq, entry.hash)
            if let anchor, entry.seq == anchor.seq {
                anchorSeen = true
                if entry.hash != anchor.hash {
                    report.anchorProblem = "第 \(anchor.seq) 条日志的哈希与保存的链头不符：日志自该条或更早起被改写"
                }
            }
            if entry.kind?.vouchesForCase == true, let contentHash = entry.contentHash {
                vouched[entry.subject] = contentHash
            }
        }
        report.head = JournalHead(seq: previous.seq, hash: previous.hash)
        if !anchorSeen, let anchor {
            report.anchorProblem = "日志只有 \(previous.seq) 条，保存的链头是第 \(anchor.seq) 条：日志被截短"
        }
        // Cases are read back in id-range batches, the way audits read them, so memory stays bounded.
        var present: Set<String> = []
        var after = ""
        while true {
            let rows = try await db.fetchAll("SELECT id, contentHash FROM enforcementCase WHERE id > ? ORDER BY id LIMIT 512", [after])
            guard let first = rows.first, let last = rows.last else { break }
            let ids: [String] = rows.map { $0["id"] }
            let stored = await Dictionary(
                uniqueKeysWithValues: try CaseBatchLoader.load(first: first["id"], last: last["id"], wanted: Set(ids), from: db)
                    .map { ($0.id, $0) })
            for row in rows {
                let id: String = row["id"]
                let recorded: String = row["contentHash"]
                report.casesChecked += 1
                present.insert(id)
                guard let expected = vouched[id] else {
                    report.tamperedCases.append((id, "日志中没有记载该案件的导入或修改"))
                    continue
                }
                guard let enforcementCase = stored[id] else {
                    report.tamperedCases.append((id, "案件数据不完整"))
                    continue
                }
                let actual = CaseXMLWriter.contentHash(enforcementCase)
                if actual != expected {
                    report.tamperedCases.append((id, "库中内容与导入时不符（日志记载 \(expected.prefix(12))…，现为 \(actual.prefix(12))…）"))
                } else if recorded != expected {
                    report.tamperedCases.append((id, "库中记载的内容哈希被改动"))
                }
            }
            after = last["id"]
        }
        // Nothing removes a case through Zhifa: one the journal vouches for and the store lacks was deleted behind its back.
        for id in vouched.keys.sorted() where !present.contains(id) {
            report.tamperedCases.append((id, "日志记载了该案件，但库中已没有它（案件被删除）"))
        }
        return report
    }
}
