import ArgumentParser
import CaseModel
import CaseStore
import CaseXML
import Foundation
import Ledger

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import registry, benchmark and case XML files, and case ledgers (.xlsx, .csv), or folders of them.",
        discussion: """
            Folders are searched recursively for .xml files; other files in them are evidence that \
            records point at. Registries import first, then benchmarks, then cases. Each file is one \
            transaction: a file with any problem is not stored at all, the others still are, and the \
            command then exits with status 1 after listing every problem as FILE 第N行：message, with a case that names an unknown officer, reviewer or benchmark item stored but reported as 提醒. \
            Into an empty PostgreSQL store, files of 2,000 cases or more are loaded together as a restore \
            loads, indexes made after the rows, and reported once all are committed; other processes \
            wait for the store meanwhile.
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: "Files or folders to import.")
    var paths: [String]

    @Flag(help: "Print libxml2's own text under each translated problem, for experts.")
    var verbose = false

    @OptionGroup var progress: ProgressOptions

    func run() throws {
        let caseStore = try store.open(creating: true)
        let (xmlPaths, ledgers) = try Self.partition(paths)
        var files = 0
        var failures = 0
        var totals = ImportCounts()
        let bar = progress.bar("导入")
        var expected = ledgers.count
        defer { bar.finish() }
        func report(_ path: String, kind: DocumentKind?, _ outcome: FileImportResult.Outcome) {
            bar.finish()
            defer { bar.update(done: files, total: expected, unit: "个文件") }
            files += 1
            switch outcome {
            case .imported(let counts):
                totals = totals + counts
                print("已导入 \(path)：\(describe(counts, kind: kind))")
                for warning in counts.warnings { printError("提醒：\(warning.description)") }
            case .failed(let diagnostics):
                failures += 1
                print("未导入 \(path)：有错误，该文件一条也未存入")
                for diagnostic in diagnostics { printError(verbose ? diagnostic.verboseDescription : diagnostic.description) }
            }
            fflush(nil)  // every output stream: stdout is a C global Swift 6 will not touch
        }
        // Each file is reported the moment it is committed or refused, and flushed: an import
        // that is killed has still said which files it stored.
        func stop(_ reason: String) -> CommandFailure {
            CommandFailure("导入中止：\(reason)。此前报告“已导入”的文件已存入，其余文件未导入；数据库恢复后重新运行同一命令即可（已导入的文件不会重复）。")
        }
        if !xmlPaths.isEmpty {
            let imported = caseStore.importPaths(
                xmlPaths, actor: store.actorName,
                progress: { report($0.path, kind: $0.kind, $0.outcome) },
                located: {
                    expected += $0
                    bar.update(done: 0, total: expected, unit: "个文件")
                })
            if let interruption = imported.interruption { throw stop(interruption) }
        }
        // Ledgers after the XML, whose registry names the officers a ledger lists by certificate.
        for ledger in ledgers {
            // A published 双公示 list is a sheet too: its header names the template's 决定文号.
            if PublishedListReader.isPublishedList(URL(fileURLWithPath: ledger)) {
                files += 1
                do {
                    try importPublished(ledger, into: caseStore)
                } catch {
                    failures += 1
                    print("未导入 \(ledger)：有错误，该文件一条也未存入")
                    for diagnostic in CaseStore.diagnostics(of: error, file: ledger) { printError(diagnostic.description) }
                    if StoreCondition(error) == .unavailable { throw stop("\(error)") }
                }
                continue
            }
            do {
                report(
                    ledger, kind: .cases,
                    .imported(
                        try caseStore.importLedger(
                            URL(fileURLWithPath: ledger), displayName: ledger,
                            actor: store.actorName)))
            } catch {
                report(ledger, kind: .cases, .failed(CaseStore.diagnostics(of: error, file: ledger)))
                if StoreCondition(error) == .unavailable { throw stop("\(error)") }
            }
        }
        print(
            "共 \(files) 个文件，\(failures) 个未导入；案件新增 \(totals.newCases) 件、替换 \(totals.replacedCases) 件、未变 \(totals.unchangedCases) 件\(totals.warnings.isEmpty ? "" : "；提醒 \(totals.warnings.count) 条")；库 \(store.displayName)"
        )
        if failures > 0 { throw ExitCode(1) }
    }

    /// Ledgers (.xlsx, .csv) named or found in folders, and the paths left for the XML import
    /// (a folder only when it holds XML).
    static func partition(_ paths: [String]) throws -> (xml: [String], ledgers: [String]) {
        var xml: [String] = []
        var ledgers: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
                if LedgerFiles.isLedger(path) { ledgers.append(path) } else { xml.append(path) }
                continue
            }
            let found = (manager.enumerator(atPath: path)?.allObjects as? [String] ?? []).sorted()
            ledgers += found.filter(LedgerFiles.isLedger).map { (path as NSString).appendingPathComponent($0) }
            if found.contains(where: { $0.lowercased().hasSuffix(".xml") }) || !found.contains(where: LedgerFiles.isLedger) {
                xml.append(path)
            }
        }
        return (xml, ledgers)
    }

    /// A published 双公示 list: stored with what it covers; each row that names no stored case said.
    private func importPublished(_ path: String, into caseStore: CaseStore) throws {
        let url = URL(fileURLWithPath: path)
        let list = try PublishedListReader().read(url, displayName: path)
        // The reader already refused a sheet larger than it reads; the file itself is bounded too.
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        guard size <= 256 << 20 else { throw CommandFailure("\(path)：文件超过 256 MB，不是可导入的公示清单") }
        let hash = Hex.sha256(try Data(contentsOf: url))
        // Stored and shown by its file's name: a case's page need not tell the server's folders.
        let result = try caseStore.importPublishedList(list, file: url.lastPathComponent, contentHash: hash, actor: store.actorName)
        let kind = list.type == .penalty ? "行政处罚" : "行政许可"
        guard !result.unchanged else {
            print("未变 \(path)：该公示清单此前已导入")
            return
        }
        print("已导入 \(path)：\(kind)公示清单 \(result.rows) 条，对应库中案件 \(result.matched) 条，未对应 \(result.unmatched.count) 条")
        for row in result.unmatched { printError("提醒：\(path) 第\(row.row)行：文号 \(row.number) \(row.reason)") }
    }

    private func describe(_ counts: ImportCounts, kind: DocumentKind?) -> String {
        switch kind {
        case .registry?: "执法主体 \(counts.agencies) 个、人员 \(counts.officers) 名"
        case .benchmarks?: "裁量基准事项 \(counts.benchmarkItems) 项"
        default: "案件新增 \(counts.newCases) 件、替换 \(counts.replacedCases) 件、未变 \(counts.unchangedCases) 件"
        }
    }
}
