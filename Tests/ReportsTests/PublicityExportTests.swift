import Audit
import AuditRuns
import CaseModel
import CaseStore
import Foundation
import Reports
import Testing

/// 双公示 out: the national template's columns in order, the decisions it publishes and no others,
/// amounts in 万元, no identity number, the publicity period from the checklist.
@Suite struct PublicityExportTests {
    static func csv(_ url: URL) throws -> [[String]] { csvRows(try String(contentsOf: url, encoding: .utf8)) }

    @Test func amountsInTenThousandsAndPeriodsInMonths() {
        #expect(PublicityExport.tenThousands(Money(yuan: 150)) == "0.015")
        #expect(PublicityExport.tenThousands(Money(yuan: 16_000)) == "1.6")
        #expect(PublicityExport.tenThousands(Money(yuan: 2_000_000)) == "200")
        #expect(PublicityExport.tenThousands(Money(fen: 1)) == "0.000001")
        #expect(PublicityExport.periodEnd(day("2024-04-08"), months: 12) == day("2025-04-07"))
        #expect(PublicityExport.periodEnd(day("2024-08-31"), months: 6) == day("2025-02-28"))
        #expect(PublicityExport.periodEnd(day("2024-01-01"), months: 3) == day("2024-03-31"))
    }

    @Test func penaltiesInTheTemplatesColumnsWithoutWithdrawnDecisionsOrIdentityNumbers() throws {
        let (store, runner, _) = try Fixture.sampleRun()
        let folder = try TemporaryFolder()
        let auditor = try runner.auditor()
        let count = try PublicityExport.write(.init(kind: .penalty), store: store, auditor: auditor, format: .csv, to: folder.file("p.csv"))
        let rows = try Self.csv(folder.file("p.csv"))
        #expect(rows.first == PublicityExport.Kind.penalty.columns && rows.first?.count == 29)
        #expect(rows.count == count + 1 && rows.dropFirst().allSatisfy { $0.count == 29 })
        let numbers = Set(rows.dropFirst().map { $0[12] })
        // Revoked (0318), revoked in 复议 (2025-0101), found unlawful by a court (2025-0102): off the platform.
        #expect(!numbers.contains { $0.contains("〔2025〕101号") || $0.contains("〔2025〕102号") })
        #expect(numbers.contains("芜城管罚〔2025〕103号"))
        let text = try String(contentsOf: folder.file("p.csv"), encoding: .utf8)
        #expect(!text.contains("34020219880506123X"), "an identity number is never written")
        let row = try #require(rows.first { $0[12] == "芜城管罚〔2024〕413号" })
        #expect(row[1] == "法人及非法人组织" && row[2] == "91340200MA2XXXXX22" && row[16] == "罚款" && row[18] == "4.5")
        #expect(row[15] == "《城市建筑垃圾管理规定》第二十六条" && row[21] == "2024-04-08" && row[23] == "2025-04-07")
        #expect(row[24] == "芜湖市城市管理局" && row[25] == "11340200MB0000002B")
        let individual = try #require(rows.first { $0[12] == "芜城管当罚〔2024〕412号" })
        #expect(individual[1] == "自然人" && individual[2].isEmpty && individual[10] == "身份证" && individual[11].isEmpty)

        // One agency, one period.
        let one = try PublicityExport.write(
            .init(kind: .penalty, agency: "WH-CGJ", from: day("2025-01-01"), to: day("2025-12-31")), store: store, auditor: auditor,
            format: .csv, to: folder.file("one.csv"))
        let oneRows = try Self.csv(folder.file("one.csv"))
        #expect(one == 1 && oneRows[1][12] == "芜城管罚〔2025〕103号")
    }

    @Test func licensesGrantedOnly() throws {
        let (store, runner, _) = try Fixture.sampleRun()
        let folder = try TemporaryFolder()
        _ = try PublicityExport.write(.init(kind: .license), store: store, auditor: try runner.auditor(), format: .csv, to: folder.file("l.csv"))
        let rows = try Self.csv(folder.file("l.csv"))
        #expect(rows.first == PublicityExport.Kind.license.columns && rows.first?.count == 25)
        let granted = try store.caseIds().compactMap { try store.loadCase(id: $0) }.filter { $0.type == .license && $0.outcome?.grant == .granted }
        #expect(rows.count - 1 == granted.count && granted.count > 0)
        #expect(rows.dropFirst().allSatisfy { $0[21] == "有效" && $0[10] == "准予行政许可决定书" })
    }

    /// The workbook as LibreOffice reads it: the template's headers in the first row, in order.
    @Test(.enabled(if: SpreadsheetPrintTests.soffice != nil || ProcessInfo.processInfo.environment["CI"] != nil))
    func theWorkbookOpensInLibreOfficeWithTheHeadersInOrder() throws {
        let office = try #require(SpreadsheetPrintTests.soffice, "CI must install LibreOffice (see scripts/install-prerequisites)")
        let (store, runner, _) = try Fixture.sampleRun()
        let folder = try TemporaryFolder()
        let count = try PublicityExport.write(.init(kind: .penalty), store: store, auditor: try runner.auditor(), format: .xlsx, to: folder.file("p.xlsx"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: office)
        process.arguments = [
            "-env:UserInstallation=file://" + folder.file("profile").path, "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir", folder.file("out").path, folder.file("p.xlsx").path
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let rows = try Self.csv(folder.file("out/p.csv"))
        #expect(rows.first == PublicityExport.Kind.penalty.columns)
        #expect(rows.count == count + 1 && rows.contains { $0.contains("芜城管罚〔2025〕103号") })
    }
}
