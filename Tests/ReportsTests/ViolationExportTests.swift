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
        #expect(rows.first == ["执法主体", "案件编号", "决定文号", "案件类型", "规则编号", "问题", "法律依据", "严重程度", "扣分", "期限/实际日期"])
        let failures = try Fixture.failures(store, run)
        #expect(rows.count - 1 == failures.count)
        #expect(count == failures.count)
        let late = try #require(rows.first { $0[1] == "WH-SJJ-2024-0204" && $0[4] == "DISCLOSE-LATE" })
        #expect(late[0] == "芜湖市市场监督管理局")
        #expect(late[2] == "芜市监处罚〔2024〕204号")
        #expect(late[3] == "行政处罚")
        #expect(late[8] == "3")
        #expect(late[9] == "期限 2024-02-20；实际 2024-02-21")
        #expect(rows.dropFirst().allSatisfy { $0.count == 10 })
        #expect(Set(rows.dropFirst().map { $0[4] + $0[1] }).count > 30)
    }

    @Test func filtersByAgencyRuleAndDate() throws {
        let (store, _, run) = try Fixture.sampleRun()
        func rows(_ filter: ViolationFilter) throws -> [ViolationRow] {
            var found: [ViolationRow] = []
            try ViolationExport.forEachViolation(run: run, store: store, filter: filter) { found.append($0) }
            return found
        }
        #expect(try rows(ViolationFilter(agency: "WH-CGJ")).allSatisfy { $0.agency == "WH-CGJ" })
        #expect(try rows(ViolationFilter(agency: "WH-CGJ")).count == 6)
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
        #expect(workbook.contains("name=\"问题清单\"") && workbook.contains("name=\"按主体和规则汇总\""))
        let sheet = try part("xl/worksheets/sheet1.xml")
        #expect(sheet.contains("state=\"frozen\"") && sheet.contains("ySplit=\"1\""))
        #expect(sheet.contains("<col min=\"6\" max=\"6\" width=\"60.0\" customWidth=\"1\"/>"))
        #expect(sheet.components(separatedBy: "<row ").count - 1 == count + 1)
        #expect(sheet.contains("<c r=\"A1\" t=\"s\" s=\"1\"><v>0</v></c>"), "a bold header cell pointing at shared string 0")
        let styles = try part("xl/styles.xml")
        #expect(styles.contains("<b/>"))
        let shared = try part("xl/sharedStrings.xml")
        #expect(shared.contains("<si><t xml:space=\"preserve\">执法主体</t></si>"))
        #expect(shared.contains("芜湖市市场监督管理局"))
        let uniques = shared.components(separatedBy: "<si>").count - 1
        #expect(shared.contains("uniqueCount=\"\(uniques)\""))
        // The summary counts the same failures as the list.
        let summary = try part("xl/worksheets/sheet2.xml")
        let counts = summary.split(separator: "<row ").dropFirst(2).compactMap { row -> Int? in
            guard let cell = row.range(of: "<c r=\"D"), let value = row[cell.upperBound...].range(of: "<v>") else { return nil }
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
