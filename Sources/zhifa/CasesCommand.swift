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
        let opened = try store.open()
        let summaries = try opened.caseSummaries(agency: agency)
        switch format {
        case .json:
            print(try JSONOutput.string(summaries))
        case .table:
            let names = RegistryNames(try opened.registry())
            print(["案件编号", "执法主体", "类别", "程序", "决定日期", "决定文号", "当事人"].joined(separator: "\t"))
            for s in summaries {
                print(
                    [
                        s.id, names.agency(s.agency), s.type.chineseName, s.procedure.chineseName, s.decisionDate?.description ?? "-",
                        s.decisionNumber ?? "-", s.party
                    ].joined(separator: "\t"))
            }
        }
    }
}

struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case", abstract: "Work with one case.",
        subcommands: [Show.self, History.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a stored case as XML, JSON or text.")

        @OptionGroup var store: StoreOptions

        @Argument(help: "The case id.")
        var id: String

        @Option(help: "xml is the interchange format, canonical.")
        var format: CaseFormat = .text

        func run() throws {
            let opened = try store.open()
            guard let found = try opened.loadCase(id: id) else {
                throw CommandFailure("库 \(store.displayName) 中没有案件 \(id)。")
            }
            switch format {
            case .xml: print(CaseXMLWriter.document(found), terminator: "")
            case .json: print(try JSONOutput.string(found))
            case .text: print(CaseText.render(found, names: RegistryNames(try opened.registry())))
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
                print("案件 \(id) 没有被重新导入替换过的早先版本")
                return
            }
            for version in versions {
                print("第\(version.version)版\t替换于 \(version.replacedAt)\t来源 \(version.sourceFile ?? "-")\tsha256 \(version.contentHash)")
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
