import CaseModel
import CaseXML
import Foundation
import WorkCalendar

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
    /// What was stored but deserves a look: an officer, reviewer or benchmark item that no
    /// imported registry or benchmark set holds. The audit will judge those cases accordingly.
    public var warnings: [XMLDiagnostic] = []

    public init() {}

    public static func + (lhs: ImportCounts, rhs: ImportCounts) -> ImportCounts {
        var sum = lhs
        sum.agencies += rhs.agencies
        sum.officers += rhs.officers
        sum.benchmarkItems += rhs.benchmarkItems
        sum.newCases += rhs.newCases
        sum.replacedCases += rhs.replacedCases
        sum.unchangedCases += rhs.unchangedCases
        sum.warnings += rhs.warnings
        return sum
    }
}

public struct ImportReport: Sendable {
    public var files: [FileImportResult]
    /// Why the import stopped before its last file: the database went away. The files reported
    /// before it are stored; the one it broke off and those after it are not.
    public var interruption: String?
    /// Files taken into the first load of an empty store (`FirstLoad`), stored or not:
    /// during it the other processes wait for the store's case tables.
    public var firstLoaded = 0

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
    /// transaction: a file that fails leaves the store as it was and the others still import. The
    /// next file is read and checked on another thread while this one is written, and `progress`
    /// hears of each file as soon as it is committed or refused, so that an interrupted import has
    /// said which files it stored; `located` hears first how many files there are.
    ///
    /// On PostgreSQL, the first file of many cases that finds the store empty is loaded with the
    /// files after it as a restore loads (`FirstLoad`).
    public func importPaths(
        _ paths: [String], actor: String, progress: (FileImportResult) -> Void = { _ in },
        located count: (Int) -> Void = { _ in }
    ) -> ImportReport {
        importPaths(paths, actor: actor, progress: progress, located: count, firstLoadAtLeast: StagedImport.threshold)
    }

    /// `importPaths`, loading first (`FirstLoad`) from a file of `firstLoadAtLeast` cases.
    func importPaths(
        _ paths: [String], actor: String, progress: (FileImportResult) -> Void = { _ in },
        located count: (Int) -> Void = { _ in }, firstLoadAtLeast: Int
    ) -> ImportReport {
        let located = Self.locate(paths)
        count(located.count)
        let handOff = HandOff<(LocatedFile, Result<PreparedDocument, Error>)>(capacity: 1)
        Thread.detachNewThread {
            for file in located {
                let prepared = Result { () throws -> PreparedDocument in
                    if let error = file.error { throw CaseXMLError.invalid(error) }
                    return try Self.prepare(
                        .file(file.url), kind: file.kind!, name: file.path,
                        evidence: .folder(file.url.deletingLastPathComponent()))
                }
                guard handOff.put((file, prepared)) else { break }
            }
            handOff.finish(nil)
        }
        var results: [FileImportResult] = []
        var interruption: String?
        var firstLoaded = 0
        var yield = WriterYield()
        let writes = FileWrites()
        let kind = backend.kind
        backend.bulkWriting {
            func report(_ ready: [FileWrites.Written]) {
                for written in ready {
                    progress(written.result)
                    results.append(written.result)
                    if interruption == nil { interruption = written.interruption }
                }
            }
            var firstLoadTried = false
            var taken = handOff.take()
            while interruption == nil, let (file, prepared) = taken {
                taken = nil
                // The first large file of cases on an empty store: loaded with the files after it
                // as a restore loads (`FirstLoad`), once every file before it is written.
                if !firstLoadTried, case .success(let document) = prepared, case .cases(let cases) = document.content,
                    cases.count >= firstLoadAtLeast
                {
                    firstLoadTried = true
                    Self.drain(writes, report)
                    if let outcome = loadFirst((file, document), actor: actor, next: { handOff.take() }) {
                        report(outcome.results.map { FileWrites.Written(result: $0) })
                        firstLoaded = outcome.results.count
                        if interruption == nil { interruption = outcome.interruption }
                        taken = outcome.left ?? (interruption == nil ? handOff.take() : nil)
                        continue
                    }
                }
                let footprint = (try? prepared.get()).flatMap { FileWrites.Footprint($0, backend: kind) }
                writes.write(footprint) { [self] in
                    do {
                        let counts = try writePrepared(try prepared.get(), actor: actor, agencyScope: nil)
                        return FileWrites.Written(result: FileImportResult(path: file.path, kind: file.kind, outcome: .imported(counts)))
                    } catch {
                        // A database that went away fails every file after this one too: stop there.
                        return FileWrites.Written(
                            result: FileImportResult(path: file.path, kind: file.kind, outcome: .failed(Self.diagnostics(of: error, file: file.path))),
                            interruption: StoreCondition(error) == .unavailable ? "\(error)" : nil)
                    }
                }
                // The next file is ready: its transaction would follow this one at once, and a web
                // write waiting for the lock would wait for the whole import.
                if footprint == nil { yield.afterTransaction() }
                report(writes.results())
                taken = handOff.take()
            }
            Self.drain(writes, report)
            if interruption != nil {
                handOff.cancel()
                handOff.waitUntilFinished()
            }
        }
        let report = ImportReport(files: results, interruption: interruption, firstLoaded: firstLoaded)
        if interruption == nil {
            backend.checkpoint()
            // Best effort: the files are stored whether or not the statistics could be renewed.
            try? renewCaseStatistics(afterWriting: report.totals.newCases + report.totals.replacedCases)
        }
        return report
    }

