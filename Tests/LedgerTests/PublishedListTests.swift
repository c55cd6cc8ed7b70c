import Audit
import AuditRuns
import CaseModel
import CaseStore
import CaseXML
import Checklists
import Foundation
import Ledger
import Reports
import TestSupport
import Testing

/// 双公示 in: a published list read from its sheet, matched to stored cases by agency and 决定文号,
/// and the audit judging disclosure by what was published.
@Suite struct PublishedListTests {
    static let national = try! ChecklistLoader(directory: Repository.checklists).load("national")

    static func samples() throws -> (CaseStore, AuditRunner) {
        let store = try CaseStore.inMemory()
        #expect(store.importPaths([Repository.samples.path], actor: "test").failures.isEmpty)
        return (store, AuditRunner(store: store, checklist: national, calendar: Repository.calendar))
    }

    /// The penalties exported as the template, as CSV rows (header first).
    static func exported(_ store: CaseStore, _ runner: AuditRunner, _ folder: TemporaryFolder) throws -> [[String]] {
        _ = try PublicityExport.write(
            .init(kind: .penalty, agency: "WH-CGJ"), store: store, auditor: try runner.auditor(), format: .csv, to: folder.file("out.csv"))
        return csvRows(try String(contentsOf: folder.file("out.csv"), encoding: .utf8))
    }

