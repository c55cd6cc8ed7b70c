import CaseModel
import CaseXML
import Foundation
import GRDB

/// What importing one file did.
public struct FileImportResult: Sendable {
    public enum Outcome: Sendable {
        case imported(ImportCounts)
        /// Nothing of the file was stored; each problem names its line.
        case failed([XMLDiagnostic])
    }

    public var path: String
    public var kind: DocumentKind?
    public var outcome: Outcome

    public var succeeded: Bool {
        if case .imported = outcome { return true }
        return false
    }
}

public struct ImportCounts: Sendable, Equatable {
    public var agencies = 0
    public var officers = 0
    public var benchmarkItems = 0
    public var newCases = 0
    public var replacedCases = 0
    /// Re-imported with the same content: no new version is made.
    public var unchangedCases = 0

    public init() {}

    public static func + (lhs: ImportCounts, rhs: ImportCounts) -> ImportCounts {
        var sum = lhs
        sum.agencies += rhs.agencies; sum.officers += rhs.officers; sum.benchmarkItems += rhs.benchmarkItems
        sum.newCases += rhs.newCases; sum.replacedCases += rhs.replacedCases; sum.unchangedCases += rhs.unchangedCases
        return sum
    }
}

public struct ImportReport: Sendable {
    public var files: [FileImportResult]

    public var failures: [FileImportResult] { files.filter { !$0.succeeded } }

    public var totals: ImportCounts {
        files.reduce(ImportCounts()) { sum, file in
            if case .imported(let counts) = file.outcome { return sum + counts }
            return sum
        }
    }
}

extension CaseStore {
    /// Imports files and folders (recursively: their `.xml` files; other files are evidence).
    ///
    /// Registries go first, then benchmarks, then cases, whatever the order given. Each file is one
    /// transaction: a file that fails leaves the store as it was and the others still import.
    public func importPaths(_ paths: [String], actor: String) -> ImportReport {
        var located: [(path: String, url: URL, kind: DocumentKind?, error: [XMLDiagnostic]?)] = []
        for path in paths {
            let files = Self.xmlFiles(at: path)
            for url in files {
                let display = url.path.hasPrefix("/") && !path.hasPrefix("/") ? Self.relative(url, to: path) : url.path
                do {
                    located.append((display, url, try CaseFileReader.kind(of: url, displayName: display), nil))
                } catch let error as CaseXMLError {
                    located.append((display, url, nil, error.diagnostics.map { XMLDiagnostic(file: display, line: $0.line, message: $0.message) }))
                } catch {
                    located.append((display, url, nil, [XMLDiagnostic(file: display, line: 0, message: "\(error)")]))
                }
            }
            if files.isEmpty {
                located.append((path, URL(fileURLWithPath: path), nil,
                                [XMLDiagnostic(file: path, line: 0, message: FileManager.default.fileExists(atPath: path)
                                               ? "no .xml file found there" : "no such file or folder")]))
            }
        }
        located.sort { ($0.kind?.importOrder ?? 9, $0.path) < ($1.kind?.importOrder ?? 9, $1.path) }
        let results = located.map { file -> FileImportResult in
            if let error = file.error { return FileImportResult(path: file.path, kind: nil, outcome: .failed(error)) }
            do {
                let counts = try importFile(file.url, kind: file.kind!, displayName: file.path, actor: actor)
                return FileImportResult(path: file.path, kind: file.kind, outcome: .imported(counts))
            } catch let error as CaseXMLError {
                return FileImportResult(path: file.path, kind: file.kind, outcome: .failed(error.diagnostics))
            } catch {
                return FileImportResult(path: file.path, kind: file.kind,
                                        outcome: .failed([XMLDiagnostic(file: file.path, line: 0, message: "\(error)")]))
            }
        }
        return ImportReport(files: results)
    }

