import ArgumentParser
import CaseModel
import CaseStore
import Foundation
import Reports
import WorkCalendar

/// `zhifa annual`: the figures of the 118号 annual data report.
struct AnnualCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annual",
        abstract: "Per agency, the year's licenses, penalties by kind with the fines' total, compulsory measures and inspections (国办发〔2018〕118号年度数据).")

    @OptionGroup var store: StoreOptions

    @Option(help: "The year (default: the complete year with the most decisions stored).")
    var year: Int?

    @Option(help: "html (a printable page) and xlsx (a workbook to publish) need --out.")
    var format: AnnualFormat = .text

    @Option(help: ArgumentHelp("Write to this file.", valueName: "file"))
    var out: String?

    func validate() throws {
        if format != .text, out == nil { throw ValidationError("\(format.rawValue) 须以 --out 文件 指定输出文件。") }
        if let year, !CalendarDate.reportingYears.contains(year) {
            throw ValidationError("--year 须为 \(CalendarDate.reportingYears.lowerBound) 到 \(CalendarDate.reportingYears.upperBound) 之间的年份。")
        }
    }

    func run() throws {
        try checkOutput(out)
        let caseStore = try store.open()
        let chosen = try year ?? caseStore.reportingYear(today: Today.process())
        switch format {
        case .xlsx:
            try AnnualReport.workbook(year: chosen, store: caseStore, to: URL(fileURLWithPath: out!))
            print("已写入 \(chosen) 年度行政执法数据：\(out!)")
        case .html:
            try OutputFile.write(Data(try AnnualReport.html(year: chosen, store: caseStore, links: false).utf8), to: URL(fileURLWithPath: out!))
            print("已写入 \(chosen) 年度行政执法数据：\(out!)")
        case .text:
            let names = RegistryNames(try caseStore.registry())
            let figures = try caseStore.annualFigures(year: chosen)
            print("\(chosen)年度行政执法总体情况（按决定日期统计）")
            for agency in try caseStore.registry().agencies.map(\.code) {
                let f = figures[agency] ?? AnnualFigures(agency: agency)
                let penalties = PenaltyKind.allCases.compactMap { kind in f.penalties[kind].map { "\(kind.chineseName)\($0)" } }
                print(
                    "\(names.agency(agency))：行政许可 \(f.decisions[.license] ?? 0) 件（准予 \(f.licensesGranted)，不予 \(f.licensesDenied)）；"
                        + "行政处罚 \(f.decisions[.penalty] ?? 0) 件（\(penalties.isEmpty ? "—" : penalties.joined(separator: "、"))），罚款 \(f.fineTotal)；"
                        + "行政强制 \(f.decisions[.coercion] ?? 0) 件；行政检查 \(f.decisions[.inspection] ?? 0) 件")
            }
        }
    }
}
