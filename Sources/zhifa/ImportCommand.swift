import ArgumentParser
import CaseStore
import CaseXML
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import registry, benchmark and case XML files or folders.",
        discussion: """
            Folders are searched recursively for .xml files; other files in them are evidence that \
            records point at. Registries import first, then benchmarks, then cases. Each file is one \
            transaction: a file with any problem is not stored at all, the others still are, and the \
            command then exits with status 1 after listing every problem as FILE 第N行：message, with a case that names an unknown officer, reviewer or benchmark item stored but reported as 提醒.
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: "Files or folders to import.")
    var paths: [String]

    @Flag(help: "Print libxml2's own text under each translated problem, for experts.")
    var verbose = false

    func run() throws {
        let caseStore = try store.open(creating: true)
        // Each file is reported the moment it is committed or refused, and flushed: an import
        // that is killed has still said which files it stored.
        let report = caseStore.importPaths(paths, actor: store.actorName) { file in
            switch file.outcome {
            case .imported(let counts):
                print("已导入 \(file.path)：\(describe(counts, kind: file.kind))")
                for warning in counts.warnings { printError("提醒：\(warning.description)") }
            case .failed(let diagnostics):
                print("未导入 \(file.path)：有错误，该文件一条也未存入")
                for diagnostic in diagnostics { printError(verbose ? diagnostic.verboseDescription : diagnostic.description) }
            }
            fflush(nil)  // every output stream: stdout is a C global Swift 6 will not touch
        }
        let totals = report.totals
        print("共 \(report.files.count) 个文件，\(report.failures.count) 个未导入；案件新增 \(totals.newCases) 件、替换 \(totals.replacedCases) 件、未变 \(totals.unchangedCases) 件\(totals.warnings.isEmpty ? "" : "；提醒 \(totals.warnings.count) 条")；库 \(store.path)")
        if !report.failures.isEmpty { throw ExitCode(1) }
    }

    private func describe(_ counts: ImportCounts, kind: DocumentKind?) -> String {
        switch kind {
        case .registry?: "执法主体 \(counts.agencies) 个、人员 \(counts.officers) 名"
        case .benchmarks?: "裁量基准事项 \(counts.benchmarkItems) 项"
        default: "案件新增 \(counts.newCases) 件、替换 \(counts.replacedCases) 件、未变 \(counts.unchangedCases) 件"
        }
    }
}
