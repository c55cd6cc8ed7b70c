import Audit
import CaseStore
import Foundation
import Reports
import Testing
import ZIPFoundation

@Suite struct ViolationExportTests {
    @Test func csvHasABOMTheContractHeadersAndOneRowPerFailure() throws {
        let (store, _, run) = try Fixture.sampleRun()
        let folder = try TemporaryFolder()
        let count = try ViolationExport.write(run: run, store: store, filter: ViolationFilter(), format: .csv, to: folder.file("v.csv"))
        let data = try Data(contentsOf: folder.file("v.csv"))
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let rows = parseCSV(String(decoding: data.dropFirst(3), as: UTF8.self))
        #expect(
            rows.first == [
                "执法主体", "案件编号", "当事人", "决定文号", "决定日期", "案件类型", "罚款金额（元）", "规则编号",
                "问题类型", "问题", "法律依据", "严重程度", "扣分", "期限", "实际日期"
            ])
        let failures = try Fixture.failures(store, run)
        #expect(rows.count - 1 == failures.count)
        #expect(count == failures.count)
        let late = try #require(rows.first { $0[1] == "WH-SJJ-2024-0204" && $0[7] == "DISCLOSE-LATE" })
        #expect(late[0] == "芜湖市市场监督管理局")
        #expect(late[2] == "孙某某")
        #expect(late[3] == "芜市监处罚〔2024〕204号")
        #expect(late[4] == "2024-02-05")
        #expect(late[5] == "行政处罚")
        #expect(late[6] == "500")
        #expect(late[8] == RuleCatalogue.rule("DISCLOSE-LATE")!.title)
        #expect(late[12] == "3")
        #expect(late[13] == "2024-02-20" && late[14] == "2024-02-21")
        #expect(rows.dropFirst().allSatisfy { $0.count == 15 })
        #expect(Set(rows.dropFirst().map { $0[7] + $0[1] }).count > 30)
    }

    /// What Excel would run or mangle is written so that it shows as the text it is.
    @Test func csvCellsCannotBecomeFormulasOrLoseDigits() {
        #expect(CSVWriter.neutralise("=1+2") == "'=1+2")
        #expect(CSVWriter.neutralise("+86 139") == "'+86 139")
        #expect(CSVWriter.neutralise("-5") == "'-5")
        #expect(CSVWriter.neutralise("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVWriter.neutralise("91340200MA2XXXXX01") == "91340200MA2XXXXX01")
        #expect(CSVWriter.neutralise("340202198805061234") == "\t340202198805061234", "18 digits stay text")
        #expect(CSVWriter.neutralise("12345678901") == "12345678901", "11 digits are safe in Excel")
        #expect(CSVWriter.neutralise("012") == "\t012", "a leading zero stays")
        #expect(CSVWriter.neutralise("0") == "0" && CSVWriter.neutralise("3") == "3")
        #expect(CSVWriter.neutralise("芜市监处罚〔2024〕204号") == "芜市监处罚〔2024〕204号")
    }

    @Test func filtersByAgencyRuleAndDate() throws {
        let (store, _, run) = try Fixture.sampleRun()
        func rows(_ filter: ViolationFilter) throws -> [ViolationRow] {
            var found: [ViolationRow] = []
            try ViolationExport.forEachViolation(run: run, store: store, filter: filter) { found.append($0) }
            return found
        }
        #expect(try rows(ViolationFilter(agency: "WH-CGJ")).allSatisfy { $0.agency == "WH-CGJ" })
        #expect(try rows(ViolationFilter(agency: "WH-CGJ")).count == 9)
        #expect(try rows(ViolationFilter(rule: "DISCLOSE-LATE")).map(\.caseId) == ["WH-HBJ-2026-0213", "WH-SJJ-2024-0204"])
        #expect(try rows(ViolationFilter(from: day("2026-01-01"), to: day("2026-12-31"))).map(\.caseId) == ["WH-HBJ-2026-0213"])
        // An undecided case is dated by its first act (WH-SJJ-2024-0902: discovered 2024-08-30);
        // WH-CGJ-2024-0910 was decided that day.
        #expect(try Set(rows(ViolationFilter(from: day("2024-08-30"), to: day("2024-08-30"))).map(\.caseId)) == ["WH-SJJ-2024-0902", "WH-CGJ-2024-0910"])
    }

    @Test func xlsxIsARealWorkbookWithSharedStringsAFrozenBoldHeaderAndASummary() throws {
        let (store, _, run) = try Fixture.sampleRun()
        let folder = try TemporaryFolder()
        let count = try ViolationExport.write(run: run, store: store, filter: ViolationFilter(), format: .xlsx, to: folder.file("v.xlsx"))
        let archive = try Archive(url: folder.file("v.xlsx"), accessMode: .read)
        func part(_ path: String) throws -> String {
            let entry = try #require(archive[path], "\(path) is in the workbook")
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return String(decoding: data, as: UTF8.self)
        }
        #expect(try part("[Content_Types].xml").contains("spreadsheetml.sheet.main+xml"))
        let workbook = try part("xl/workbook.xml")
        #expect(workbook.contains("name=\"问题清单\"") && workbook.contains("name=\"按主体和问题汇总\""))
        // Title and header repeat on every printed page.
        #expect(workbook.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'问题清单'!$1:$2</definedName>"))
        let sheet = try part("xl/worksheets/sheet1.xml")
        #expect(sheet.contains("state=\"frozen\"") && sheet.contains("ySplit=\"2\""))
        // Landscape A4, one page wide, page numbers in the footer.
        #expect(sheet.contains("<pageSetUpPr fitToPage=\"1\"/>"))
        #expect(sheet.contains("<pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>"))
        #expect(sheet.contains("&amp;P") && sheet.contains("&amp;N"))
        #expect(sheet.contains("<mergeCell ref=\"A1:N1\"/>"), "the title row spans the table")
        #expect(sheet.components(separatedBy: "<row ").count - 1 == count + 2)
        #expect(sheet.contains("<c r=\"A2\" t=\"s\" s=\"1\">"), "a bold header cell")
        // Dates are date cells: 2024-02-05 is serial 45327, styled as a date.
        #expect(sheet.contains("s=\"3\"><v>45327</v></c>"))
        let styles = try part("xl/styles.xml")
        #expect(styles.contains("<b/>"))
        #expect(styles.contains("formatCode=\"yyyy\\-mm\\-dd\"") && styles.contains("formatCode=\"#,##0.00\"") && styles.contains("formatCode=\"0.0%\""))
        #expect(styles.contains("wrapText=\"1\""))
        let shared = try part("xl/sharedStrings.xml")
        #expect(shared.contains("<si><t xml:space=\"preserve\">执法主体</t></si>"))
        #expect(shared.contains("芜湖市市场监督管理局"))
        let uniques = shared.components(separatedBy: "<si>").count - 1
        #expect(shared.contains("uniqueCount=\"\(uniques)\""))
        // The summary counts the same failures as the list.
        let summary = try part("xl/worksheets/sheet2.xml")
        let counts = summary.split(separator: "<row ").dropFirst(3).compactMap { row -> Int? in
            guard let cell = row.range(of: "<c r=\"C"), let value = row[cell.upperBound...].range(of: "<v>") else { return nil }
            return Int(row[value.upperBound...].prefix { $0.isNumber })
        }
        #expect(counts.reduce(0, +) == count)
    }

    @Test func jsonIsAnArrayOfRows() throws {
        let (store, _, run) = try Fixture.sampleRun()
        let folder = try TemporaryFolder()
        let count = try ViolationExport.write(run: run, store: store, filter: ViolationFilter(agency: "WH-HBJ"), format: .json, to: folder.file("v.json"))
        let rows = try JSONDecoder().decode([ViolationRow].self, from: Data(contentsOf: folder.file("v.json")))
        #expect(rows.count == count && count == 3)
        #expect(Set(rows.map(\.rule)) == ["PROCEDURE-HEARING", "DISCRETION-MISSING", "DISCLOSE-LATE"])
    }
}