    /// Imports one document in one transaction.
    ///
    /// With `agencyScope`, the file may hold only that agency's cases and may not replace a case of
    /// another agency: what a clerk's upload through the web service may touch.
    public func importFile(_ url: URL, kind: DocumentKind? = nil, displayName: String? = nil, actor: String,
                           agencyScope: String? = nil) throws -> ImportCounts {
        let name = displayName ?? url.path
        let kind = try kind ?? CaseFileReader.kind(of: url, displayName: name)
        let now = Self.timestamp()
        let reader = CaseFileReader()
        return try database.write { db in
            let journal = try JournalAppender(db: db, actor: actor, at: now)
            var counts = ImportCounts()
            switch kind {
            case .registry:
                try importRegistry(reader, url, name, db, journal, &counts)
            case .benchmarks:
                let set = try reader.readBenchmarks(url, displayName: name)
                guard try AgencyRecord.exists(db, key: set.agency) else {
                    throw CaseXMLError.invalid([XMLDiagnostic(file: name, line: 2, message: "benchmarks of agency \(set.agency), which no imported registry holds")])
                }
                try RegistryRows.replace(set, importedAt: now, into: db)
                try journal.append(action: "benchmarks.import", subject: set.agency, contentHash: EvidenceCheck.sha256Hex(of: url),
                                   detail: "\(name): \(set.items.count) items, effective \(set.effective?.description ?? "-")")
                counts.benchmarkItems = set.items.count
            case .cases:
                try importCases(reader, url, name, now, agencyScope, db, journal, &counts)
            }
            return counts
        }
    }

    /// Reading, validating and hashing cases runs on its own thread, a bounded hand-off ahead of the
    /// inserts, so that parsing and SQLite share the machine's cores; the file stays one transaction.
    private func importCases(_ reader: CaseFileReader, _ url: URL, _ name: String, _ now: String, _ agencyScope: String?,
                             _ db: Database, _ journal: JournalAppender, _ counts: inout ImportCounts) throws {
        let knownAgencies = Set(try String.fetchAll(db, sql: "SELECT code FROM agency"))
        let handOff = HandOff<(EnforcementCase, Int, String)>(capacity: 256)
        Thread.detachNewThread {
            do {
                try reader.readCases(url, displayName: name) { enforcementCase, line in
                    guard handOff.put((enforcementCase, line, CaseXMLWriter.contentHash(enforcementCase))) else { throw CancellationError() }
                }
                handOff.finish(nil)
            } catch {
                handOff.finish(error)
            }
        }
        var refused: [XMLDiagnostic] = []
        do {
            while let (enforcementCase, line, hash) = handOff.take() {
                guard knownAgencies.contains(enforcementCase.agency) else {
                    refused.append(XMLDiagnostic(file: name, line: line,
                                                 message: "case \(enforcementCase.id) belongs to agency \(enforcementCase.agency), which no imported registry holds"))
                    continue
                }
                if let agencyScope, let refusal = try Self.outOfScope(enforcementCase, agencyScope, db) {
                    refused.append(XMLDiagnostic(file: name, line: line, message: refusal))
                    continue
                }
                guard refused.isEmpty else { continue }
                switch try Self.store(enforcementCase, contentHash: hash, sourceFile: name, at: now, db: db, journal: journal) {
                case .new: counts.newCases += 1
                case .replaced: counts.replacedCases += 1
                case .unchanged: counts.unchangedCases += 1
                }
            }
        } catch {
            handOff.cancel()
            handOff.waitUntilFinished()
            throw error
        }
        let readerProblems = (handOff.failure as? CaseXMLError)?.diagnostics ?? []
        if let failure = handOff.failure, !(failure is CaseXMLError) { throw failure }
        if !readerProblems.isEmpty || !refused.isEmpty {
            throw CaseXMLError.invalid((readerProblems + refused).sorted { $0.line < $1.line })
        }
    }

    private func importRegistry(_ reader: CaseFileReader, _ url: URL, _ name: String, _ db: Database,
                                _ journal: JournalAppender, _ counts: inout ImportCounts) throws {
        let entries = try reader.readRegistryEntries(url, displayName: name)
        var registry = Registry()
        for (entry, _) in entries {
            if case .agency(let agency) = entry {
                try RegistryRows.upsert(agency, into: db)
                registry.agencies.append(agency)
            }
        }
        var problems: [XMLDiagnostic] = []
        for (entry, line) in entries {
            guard case .officer(let officer) = entry else { continue }
            guard try AgencyRecord.exists(db, key: officer.agency) else {
                problems.append(XMLDiagnostic(file: name, line: line, message: "officer \(officer.id) belongs to agency \(officer.agency), which neither this file nor the store holds"))
                continue
            }
            try RegistryRows.upsert(officer, into: db)
            registry.officers.append(officer)
        }
        if !problems.isEmpty { throw CaseXMLError.invalid(problems) }
        try journal.append(action: "registry.import", subject: name, contentHash: EvidenceCheck.sha256Hex(of: url),
                           detail: "\(registry.agencies.count) agencies, \(registry.officers.count) people")
        counts.agencies = registry.agencies.count
        counts.officers = registry.officers.count
    }

