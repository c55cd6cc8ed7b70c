import ArgumentParser
import Foundation
import Ledger

/// `zhifa ledger template`: the Excel ledger (台账) clerks fill in and `zhifa import` reads.
struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "The case ledger (行政执法案件台账) agencies keep in Excel or WPS.",
        subcommands: [Template.self])

    struct Template: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the ledger template: one row per case, drop-downs in Chinese, date cells, and an instructions sheet.",
            discussion: "Fill it in with Excel, WPS or LibreOffice and import it with zhifa import FILE.xlsx (or save it as CSV UTF-8).")

        @Option(help: ArgumentHelp("Where to write the template (.xlsx).", valueName: "file"))
        var out: String

        func run() throws {
            try checkOutput(out)
            try LedgerWorkbook.template(to: URL(fileURLWithPath: out))
            print("已写入台账模板 \(out)：\(LedgerColumn.allCases.count) 列，另附填写说明")
        }
    }
}

/// `zhifa export ledger`: stored cases in the ledger's layout, so that a ledger round-trips.
struct LedgerExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "Write stored cases as a ledger in the template's layout (.xlsx).")

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Only this agency's cases.", valueName: "code"))
    var agency: String?

    @Option(help: ArgumentHelp("Where to write the ledger (.xlsx).", valueName: "file"))
    var out: String

    func run() throws {
        try checkOutput(out)
        let count = try LedgerWorkbook.export(store: try store.open(), agency: agency, to: URL(fileURLWithPath: out))
        print("已写入 \(count) 件案件的台账到 \(out)")
    }
}