    /// Waits for every file still being written, each reported as soon as it and those before it are.
    private static func drain(_ writes: FileWrites, _ report: ([FileWrites.Written]) -> Void) {
        var ready = writes.results(waiting: true)
        while !ready.isEmpty {
            report(ready)
            ready = writes.results(waiting: true)
        }
    }

    /// Imports one document in one transaction.
    ///
    /// With `agencyScope`, the file may hold only that agency's cases and may not replace a case of
    /// another agency: what a clerk's upload through the web service may touch.
    public func importFile(
        _ url: URL, kind: DocumentKind? = nil, displayName: String? = nil, actor: String,
        agencyScope: String? = nil
    ) throws -> ImportCounts {
        let name = displayName ?? url.path
        return try importDocument(
            .file(url), kind: kind, displayName: name, actor: actor, agencyScope: agencyScope,
            evidence: .folder(url.deletingLastPathComponent()))
    }

    /// Imports a document from any source in one transaction, its records' files checked as
    /// `evidence` allows (the web service: only the agency's own uploads).
    public func importDocument(
        _ source: DocumentSource, kind: DocumentKind? = nil, displayName: String, actor: String,
        agencyScope: String? = nil, evidence: EvidencePolicy
    ) throws -> ImportCounts {
        let kind = try kind ?? CaseFileReader.kind(of: source, displayName: displayName)
        let prepared = try Self.prepare(source, kind: kind, name: displayName, evidence: evidence)
        return try writeRenewingStatistics(prepared, actor: actor, agencyScope: agencyScope)
    }

    /// `importDocument`, awaited: what the web service's uploads and posted XML use. The document
    /// is read and checked on the caller's thread; its transaction waits its turn without one.
    public func importDocument(
        _ source: DocumentSource, kind: DocumentKind? = nil, displayName: String, actor: String,
        agencyScope: String? = nil, evidence: EvidencePolicy
    ) async throws -> ImportCounts {
        let kind = try kind ?? CaseFileReader.kind(of: source, displayName: displayName)
        let prepared = try Self.prepare(source, kind: kind, name: displayName, evidence: evidence)
        if case .cases(let cases) = prepared.content, cases.count >= StagedImport.threshold {
            // Many short transactions (`writeCases`), each waiting its turn on a thread apart.
            return try await CallerThread.apart { try self.writeRenewingStatistics(prepared, actor: actor, agencyScope: agencyScope) }
        }
        return try await backend.awaitWrite(Self.importing(prepared, at: Self.timestamp(), actor: actor, agencyScope: agencyScope))
    }

    /// `writePrepared`, then PostgreSQL's statistics of the case tables renewed if it wrote many
    /// cases (`importPaths` renews them once, after all its files).
    private func writeRenewingStatistics(_ prepared: PreparedDocument, actor: String, agencyScope: String?) throws -> ImportCounts {
        let counts = try writePrepared(prepared, actor: actor, agencyScope: agencyScope)
        // Best effort: the document is stored whether or not the statistics could be renewed.
        try? renewCaseStatistics(afterWriting: counts.newCases + counts.replacedCases)
        return counts
    }

    /// Writes a prepared document in one transaction (a large file of cases: `writeCases`).
    private func writePrepared(_ prepared: PreparedDocument, actor: String, agencyScope: String?) throws -> ImportCounts {
        let now = Self.timestamp()
        if case .cases(let cases) = prepared.content {
            return try writeCases(cases, file: prepared.name, at: now, actor: actor, agencyScope: agencyScope)
        }
        return try self.write(Self.importing(prepared, at: now, actor: actor, agencyScope: agencyScope))
    }

