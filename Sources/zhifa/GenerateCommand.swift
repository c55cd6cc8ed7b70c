import ArgumentParser
import Checklists
import Foundation
import Generator
import WorkCalendar

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a realistic synthetic data set (registry, benchmarks, <cases> files of at most 10,000 cases).",
        discussion: "Most cases are clean; about 12% carry one planted defect from one rule family. The same seed gives the same files.")

    @Option(help: "How many cases.")
    var cases: Int

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    @Option(help: "How many agencies.")
    var agencies: Int = 12

    @Option(name: .customLong("defect-rate"), help: "Share of cases that carry one planted defect (0 to 1).")
    var defectRate: Double = 0.12

    @Option(
        name: .customLong("document-rate"),
        help: "Share of decided general-procedure fines written with their 告知书 and 决定书 as TXT, DOCX or OFD files (0 to 1).")
    var documentRate: Double = 0.1

    @Option(help: ArgumentHelp("The folder to write into (created if missing).", valueName: "dir"))
    var out: String

    func validate() throws {
        guard cases >= 0 else { throw ValidationError("--cases 是案件数，应为 0 或更多。") }
        guard (1...1000).contains(agencies) else { throw ValidationError("--agencies 是执法主体数，应在 1 至 1000 之间。") }
        guard (0...1).contains(defectRate) else { throw ValidationError("--defect-rate 是缺陷案件比例，应在 0 至 1 之间。") }
        guard (0...1).contains(documentRate) else { throw ValidationError("--document-rate 是附文书文件的案件比例，应在 0 至 1 之间。") }
    }

    func run() throws {
        let calendar: WorkingDayCalendar
        do { calendar = try WorkingDayCalendar.bundled() } catch { throw CommandFailure("\(error)") }
        var writer = DataSetWriter(cases: cases, seed: seed, agencies: agencies)
        writer.defectRate = defectRate
        writer.documentRate = documentRate
        let summary = try writer.write(to: URL(fileURLWithPath: out), calendar: calendar)
        let planted = summary.defects.keys.sorted { $0.rawValue < $1.rawValue }.map { "\($0.rawValue) \(summary.defects[$0]!)" }
        print("已生成 \(summary.cases) 件案件，共 \(summary.files.count) 个文件，写入 \(out)；植入缺陷：\(planted.isEmpty ? "无" : planted.joined(separator: "、"))")
    }
}
