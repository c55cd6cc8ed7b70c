import CaseModel
import CaseStore
import CaseXML
import Foundation
import Ledger
import TestSupport
import Testing
import ZIPFoundation

/// A store in memory with the sample registry and benchmarks, as a ledger import expects.
func sampleStore() throws -> CaseStore {
    let store = try CaseStore.inMemory()
    let report = store.importPaths(
        [
            Repository.samples.appendingPathComponent("registry.xml").path,
            Repository.samples.appendingPathComponent("benchmarks").path
        ], actor: "test")
    precondition(report.failures.isEmpty, "\(report.failures)")
    return store
}

private let fixtures = Repository.root.appendingPathComponent("Tests/Fixtures/ledgers")

@Suite struct LedgerImportTests {
    @Test func aLedgerSavedByLibreOfficeImportsAsTheCasesItDescribes() throws {
        let store = try sampleStore()
        let counts = try store.importLedger(fixtures.appendingPathComponent("libreoffice-ledger.xlsx"), displayName: "台账.xlsx", actor: "test")
        #expect(counts.newCases == 3)
        let fined = try #require(try store.loadCase(id: "WH-SJJ-2025-0301"))
        #expect(fined.type == .penalty && fined.procedure == .general)
        #expect(fined.party.kind == .organisation && fined.party.creditCode == "91340200MA2XXXXX88")
        #expect(fined.matter?.item == "SJ-DJ-48" && fined.matter?.violationDate == CalendarDate("2025-02-20"))
        #expect(fined.events.map(\.kind) == [.discovered, .filed, .notice, .decision, .delivery, .closed])
        // Certificate numbers became the registry's officer ids.
        #expect(fined.decision?.officers == ["O-1001", "O-1002"])
        #expect(fined.decision?.date == CalendarDate("2025-03-18") && fined.decision?.number == "芜市监处罚〔2025〕301号")
        #expect(fined.events.first { $0.kind == .notice }?.hearingRights == false)
        #expect(fined.outcome?.penalties == [Penalty(kind: .warning), Penalty(kind: .fine, amount: Money(yuanText: "2000"))])
        #expect(fined.outcome?.discretion == Discretion(level: "从轻", reason: "主动改正"))
        #expect(fined.disclosure?.date == CalendarDate("2025-03-24"))
        // A date written 2025/3/4 and one written 2025年3月20日 read as those days.
        let simple = try #require(try store.loadCase(id: "WH-SJJ-2025-0302"))
        #expect(simple.procedure == .simple && simple.party.kind == .individual && simple.decision?.date == CalendarDate("2025-03-04"))
        let license = try #require(try store.loadCase(id: "WH-SJJ-2025-0303"))
        #expect(license.type == .license && license.decision?.date == CalendarDate("2025-03-20"))
        #expect(license.events.first { $0.kind == .delivery }?.method == .mail)
        // The CSV it was made from holds the same cases: importing it changes nothing.
        let again = try store.importLedger(fixtures.appendingPathComponent("hand-ledger.csv"), actor: "test")
        #expect(again.unchangedCases == 3 && again.newCases == 0 && again.replacedCases == 0)
    }

