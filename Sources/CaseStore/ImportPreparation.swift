import CaseModel
import CaseXML
import Documents
import Foundation

/// A document read, validated and checked, ready to be written.
///
/// Everything slow or unbounded about a file (parsing, schema validation, hashing evidence) happens
/// while preparing it, before the write transaction opens: the store is held only for the inserts,
/// so that clerks writing through the web wait seconds, not the length of a whole import.
struct PreparedDocument: Sendable {
    enum Content: Sendable {
        case registry([(CaseFileReader.RegistryEntry, Int)])
        case benchmarks(BenchmarkSet)
        case cases([PreparedCase])
    }

    var name: String
    var content: Content
    /// SHA-256 of the file as read, which the journal vouches for (registries and benchmarks; nil for cases).
    var fileHash: String?
}

/// One case of a document with its line and the content hash the journal will vouch for.
struct PreparedCase: Sendable {
    var enforcementCase: EnforcementCase
    var line: Int
    var contentHash: String
}

extension Array where Element == PreparedCase {
    /// The cases in the order of their ids' bytes, as the store keeps them; a case given twice
    /// keeps its place after its first (the second replaces it). Written in this order, a file's
    /// rows go into every table keyed by case (and every event-keyed one, its ids given in the
    /// same order) from its first page to its last, not to pages anywhere in the tree, one row
    /// after another.
    ///
    /// The positions are sorted, not the cases: a sort moves its elements many times over, and
    /// moving a case retains and releases each of its texts, on the writing thread that a first
    /// import waits for. A file already in that order is returned as it is.
    var inStoreOrder: [PreparedCase] {
        let ids = map(\.enforcementCase.id)
        if zip(ids, ids.dropFirst()).allSatisfy({ $0.utf8.lexicographicallyPrecedes($1.utf8) }) { return self }
        let order = ids.indices.sorted { a, b in
            ids[a] == ids[b] ? a < b : ids[a].utf8.lexicographicallyPrecedes(ids[b].utf8)
        }
        return order.map { self[$0] }
    }
}

extension CaseStore {
    /// Reads and checks a whole document. Nothing is written; a problem anywhere throws
    /// `CaseXMLError.invalid` listing every problem of the file.
    static func prepare(_ source: DocumentSource, kind: DocumentKind, name: String, evidence: EvidencePolicy) throws -> PreparedDocument {
        let reader = CaseFileReader()
        switch kind {
        case .registry:
            return PreparedDocument(
                name: name, content: .registry(try reader.readRegistryEntries(source, displayName: name)),
                fileHash: fileHash(of: source))
        case .benchmarks:
            return PreparedDocument(
                name: name, content: .benchmarks(try reader.readBenchmarks(source, displayName: name)),
                fileHash: fileHash(of: source))
        case .cases:
            // Cases are vouched for one by one (their canonical content), not as a file: no file hash.
            return PreparedDocument(name: name, content: .cases(try prepareCases(source, name: name, evidence: evidence)), fileHash: nil)
        }
    }

    /// The SHA-256 of the document's bytes, which the journal vouches for on registry and benchmark imports.
    private static func fileHash(of source: DocumentSource) -> String? {
        switch source {
        case .file(let url): EvidenceCheck.sha256Hex(ofRegularFile: url)
        case .memory(let data): EvidenceCheck.sha256Hex(of: data)
        }
    }

    /// Parsing and validating runs on its own thread, a bounded hand-off ahead of the content
    /// hashing (canonical XML and SHA-256) on this one, so that the two share the machine's cores.
    private static func prepareCases(_ source: DocumentSource, name: String, evidence: EvidencePolicy) throws -> [PreparedCase] {
        let handOff = HandOff<(EnforcementCase, Int)>(capacity: 256)
        Thread.detachNewThread {
            do {
                try CaseFileReader().readCases(source, displayName: name, evidence: evidence) { enforcementCase, line in
                    guard handOff.put((enforcementCase, line)) else { throw CancellationError() }
                }
                handOff.finish(nil)
            } catch {
                handOff.finish(error)
            }
        }
        var prepared: [PreparedCase] = []
        var documents = AttachedDocuments(evidence: evidence)
        while let (decoded, line) = handOff.take() {
            let enforcementCase = documents.read(decoded)
            prepared.append(
                PreparedCase(
                    enforcementCase: enforcementCase, line: line,
                    contentHash: CaseXMLWriter.contentHash(enforcementCase)))
        }
        if let failure = handOff.failure { throw failure }
        return prepared
    }
}

/// The text of a file's documents, read as its cases are prepared: each text record whose file
/// was found and hashed (`Record.documentKey`), each file once however many cases name it. Only
/// files inside the case file's folder are read (`EvidenceCheck.confined`); an upload's text was
/// read when it arrived.
struct AttachedDocuments {
    let folder: URL?
    // Made at the first document: making one asks once whether Tesseract is installed.
    private lazy var reader = DocumentReader()
    private var known: [String: DocumentText] = [:]

    init(evidence: EvidencePolicy) {
        if case .folder(let folder) = evidence { self.folder = folder } else { folder = nil }
    }

    mutating func read(_ enforcementCase: EnforcementCase) -> EnforcementCase {
        guard let folder else { return enforcementCase }
        var c = enforcementCase
        for e in c.events.indices {
            for r in c.events[e].records.indices {
                let record = c.events[e].records[r]
                guard let key = record.documentKey, let file = record.file else { continue }
                if let text = known[key] {
                    c.events[e].records[r].document = text
                } else if case .success(let url?) = EvidenceCheck.confined(file, in: folder) {
                    let document = reader.read(url)
                    known[key] = document
                    c.events[e].records[r].document = document
                }
            }
        }
        return c
    }
}
