import ArgumentParser
import CaseModel
import Foundation
import Reports

/// `zhifa export publicity`: decisions in the national 双公示 template for the credit platform.
struct PublicityExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publicity",
        abstract: "Write penalties or licenses in the national 双公示 template (信用中国), its columns in order, for upload.",
        discussion: """
            Penalties that imposed one and were not withdrawn, or licenses granted, decided within \
            --from/--to; amounts in 万元; an individual's identity number is never written; 公示截止期 \
            from the checklist's publicity.penalty.months.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var options: AuditOptions

    @Option(help: "penalty (行政处罚) or license (行政许可).")
    var kind: Kind

    @OptionGroup var period: PeriodOptions

    @Option(help: ArgumentHelp("Only this agency.", valueName: "code"))
    var agency: String?

    @Option(help: "xlsx or csv (UTF-8 with a byte-order mark).")
    var format: Format = .xlsx

    @Option(help: ArgumentHelp("The file to write.", valueName: "file"))
    var out: String

    enum Kind: String, ExpressibleByArgument, CaseIterable { case penalty, license }
    enum Format: String, ExpressibleByArgument, CaseIterable { case xlsx, csv }

    func run() throws {
        try checkOutput(out)
        let caseStore = try store.open()
        if let agency, try !caseStore.registry().agencies.contains(where: { $0.code == agency }) {
            throw CommandFailure("名录中没有代码为 \(agency) 的执法主体。")
        }
        let auditor = try options.runner(store: caseStore).auditor()
        let selection = PublicityExport.Selection(
            kind: kind == .penalty ? .penalty : .license, agency: agency, from: period.fromDate, to: period.toDate)
        let count = try PublicityExport.write(
            selection, store: caseStore, auditor: auditor, format: format == .csv ? .csv : .xlsx, to: URL(fileURLWithPath: out))
        print("已写入 \(count) 条\(kind == .penalty ? "行政处罚" : "行政许可")公示数据到 \(out)（双公示模板）")
    }
}
