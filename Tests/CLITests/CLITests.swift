import CaseModel
import Foundation
import TestSupport
import Testing

/// Runs the built `zhifa` binary: the command line is a contract that scripts rely on.
struct Zhifa {
    /// `swift test` builds the executable beside the test bundle.
    static let binary: URL = {
        let exe =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")).map(URL.init(fileURLWithPath:))
            ?? URL(fileURLWithPath: CommandLine.arguments[0])
        var folder = exe.deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("zhifa")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return Repository.root.appendingPathComponent(".build/debug/zhifa")
    }()

    struct Result {
        var status: Int32
        var out: String
        var err: String
    }

    static func run(
        _ arguments: [String], in folder: URL? = nil, input: String? = nil,
        environment extra: [String: String] = [:], executable: URL = binary
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        var environment = ProcessInfo.processInfo.environment
        environment["ZHIFA_DB"] = nil
        environment["PGPASSWORD"] = nil
        environment["PGPASSFILE"] = nil
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self), err: String(decoding: errData, as: UTF8.self))
    }
}

@Suite(.serialized) struct CLITests {
    @Test func calendarAnswersInTheDocumentedFormat() throws {
        #expect(try Zhifa.run(["calendar", "add", "2024-02-05", "7"]).out == "2024-02-20\n")
        #expect(try Zhifa.run(["calendar", "count", "2024-09-27", "2024-10-12"]).out == "7\n")
        #expect(
            try Zhifa.run(["calendar", "days", "2024-02-16", "2024-02-19"]).out
                == "2024-02-16\t休息日\t春节\n2024-02-17\t休息日\t春节\n2024-02-18\t工作日\t调休上班\n2024-02-19\t工作日\t\n")
        #expect(try Zhifa.run(["calendar", "days", "2024-02-24", "2024-02-24"]).out == "2024-02-24\t休息日\t周末\n")
    }

    @Test func calendarErrorsGoToStandardErrorWithANonZeroExit() throws {
        let unknownYear = try Zhifa.run(["calendar", "add", "2027-01-04", "1"])
        #expect(unknownYear.status != 0 && unknownYear.out.isEmpty && unknownYear.err.contains("2027"))
        let badDate = try Zhifa.run(["calendar", "count", "2024-02-30", "2024-03-01"])
        #expect(badDate.status != 0 && badDate.out.isEmpty && badDate.err.contains("2024-02-30"))
    }

    @Test func importListsCasesAuditsAndWarnsThroughTheStoreFile() throws {
        let folder = try TemporaryFolder()
        let db = folder.file("store.sqlite").path
        let imported = try Zhifa.run(["import", "--db", db, Repository.samples.path])
        #expect(imported.status == 0, "\(imported.err)")
        #expect(imported.out.contains("新增 \(Repository.sampleCaseCount) 件"))
        #expect(FileManager.default.fileExists(atPath: db))

        let cases = try Zhifa.run(["cases", "--db", db, "--format", "json"])
        let list = try JSONSerialization.jsonObject(with: Data(cases.out.utf8)) as! [[String: Any]]
        #expect(list.count == Repository.sampleCaseCount)
        #expect(list.allSatisfy { $0["id"] != nil && $0["agency"] != nil && $0["type"] != nil })
        #expect(list.first { $0["id"] as? String == "WH-SJJ-2024-0204" }?["decisionDate"] as? String == "2024-02-05")

        let audit = try Zhifa.run(["audit", "--db", db, "--as-of", "2026-11-22", "--format", "json", "--agency", "WH-HBJ"])
        let document = try JSONSerialization.jsonObject(with: Data(audit.out.utf8)) as! [String: Any]
        #expect((document["cases"] as! [Any]).count == 5)

        // The summary, counted from the stored columns, closes as the full text report does.
        let full = try Zhifa.run(["audit", "--db", db, "--as-of", "2026-11-22"]).out
        let summary = try Zhifa.run(["audit", "--db", db, "--as-of", "2026-11-22", "--format", "summary"])
        let lines = summary.out.split(separator: "\n").map(String.init)
        #expect(summary.status == 0 && lines.count == 4, "\(summary.out)")
        #expect(lines.first == "行政执法案卷评查汇总" && lines[2].hasPrefix("汇总：\(Repository.sampleCaseCount)件，已决定案件平均得分 "))
        #expect(full.split(separator: "\n").last.map(String.init) == lines[2])
        let vetoed = full.components(separatedBy: " · 否决").count - 1
        #expect(vetoed > 0 && lines[3].hasPrefix("否决 \(vetoed)件，有问题 "), "\(lines[3])")
        #expect(summary.err.contains("输入未变"), "the second audit of the day reuses the first run")

        let due = try Zhifa.run(["due", "--db", db, "--as-of", "2024-10-15", "--within", "3", "--format", "json"])
        let warnings = try JSONSerialization.jsonObject(with: Data(due.out.utf8)) as! [[String: Any]]
        #expect(
            warnings.contains {
                $0["case"] as? String == "WH-SJJ-2024-1010" && $0["obligation"] as? String == "disclosure"
                    && $0["deadline"] as? String == "2024-10-18" && $0["overdue"] as? Bool == false
            })

        #expect(try Zhifa.run(["verify", "--db", db]).status == 0)
        let xml = try Zhifa.run(["case", "show", "--db", db, "WH-SJJ-2024-0117", "--format", "xml"])
        #expect(xml.out.hasPrefix("<?xml") && xml.out.contains("urn:zhifa:case:1"))

        // People read names and labels from the shared table, as the web page shows them.
        let text = try Zhifa.run(["case", "show", "--db", db, "WH-SJJ-2024-0117"]).out
        #expect(text.contains("执法主体  芜湖市市场监督管理局"))
        #expect(text.contains("行政处罚（\(Procedure.general.chineseName)）") && text.contains("（\(PartyKind.organisation.chineseName)）"))
        #expect(text.contains("王某（O-1001）") && text.contains("（文字记录）"))
        #expect(!text.contains("general") && !text.contains("（text）") && !text.contains("单位）"))
        let table = try Zhifa.run(["cases", "--db", db]).out
        #expect(table.contains("芜湖市市场监督管理局\t行政处罚\t普通程序"))
        let missing = try Zhifa.run(["case", "show", "--db", db, "NO-SUCH-CASE"])
        #expect(missing.status != 0 && missing.err.contains("中没有案件 NO-SUCH-CASE"))
    }

    /// A ledger from the template's command round-trips through import and export on the command line.
    @Test func ledgersImportAndExportFromTheCommandLine() throws {
        let folder = try TemporaryFolder()
        let db = folder.file("store.sqlite").path
        let template = try Zhifa.run(["ledger", "template", "--out", folder.file("模板.xlsx").path])
        #expect(template.status == 0 && FileManager.default.fileExists(atPath: folder.file("模板.xlsx").path))
        let ledger = Repository.root.appendingPathComponent("Tests/Fixtures/ledgers/hand-ledger.csv").path
        let imported = try Zhifa.run([
            "import", "--db", db, Repository.samples.appendingPathComponent("registry.xml").path,
            Repository.samples.appendingPathComponent("benchmarks").path, ledger
        ])
        #expect(imported.status == 0, "\(imported.err)")
        #expect(imported.out.contains("已导入 \(ledger)：案件新增 3 件"))
        // A ledger filled in by hand audits like any case: scored, with what a ledger cannot hold named.
        let audit = try Zhifa.run(["audit", "--db", db, "--as-of", "2026-11-22", "--case", "WH-SJJ-2025-0301"])
        #expect(audit.status == 0 && audit.out.contains("WH-SJJ-2025-0301  芜湖市市场监督管理局  初评 96分 · 优秀（待人工评查 4 项，共24分）"), "\(audit.out)")
        #expect(audit.out.contains("RECORD-TEXT"))
        let exported = try Zhifa.run(["export", "ledger", "--db", db, "--agency", "WH-SJJ", "--out", folder.file("out.xlsx").path])
        #expect(exported.status == 0 && exported.out.contains("已写入 3 件案件的台账"))
        let again = try Zhifa.run(["import", "--db", db, folder.file("out.xlsx").path])
        #expect(again.status == 0 && again.out.contains("未变 3 件"), "\(again.out)\(again.err)")
    }

    /// The argument parser's own errors and the calendar's refusals read as Chinese sentences.
    @Test func commandLineMistakesAreAnsweredInChinese() throws {
        let negative = try Zhifa.run(["calendar", "add", "2024-10-08", "-3"])
        #expect(negative.status != 0 && negative.out.isEmpty)
        #expect(negative.err.hasPrefix("错误：工作日数 -3 为负数"), "\(negative.err)")
        #expect(try Zhifa.run(["calendar", "add", "2024-10-08", "0"]).out == "2024-10-08\n")
        let missing = try Zhifa.run(["calendar", "add", "2024-10-08"])
        #expect(missing.err.hasPrefix("错误：缺少工作日数 N"))
        let unknown = try Zhifa.run(["cases", "--bogus"])
        #expect(unknown.err.hasPrefix("错误：没有选项 --bogus") && unknown.err.contains("用法："))
        let choice = try Zhifa.run(["cases", "--format", "pdf"])
        #expect(choice.err.hasPrefix("错误：--format 不接受取值“pdf”；可选：table、json"), "\(choice.err)")
        let noArgument = try Zhifa.run(["case", "show"])
        #expect(noArgument.err.hasPrefix("错误：缺少参数 <id>"), "\(noArgument.err)")
        let noValue = try Zhifa.run(["cases", "--format"])
        #expect(noValue.err.hasPrefix("错误：选项 --format 缺少取值"), "\(noValue.err)")
        let extra = try Zhifa.run(["cases", "甲", "乙"])
        #expect(extra.err.hasPrefix("错误：多余的参数 甲、乙"), "\(extra.err)")
        // Each sentence above comes from the parser's error read as data (`ParserFailure`): were
        // a case renamed upstream, its English would follow “错误：” and fail here.
        let all = [negative, missing, unknown, choice, noArgument, noValue, extra].map(\.err).joined()
        #expect(!all.contains("Error:") && !all.contains("Missing") && !all.contains("Unknown") && !all.contains("Unexpected"))
    }

    /// A mistyped --db is an error for every command but import, and creates nothing (issue 13).
    @Test func aStoreThatDoesNotExistIsAnErrorExceptForImport() throws {
        let folder = try TemporaryFolder()
        let typo = folder.file("zhifa.sqlit").path
        for command in [["cases"], ["audit"], ["verify"], ["due"]] {
            let result = try Zhifa.run(command + ["--db", typo])
            #expect(result.status != 0, "\(command)")
            #expect(result.err.contains("库文件") && result.err.contains("不存在"), "\(command): \(result.err)")
        }
        #expect(!FileManager.default.fileExists(atPath: typo))
        #expect(try Zhifa.run(["import", "--db", typo, Repository.samples.appendingPathComponent("registry.xml").path]).status == 0)
        #expect(try Zhifa.run(["cases", "--db", typo]).status == 0)
    }

    @Test func aFailedFileExitsOneAfterListingItsProblemsAndTheOthersStillImport() throws {
        let folder = try TemporaryFolder()
        let db = folder.file("store.sqlite").path
        #expect(try Zhifa.run(["import", "--db", db, Repository.samples.appendingPathComponent("registry.xml").path]).status == 0)
        try folder.write("in/good.xml", caseDocument(id: "G-1"))
        try folder.write("in/bad.xml", caseDocument(id: "B-1", type: "nonsense"))
        let result = try Zhifa.run(["import", "--db", db, folder.file("in").path])
        #expect(result.status == 1)
        #expect(result.err.contains("bad.xml 第2行：案件的执法类别“nonsense”不是可用的取值；可选：penalty（行政处罚）"))
        #expect(result.err.contains("inspection（行政检查）") && !result.err.contains("libxml2"))
        let verbose = try Zhifa.run(["import", "--verbose", "--db", db, folder.file("in/bad.xml").path])
        #expect(verbose.status == 1 && verbose.err.contains("libxml2：Element '{urn:zhifa:case:1}case', attribute 'type'"))
        let listed = try Zhifa.run(["cases", "--db", db, "--format", "json"])
        #expect(listed.out.contains("G-1") && !listed.out.contains("B-1"))
    }

    @Test func theDefaultStoreIsZhifaSqliteInTheCurrentFolder() throws {
        let folder = try TemporaryFolder()
        #expect(try Zhifa.run(["import", Repository.samples.appendingPathComponent("registry.xml").path], in: folder.url).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.file("zhifa.sqlite").path))
    }
}
