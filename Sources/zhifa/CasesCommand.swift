import ArgumentParser
import CaseModel
import CaseStore
import CaseXML
import Foundation

struct CasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cases", abstract: "List stored cases.")

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Only this agency's cases.", valueName: "code"))
    var agency: String?

    @Option(help: "How to list them.")
    var format: ListFormat = .table

    func run() throws {
        let summaries = try store.open().caseSummaries(agency: agency)
        switch format {
        case .json:
            print(try JSONOutput.string(summaries))
        case .table:
            print(["案件编号", "执法主体", "类别", "程序", "决定日期", "决定文号", "当事人"].joined(separator: "\t"))
            for s in summaries {
                print([s.id, s.agency, s.type.chineseName, s.procedure.rawValue, s.decisionDate?.description ?? "-",
                       s.decisionNumber ?? "-", s.party].joined(separator: "\t"))
            }
        }
    }
}

struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "case", abstract: "Work with one case.",
                                                    subcommands: [Show.self, History.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a stored case as XML, JSON or text.")

        @OptionGroup var store: StoreOptions

        @Argument(help: "The case id.")
        var id: String

        @Option(help: "xml is the interchange format, canonical.")
        var format: CaseFormat = .text

        func run() throws {
            guard let found = try store.open().loadCase(id: id) else {
                throw CommandFailure("No case \(id) in \(store.path).")
            }
            switch format {
            case .xml: print(CaseXMLWriter.document(found), terminator: "")
            case .json: print(try JSONOutput.string(found))
            case .text: print(CaseText.render(found))
            }
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the earlier versions of a case that re-imports replaced.")

        @OptionGroup var store: StoreOptions

        @Argument(help: "The case id.")
        var id: String

        func run() throws {
            let versions = try store.open().history(caseId: id)
            guard !versions.isEmpty else {
                print("case \(id) has no earlier versions")
                return
            }
            for version in versions {
                print("version \(version.version)\treplaced \(version.replacedAt)\tfrom \(version.sourceFile ?? "-")\tsha256 \(version.contentHash)")
            }
        }
    }
}

enum JSONOutput {
    static func string<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