    /// Why a case falls outside what an agency's account may write, or nil when it may.
    ///
    /// A taken id of another agency is refused in the same words as a foreign agency, so that the
    /// refusal tells a clerk nothing about which ids other agencies use.
    static func outOfScope(_ enforcementCase: EnforcementCase, _ agency: String, _ db: Database) throws -> String? {
        let owner = try String.fetchOne(db, sql: "SELECT agency FROM enforcementCase WHERE id = ?", arguments: [enforcementCase.id])
        guard enforcementCase.agency != agency || (owner != nil && owner != agency) else { return nil }
        return "case \(enforcementCase.id) is not a case of agency \(agency); this account may write only that agency's cases"
    }

    public enum StoreOutcome: Sendable { case new, replaced, unchanged }

    /// Stores a case; an existing case of the same id is kept in history and replaced.
    static func store(_ enforcementCase: EnforcementCase, contentHash hash: String, sourceFile: String?, at now: String,
                      db: Database, journal: JournalAppender) throws -> StoreOutcome {
        var version = 1
        var outcome = StoreOutcome.new
        let lookup = try db.cachedStatement(sql: "SELECT contentHash FROM enforcementCase WHERE id = ?")
        if let storedHash = try String.fetchOne(lookup, arguments: [enforcementCase.id]),
           let existing = try CaseRecord.fetchOne(db, key: enforcementCase.id) {
            if storedHash == hash, try existingEvidence(enforcementCase.id, db) == evidence(of: enforcementCase) {
                return .unchanged
            }
            guard let previous = try CaseRows.load(id: existing.id, from: db) else {
                throw StoreError.corrupt("case \(existing.id) has no party row")
            }
            var history = CaseHistoryRecord(id: nil, caseId: existing.id, version: existing.version, replacedAt: now,
                                            sourceFile: existing.sourceFile, contentHash: existing.contentHash,
                                            xml: CaseXMLWriter.document(previous))
            try history.insert(db)
            try CaseRecord.deleteOne(db, key: existing.id)
            version = existing.version + 1
            outcome = .replaced
        }
        try CaseRows.insert(enforcementCase, version: version, importedAt: now, sourceFile: sourceFile, contentHash: hash, into: db)
        try journal.append(action: outcome == .new ? "case.import" : "case.replace", subject: enforcementCase.id,
                           contentHash: hash, detail: "version \(version) from \(sourceFile ?? "-")")
        return outcome
    }

    private static func evidence(of enforcementCase: EnforcementCase) -> [String] {
        var statuses: [String] = []
        for event in enforcementCase.events {
            for record in event.records { statuses.append(record.evidence.rawValue) }
        }
        return statuses
    }

    private static func existingEvidence(_ id: String, _ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT r.evidence FROM record r JOIN event e ON e.id = r.eventId
            WHERE e.caseId = ? ORDER BY e.position, r.position
            """, arguments: [id])
    }

    /// `.xml` files of a path: the file itself, or a folder's, recursively and in name order.
    static func xmlFiles(at path: String) -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        let url = URL(fileURLWithPath: path)
        guard isDirectory.boolValue else { return [url] }
        guard let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil) else { return [] }
        return enumerator.compactMap { $0 as? URL }
            .filter { $0.pathExtension.lowercased() == "xml" }
            .sorted { $0.path < $1.path }
    }

    private static func relative(_ url: URL, to root: String) -> String {
        let base = URL(fileURLWithPath: root).standardizedFileURL.path
        let full = url.standardizedFileURL.path
        guard full.hasPrefix(base) else { return full }
        let rest = full.dropFirst(base.count).drop(while: { $0 == "/" })
        return rest.isEmpty ? root : (root.hasSuffix("/") ? root : root + "/") + rest
    }
}