    static func write(_ rows: [[String]], _ name: String, _ folder: TemporaryFolder) throws -> URL {
        let lines = rows.map { row in row.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") }
        return try folder.write(name, "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n")
    }

    static func importList(_ url: URL, _ store: CaseStore) throws -> PublishedImport {
        let list = try PublishedListReader().read(url, displayName: url.lastPathComponent)
        return try store.importPublishedList(list, file: url.lastPathComponent, contentHash: Hex.sha256(try Data(contentsOf: url)), actor: "test")
    }

    static func finding(_ runner: AuditRunner, _ id: String, _ rule: String) throws -> Finding? {
        let c = try #require(try runner.store.loadCase(id: id))
        return try runner.auditor().audit(c, asOf: day("2026-11-22")).findings.first { $0.rule == rule }
    }

    @Test func numbersCompareWhateverTheirBracketsDigitsAndSpaces() {
        let key = DecisionNumber.key("芜城管罚〔2025〕101号")
        for variant in ["芜城管罚[2025]101号", "芜城管罚［２０２５］101号", "芜城管罚【2025】 101号", "芜城管罚（2025）101号"] {
            #expect(DecisionNumber.key(variant) == key, "\(variant)")
        }
        #expect(DecisionNumber.key("芜城管罚〔2025〕102号") != key)
    }

    /// The key drops what Unicode calls white space, every scalar of it and nothing else.
    @Test func theKeyDropsExactlyUnicodesWhiteSpace() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let kept = DecisionNumber.key("罚" + String(Character(scalar)) + "号") != "罚号"
            if kept == scalar.properties.isWhitespace {
                Issue.record("U+\(String(value, radix: 16, uppercase: true)) \(kept ? "kept" : "dropped")")
                return
            }
        }
    }

    @Test func anExportImportedAsAPublishedListMatchesEveryCase() throws {
        let (store, runner) = try Self.samples()
        let folder = try TemporaryFolder()
        _ = try PublicityExport.write(.init(kind: .penalty), store: store, auditor: try runner.auditor(), format: .xlsx, to: folder.file("all.xlsx"))
        #expect(PublishedListReader.isPublishedList(folder.file("all.xlsx")))
        let result = try Self.importList(folder.file("all.xlsx"), store)
        #expect(result.rows > 20 && result.matched == result.rows && result.unmatched.isEmpty)
        #expect(try Self.importList(folder.file("all.xlsx"), store).unchanged, "the same file again stores nothing")
        // Every exported case now carries its publication, and passes the check against the list.
        #expect(try Self.finding(runner, "WH-CGJ-2024-0413", "DISCLOSE-UNPUBLISHED")?.status == .pass)
        #expect(try store.loadCase(id: "WH-CGJ-2024-0413")?.publications.count == 1)
    }

    /// On PostgreSQL a list of 64 rows or more is written through COPY: every row arrives and
    /// matches. The samples' penalties four times over, as a list kept year after year repeats them.
    @Test func aLongListIsStoredWholeOnPostgreSQL() throws {
        let store = try CaseStore(location: try ThrowawayPostgres.newDatabase())
        defer { store.close() }
        #expect(store.importPaths([Repository.samples.path], actor: "test").failures.isEmpty)
        let runner = AuditRunner(store: store, checklist: Self.national, calendar: Repository.calendar)
        let folder = try TemporaryFolder()
        _ = try PublicityExport.write(.init(kind: .penalty), store: store, auditor: try runner.auditor(), format: .csv, to: folder.file("all.csv"))
        let rows = csvRows(try String(contentsOf: folder.file("all.csv"), encoding: .utf8))
        let body = Array(repeating: rows.dropFirst(), count: 4).flatMap { $0 }
        let list = try Self.write([rows[0]] + body, "long.csv", folder)
        let result = try Self.importList(list, store)
        #expect(body.count >= 64 && result.rows == body.count && result.matched == body.count && result.unmatched.isEmpty)
        #expect(try store.loadCase(id: "WH-CGJ-2024-0413")?.publications.count == 4)
    }

    @Test func aPublishedDateLaterThanTheRecordedOneIsWhatCounts() throws {
        let (store, runner) = try Self.samples()
        let folder = try TemporaryFolder()
        var rows = try Self.exported(store, runner, folder)
        rows[0] += ["发布日期", "网址"]
        // 芜城管罚〔2024〕413号 was decided 2024-04-08 and recorded as disclosed 2024-04-12; seven
        // working days end 2024-04-17. Published on the 17th it is in time, on the 18th late.
        func list(published: String) throws -> URL {
            var body = rows
            for index in body.indices.dropFirst() {
                body[index] += body[index][12] == "芜城管罚〔2024〕413号" ? [published, "https://credit.example/413"] : ["", ""]
            }
            return try Self.write(body, "list-\(published).csv", folder)
        }
        #expect(try Self.finding(runner, "WH-CGJ-2024-0413", "DISCLOSE-LATE")?.status == .pass)
        _ = try Self.importList(try list(published: "2024-04-17"), store)
        #expect(try Self.finding(runner, "WH-CGJ-2024-0413", "DISCLOSE-LATE")?.status == .pass)
        let fresh = try CaseStore.inMemory()
        _ = fresh.importPaths([Repository.samples.path], actor: "test")
        let freshRunner = AuditRunner(store: fresh, checklist: Self.national, calendar: Repository.calendar)
        _ = try Self.importList(try list(published: "2024-04-18"), fresh)
        let late = try #require(try Self.finding(freshRunner, "WH-CGJ-2024-0413", "DISCLOSE-LATE"))
        #expect(late.status == .fail && late.message.contains("公示平台发布日2024-04-18（案卷记载2024-04-12）"), "\(late.message)")
    }

    @Test func aRecordedDisclosureMissingFromAListThatCoversItFails() throws {
        let (store, runner) = try Self.samples()
        let folder = try TemporaryFolder()
        var rows = try Self.exported(store, runner, folder)
        #expect(try Self.finding(runner, "WH-CGJ-2024-0413", "DISCLOSE-UNPUBLISHED")?.status == .notApplicable, "no list yet")
        // The list covers its earliest to its latest decision: 2024-01-01 (a row no case has) to
        // 2025-05-12; 芜城管罚〔2024〕413号, decided 2024-04-08, is left out of it.
        rows.removeAll { $0[12] == "芜城管罚〔2024〕413号" }
        rows.append(
            ["某公司", "法人及非法人组织"] + Array(repeating: "", count: 10) + ["芜城管罚〔2024〕999号"] + Array(repeating: "", count: 8)
                + ["2024-01-01"] + Array(repeating: "", count: 2) + ["芜湖市城市管理局", "11340200MB0000002B", "", "", ""])
        let result = try Self.importList(try Self.write(rows, "partial.csv", folder), store)
        #expect(result.unmatched.map(\.number) == ["芜城管罚〔2024〕999号"])
        let missing = try #require(try Self.finding(runner, "WH-CGJ-2024-0413", "DISCLOSE-UNPUBLISHED"))
        #expect(missing.status == .fail && missing.message.contains("案卷记载2024-04-12已公示"), "\(missing.status) \(missing.message)")
        // Another agency's case is outside the list: not judged by it.
        #expect(try Self.finding(runner, "WH-SJJ-2024-0117", "DISCLOSE-UNPUBLISHED")?.status == .notApplicable)
    }

    @Test func aListWithAProblemIsRefusedWholeNamingRowAndColumn() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write(
            "bad.csv",
            "说明：2025年行政处罚公示\n行政相对人名称,行政处罚决定书文号,处罚决定日期,处罚机关\n某公司,芜城管罚〔2025〕1号,2025-03-01,芜湖市城市管理局\n某公司,,2025-03-02,芜湖市城市管理局\n某公司,芜城管罚〔2025〕3号,2025-02-30,芜湖市城市管理局\n"
        )
        do {
            _ = try PublishedListReader().read(url, displayName: "bad.csv")
            Issue.record("accepted")
        } catch let error as CaseXMLError {
            let text = error.diagnostics.map(\.description)
            #expect(text.count == 2, "\(text)")
            #expect(text.first?.contains("bad.csv 第4行") == true && text.first?.contains("行政处罚决定书文号") == true, "\(text)")
            #expect(text.last?.contains("第5行") == true && text.last?.contains("2025-02-30") == true, "\(text)")
        }
        let none = try folder.write("none.csv", "a,b\n1,2\n")
        #expect(!PublishedListReader.isPublishedList(none))
        // Uploaded as a case ledger, a published list is refused with a sentence saying what it is,
        // the whole template's header too, which shares three names with a ledger's.
        let store = try CaseStore.inMemory()
        #expect { try store.importLedger(url, displayName: "bad.csv", actor: "test") } throws: { error in
            "\(error)".contains("这是双公示公示清单")
        }
        let template = try folder.write("template.csv", PublicityExport.Kind.penalty.columns.joined(separator: ",") + "\n")
        #expect(PublishedListReader.isPublishedList(template))
        #expect { try store.importLedger(template, displayName: "template.csv", actor: "test") } throws: { error in
            "\(error)".contains("这是双公示公示清单")
        }
        // A ledger that calls its number 处罚决定书文号 is still a ledger.
        let ledger = try folder.write("ledger.csv", "案件编号,执法主体编码,案件类型,当事人,处罚决定书文号\nWH-SJJ-2025-1,WH-SJJ,行政处罚,某公司,X\n")
        #expect(!PublishedListReader.isPublishedList(ledger))
    }
}