    /// The one transaction that stores a prepared document.
    private static func importing(
        _ prepared: PreparedDocument, at now: String, actor: String, agencyScope: String?
    ) -> @Sendable (any SQLConnection) async throws -> ImportCounts {
        { db in
            let transaction = try await ImportTransaction(db: db, file: prepared.name, at: now, actor: actor)
            switch prepared.content {
            case .registry(let entries):
                return try await transaction.importRegistry(entries, fileHash: prepared.fileHash)
            case .benchmarks(let set):
                return try await transaction.importBenchmarks(set, fileHash: prepared.fileHash)
            case .cases(let cases):
                return try await transaction.importCases(cases, agencyScope: agencyScope)
            }
        }
    }

    /// A file named on the command line, with its kind or why it cannot be read.
    struct LocatedFile: Sendable {
        var path: String
        var url: URL
        var kind: DocumentKind?
        var error: [XMLDiagnostic]?
    }

    /// The `.xml` files of the paths, each with its kind, registries first, then benchmarks, then cases.
    static func locate(_ paths: [String]) -> [LocatedFile] {
        var located: [LocatedFile] = []
        for path in paths {
            let files = Self.xmlFiles(at: path)
            for url in files {
                let display = url.path.hasPrefix("/") && !path.hasPrefix("/") ? Self.relative(url, to: path) : url.path
                do {
                    located.append(LocatedFile(path: display, url: url, kind: try CaseFileReader.kind(of: url, displayName: display)))
                } catch {
                    located.append(LocatedFile(path: display, url: url, error: diagnostics(of: error, file: display)))
                }
            }
            if files.isEmpty {
                located.append(
                    LocatedFile(
                        path: path, url: URL(fileURLWithPath: path),
                        error: [
                            XMLDiagnostic(
                                file: path, line: 0, message: FileManager.default.fileExists(atPath: path) ? "该处没有 .xml 文件" : "没有这个文件或文件夹")
                        ]))
            }
        }
        return located.sorted { ($0.kind?.importOrder ?? 9, $0.path) < ($1.kind?.importOrder ?? 9, $1.path) }
    }

    /// Problems of a file as `FILE 第N行：message`, whatever was thrown.
    public static func diagnostics(of error: Error, file: String) -> [XMLDiagnostic] {
        switch error {
        case let error as CaseXMLError:
            return error.diagnostics.map { XMLDiagnostic(file: file, line: $0.line, message: $0.message, detail: $0.detail, column: $0.column) }
        case let error as StoreError:
            return [XMLDiagnostic(file: file, line: 0, message: error.description)]
        case let error as PostgresFailure:
            return [XMLDiagnostic(file: file, line: 0, message: error.description)]
        default:
            return [XMLDiagnostic(file: file, line: 0, message: SystemErrorText.describe(error))]
        }
    }

    /// Why a case falls outside what an agency's account may write, or nil when it may.
    ///
    /// An id belongs to the agency whose code, followed by a hyphen, is its longest such prefix:
    /// with agencies `WH-SJJ` and `WH-SJJ-FJ`, `WH-SJJ-FJ-2026-0007` is the branch's, and the
    /// parent's clerk may not take it. Every refusal is the same sentence, whether the id is taken
    /// by another agency or free, so that no refusal tells a clerk which ids other agencies use.
    /// `agencies`: the codes of every agency stored, which a caller writing many cases reads once.
    static func outOfScope(
        _ enforcementCase: EnforcementCase, _ agency: String, agencies: Set<String>, _ db: any SQLConnection
    ) async throws -> String? {
        let refusal = scopeRefusal(agency)
        guard enforcementCase.agency == agency, idPrefixRefusal(id: enforcementCase.id, agency: agency) == nil else { return refusal }
        guard owner(ofId: enforcementCase.id, among: agencies.union([agency])) == agency else { return refusal }
        let stored = try await db.fetchValue(String.self, "SELECT agency FROM enforcementCase WHERE id = ?", [enforcementCase.id])
        guard stored == nil || stored == agency else { return refusal }
        return nil
    }

    /// The agency among `codes` whose code and a hyphen is the longest prefix of `id`.
    public static func owner(ofId id: String, among codes: some Sequence<String>) -> String? {
        codes.filter { id.hasPrefix($0 + "-") }.max { $0.count < $1.count }
    }

    /// A clerk's case ids start with their agency's code and a hyphen (`WH-SJJ-2024-0001`), so that
    /// no agency can take an id another agency will need. The forms' first check, before the store's.
    public static func idPrefixRefusal(id: String, agency: String) -> String? {
        id.hasPrefix(agency + "-") ? nil : scopeRefusal(agency)
    }

    private static func scopeRefusal(_ agency: String) -> String {
        "本账号只能提交本机关的案件：案件编号须以本机关代码“\(agency)-”开头（例如 \(agency)-\(Today.process().year)-0001），"
            + "且不能以下级或其他执法主体的代码开头"
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
