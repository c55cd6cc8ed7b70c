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
            command then exits with status 1 after listing every problem as FILE:LINE: message.
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: "Files or folders to import.")
    var paths: [String]

    func run() throws {
        let caseStore = try store.open(creating: true)
        // Each file is reported the moment it is committed or refused, and flushed: an import
        // that is killed has still said which files it stored.
        let report = caseStore.importPaths(paths, actor: store.actorName) { file in
            switch file.outcome {
            case .imported(let counts):
                print("imported \(file.path): \(describe(counts, kind: file.kind))")
            case .failed(let diagnostics):
                print("FAILED   \(file.path): nothing stored")
                for diagnostic in diagnostics { printError(diagnostic.description) }
            }
            fflush(nil)  // every output stream: stdout is a C global Swift 6 will not touch
        }
        let totals = report.totals
        print("\(report.files.count) files, \(report.failures.count) failed; cases: \(totals.newCases) new, \(totals.replacedCases) replaced, \(totals.unchangedCases) unchanged; store \(store.path)")
        if !report.failures.isEmpty { throw ExitCode(1) }
    }

    private func describe(_ counts: ImportCounts, kind: DocumentKind?) -> String {
        switch kind {
        case .registry?: "\(counts.agencies) agencies, \(counts.officers) people"
        case .benchmarks?: "\(counts.benchmarkItems) benchmark items"
        default: "\(counts.newCases) new, \(counts.replacedCases) replaced, \(counts.unchangedCases) unchanged cases"
        }
    }
}