    @Test func oneBadDateRefusesTheWholeLedgerNamingRowAndColumn() throws {
        let store = try sampleStore()
        let folder = try TemporaryFolder()
        let text = try String(contentsOf: fixtures.appendingPathComponent("hand-ledger.csv"), encoding: .utf8)
        let bad = try folder.write("bad.csv", text.replacingOccurrences(of: "2025-03-18,芜市监处罚", with: "2025-02-30,芜市监处罚"))
        let before = try store.caseCount()
        #expect { try store.importLedger(bad, displayName: "bad.csv", actor: "test") } throws: { error in
            "\(error)" == "bad.csv 第2行 “决定日期”：“2025-02-30”不是有效日期（可写作 2024-03-05、2024/3/5 或 2024年3月5日）"
        }
        #expect(try store.caseCount() == before, "nothing of the file is stored")
        // The day before is a real date: the same ledger with 2025-02-28 imports.
        let good = try folder.write("good.csv", text.replacingOccurrences(of: "2025-03-18,芜市监处罚", with: "2025-02-28,芜市监处罚"))
        #expect(try store.importLedger(good, actor: "test").newCases == 3)
    }

    /// Format 1.1's columns: the power a case exercises and what became of it in 复议 and 诉讼.
    @Test func powersAndRulingsReadFromTheirColumnsEachResultWithItsDay() throws {
        let store = try sampleStore()
        let folder = try TemporaryFolder()
        let header = "案件编号,执法主体编码,案件类型,当事人,决定日期,决定文号,权责事项编码,行政复议决定日期,行政复议结果,诉讼判决日期,判决结果\n"
        let good = try folder.write(
            "good.csv",
            header + "WH-CGJ-2025-0901,WH-CGJ,行政处罚,某公司,2025-03-01,芜城管罚〔2025〕901号,CG-CF-001,2025-06-01,撤销,,\n"
                + "WH-CGJ-2025-0902,WH-CGJ,行政处罚,某公司,2025-03-02,芜城管罚〔2025〕902号,CG-CF-001,,,2025-09-01,驳回诉讼请求\n")
        #expect(try store.importLedger(good, actor: "test").newCases == 2)
        let first = try #require(try store.loadCase(id: "WH-CGJ-2025-0901"))
        #expect(first.power == "CG-CF-001" && first.events.last?.kind == .reconsiderationDecided && first.events.last?.ruling == .revoked)
        #expect(try store.loadCase(id: "WH-CGJ-2025-0902")?.events.last?.ruling == .dismissed)

        for (row, expected) in [
            ("WH-CGJ-2025-0903,WH-CGJ,行政处罚,某公司,2025-03-01,X,,,撤销,,", "bad.csv 第2行 “行政复议决定日期”：填写了行政复议结果，但没有行政复议决定日期"),
            ("WH-CGJ-2025-0903,WH-CGJ,行政处罚,某公司,2025-03-01,X,,,,2025-09-01,", "bad.csv 第2行 “行政诉讼判决结果”：填写了行政诉讼判决日期，但没有行政诉讼判决结果"),
            ("WH-CGJ-2025-0903,WH-CGJ,行政处罚,某公司,2025-03-01,X,,,,2025-09-01,维持", "bad.csv 第2行 “行政诉讼判决结果”：行政诉讼判决没有“维持”，驳回诉讼请求应写作 dismissed")
        ] {
            let bad = try folder.write("bad.csv", header + row + "\n")
            #expect { try store.importLedger(bad, displayName: "bad.csv", actor: "test") } throws: { error in "\(error)" == expected }
        }
        #expect(try store.caseCount() == 2, "nothing of a refused ledger is stored")
    }

    @Test func columnsAreFoundByNameInAnyOrderUnderTheirCommonVariants() throws {
        let store = try sampleStore()
        let folder = try TemporaryFolder()
        // Shuffled, variant names, a byte-order mark and Windows line ends, as Excel's "CSV UTF-8" writes.
        let csv =
            "\u{FEFF}当事人名称,案号,罚款金额(元),执法主体,执法类别,决定时间,处罚类型,裁量档次,承办人\r\n"
            + "某公司,WH-SJJ-2025-0401,\"1,500\",WH-SJJ,行政处罚,2025/4/8,罚款,一般,3402001001、3402001002\r\n"
        let file = try folder.write("variants.csv", csv)
        #expect(try store.importLedger(file, actor: "test").newCases == 1)
        let c = try #require(try store.loadCase(id: "WH-SJJ-2025-0401"))
        #expect(c.party.name == "某公司" && c.outcome?.penalties.first?.amount == Money(yuanText: "1500"))
        #expect(c.decision?.date == CalendarDate("2025-04-08") && c.decision?.officers == ["O-1001", "O-1002"])
    }

    @Test func everyProblemOfTheFileIsListedWithItsRowAndColumn() throws {
        let store = try sampleStore()
        let folder = try TemporaryFolder()
        let missingColumn = try folder.write("a.csv", "案件编号,执法主体编码,当事人\nX-1,WH-SJJ,某\n")
        #expect { try store.importLedger(missingColumn, displayName: "a.csv", actor: "test") } throws: { error in
            "\(error)" == "a.csv 第1行 “案件类型”：缺少必需的列"
        }
        let csv =
            "案件编号,执法主体编码,案件类型,当事人,决定日期,罚款金额（元）,处罚种类\n"
            + "WH-SJJ-2025-0501,WH-SJJ,行政处分,某,2025-04-01,,\n"
            + "WH-SJJ-2025-0502,WH-SJJ,行政处罚,,2025-04-01,12.345,罚款\n"
            + "WH-SJJ-2025-0501,WH-SJJ,行政处罚,某,2025-04-01,100,罚款\n"
        let file = try folder.write("b.csv", csv)
        var text = ""
        do { _ = try store.importLedger(file, displayName: "b.csv", actor: "test") } catch { text = "\(error)" }
        #expect(text.contains("b.csv 第2行 “案件类型”：“行政处分”不是可选的取值"))
        #expect(text.contains("b.csv 第3行 “当事人”：必填，不能为空"))
        #expect(text.contains("b.csv 第3行 “罚款金额（元）”：“12.345”不是以元为单位、至多两位小数的金额"))
        // Row 2 never became a case, so row 4's id repeats nothing; row 4 itself is fine.
        #expect(!text.contains("第4行"))
        #expect(try store.caseCount() == 0)
    }

    @Test func whatIsNotALedgerIsRefusedWithASentence() throws {
        let store = try sampleStore()
        let folder = try TemporaryFolder()
        let notZip = try folder.write("fake.xlsx", "this is not a workbook")
        #expect { try store.importLedger(notZip, displayName: "fake.xlsx", actor: "test") } throws: { error in
            "\(error)" == "fake.xlsx：不是有效的 XLSX 文件（无法作为 ZIP 打开）"
        }
        let latin = folder.file("gbk.csv")
        try Data([0xB0, 0xB8, 0xBC, 0xFE, 0x2C, 0x0A]).write(to: latin)
        #expect { try store.importLedger(latin, displayName: "gbk.csv", actor: "test") } throws: { error in
            "\(error)".contains("不是 UTF-8 编码")
        }
        // An unquoted field that runs to the end never crashes the reader.
        let open = try folder.write("open.csv", "案件编号,执法主体编码,案件类型,当事人\n\"WH-SJJ-1,WH-SJJ")
        #expect(throws: CaseXMLError.self) { try store.importLedger(open, actor: "test") }
    }
}

@Suite struct LedgerWorkbookTests {
    private func part(_ url: URL, _ path: String) throws -> String {
        let archive = try Archive(url: url, accessMode: .read)
        let entry = try #require(archive[path], "\(path) is in the workbook")
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    @Test func theTemplateHasTheColumnsInOrderDropDownsDateCellsAndInstructions() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("台账模板.xlsx")
        try LedgerWorkbook.template(to: url)
        let titles = LedgerColumn.allCases.map(\.title)
        #expect(
            titles == [
                "案件编号", "执法主体编码", "案件类型", "程序", "当事人", "当事人类型", "统一社会信用代码或身份证号", "违法事实",
                "裁量事项编码", "违法行为发生日期", "发现日期", "立案日期", "执法人员", "告知日期", "是否告知听证", "决定日期",
                "决定文号", "处罚种类", "罚款金额（元）", "裁量阶次", "裁量理由", "送达日期", "送达方式", "公示日期", "公示网址", "结案日期",
                // Format 1.1.
                "权责事项编码", "行政复议决定日期", "行政复议结果", "行政诉讼判决日期", "行政诉讼判决结果"
            ])
        let shared = try part(url, "xl/sharedStrings.xml")
        let sheet = try part(url, "xl/worksheets/sheet1.xml")
        // The header is row 1, cell by cell in that order.
        let header = sheet.components(separatedBy: "<row r=\"1\"")[1].components(separatedBy: "</row>")[0]
        let indexes = header.components(separatedBy: "<v>").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
        let strings = shared.components(separatedBy: "<t xml:space=\"preserve\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
        #expect(indexes.map { strings[$0] } == titles)
        // Drop-downs in Chinese words for the list columns.
        #expect(sheet.contains("<dataValidations count=\"9\">"))
        #expect(sheet.contains("sqref=\"AE2:AE10000\"><formula1>&quot;驳回,撤销,变更,确认违法,确认无效,责令履行&quot;</formula1>"))
        #expect(sheet.contains("sqref=\"C2:C10000\"><formula1>&quot;行政处罚,行政许可,"))
        #expect(sheet.contains("sqref=\"O2:O10000\"><formula1>&quot;是,否&quot;</formula1>"))
        #expect(sheet.contains("<col min=\"16\" max=\"16\""))
        let workbook = try part(url, "xl/workbook.xml")
        #expect(workbook.contains("name=\"台账\"") && workbook.contains("name=\"填写说明\""))
        #expect(shared.contains("执法证号或人员编号，多人以顿号“、”或空格分隔"))
    }

    @Test func storedCasesRoundTripThroughALedger() throws {
        let first = try sampleStore()
        _ = first.importPaths([Repository.samples.appendingPathComponent("cases").path], actor: "test")
        let folder = try TemporaryFolder()
        let ledger = folder.file("sjj.xlsx")
        let count = try LedgerWorkbook.export(store: first, agency: "WH-SJJ", to: ledger)
        #expect(count == (try first.caseIds(agency: "WH-SJJ").count))
        let second = try sampleStore()
        #expect(try second.importLedger(ledger, actor: "test").newCases == count)
        let again = folder.file("again.xlsx")
        try LedgerWorkbook.export(store: second, agency: "WH-SJJ", to: again)
        // What a ledger can hold survives: the second store's cases write the same ledger.
        let reader = LedgerReader(registry: try second.registry())
        let a = try reader.read(ledger, displayName: "a").map(\.enforcementCase)
        let b = try reader.read(again, displayName: "b").map(\.enforcementCase)
        #expect(a == b)
        let original = try #require(try first.loadCase(id: "WH-SJJ-2024-0204"))
        let copied = try #require(try second.loadCase(id: "WH-SJJ-2024-0204"))
        #expect(copied.decision?.date == original.decision?.date && copied.outcome?.penalties == original.outcome?.penalties)
        #expect(
            copied.party.name == original.party.name && copied.party.kind == original.party.kind
                && copied.party.idNumber == original.party.idNumber && copied.party.creditCode == original.party.creditCode)
    }
}
