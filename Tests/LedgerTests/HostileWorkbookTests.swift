import CaseModel
import CaseStore
import CaseXML
import Foundation
import TestSupport
import Testing
import ZIPFoundation

@testable import Ledger

/// The attacks of the second hardening trial (issue 31) on ledgers: each crashed the importer (and
/// the server that read an upload), read a DTD, or stored other text than the clerk gave.
@Suite struct HostileWorkbookTests {
    private let fixture = Repository.root.appendingPathComponent("Tests/Fixtures/ledgers/libreoffice-ledger.xlsx")

    /// The LibreOffice fixture with some parts replaced.
    private func workbook(_ folder: TemporaryFolder, _ name: String, replacing parts: [String: String]) throws -> URL {
        let source = try Archive(url: fixture, accessMode: .read)
        let url = folder.file(name)
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        for entry in source where entry.type == .file {
            var data = Data()
            _ = try source.extract(entry) { data.append($0) }
            if let replacement = parts[entry.path] { data = Data(replacement.utf8) }
            try archive.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return url
    }

    private func part(_ path: String) throws -> String {
        let archive = try Archive(url: fixture, accessMode: .read)
        var data = Data()
        _ = try archive.extract(try #require(archive[path])) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    @Test func aRowNumberBeyondExcelsLastRowIsRefusedNotAddedTo() throws {
        let folder = try TemporaryFolder()
        let store = try sampleStore()
        let sheet = try part("xl/worksheets/sheet1.xml")
        // The last data row renumbered: Int64.max trapped on `number + 1`; Excel's last row is read.
        let lastRow = try #require(sheet.range(of: "<row r=\"4\"", options: .backwards))
        for (number, accepted) in [("9223372036854775807", false), ("99999999999999999999", false), ("1048577", false), ("1048576", true)] {
            let hostile = sheet.replacingCharacters(in: lastRow, with: "<row r=\"\(number)\"").replacingOccurrences(of: "r=\"A4\"", with: "r=\"A\(number)\"")
            let url = try workbook(folder, "rows-\(number.count).xlsx", replacing: ["xl/worksheets/sheet1.xml": hostile])
            if accepted {
                let counts = try store.importLedger(url, displayName: "台账.xlsx", actor: "test")
                #expect(counts.newCases == 3)
            } else {
                #expect(throws: CaseXMLError.self, "row \(number)") { try store.importLedger(url, displayName: "台账.xlsx", actor: "test") }
                do { _ = try store.importLedger(url, displayName: "台账.xlsx", actor: "test") } catch {
                    #expect("\(error)".contains("1048576"), "\(error)")
                }
            }
        }
    }

    @Test func aDoctypeInAnyPartIsRefusedBeforeAnEntityIsDeclared() throws {
        let folder = try TemporaryFolder()
        let store = try sampleStore()
        let before = try store.caseCount()
        let doctype = "<!DOCTYPE worksheet [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p; <!ENTITY a \"\(String(repeating: "x", count: 100))\">]>"
        for path in ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"] {
            let original = try part(path)
            let declaration = try #require(original.range(of: "?>"))
            let hostile = original.replacingCharacters(in: declaration, with: "?>\n" + doctype)
            let url = try workbook(folder, "doctype.xlsx", replacing: [path: hostile])
            do {
                _ = try store.importLedger(url, displayName: "台账.xlsx", actor: "test")
                Issue.record("\(path) with a DOCTYPE was read")
            } catch {
                #expect("\(error)".contains("DOCTYPE") && "\(error)".contains(path), "\(error)")
            }
        }
        #expect(try store.caseCount() == before)
        // The same parts without the DOCTYPE read as before.
        #expect(try store.importLedger(try workbook(folder, "plain.xlsx", replacing: [:]), actor: "test").newCases == 3)
    }

    @Test func sharedStringsAreBoundedInCountOnBothSidesOfTheBound() throws {
        let folder = try TemporaryFolder()
        let original = try part("xl/sharedStrings.xml")
        let end = try #require(original.range(of: "</sst>"))
        for (extra, accepted) in [(SharedStrings.maxCount - 70, true), (SharedStrings.maxCount - 69, false)] {
            let padded = original.replacingCharacters(in: end, with: String(repeating: "<si><t></t></si>", count: extra) + "</sst>")
            let url = try workbook(folder, "strings.xlsx", replacing: ["xl/sharedStrings.xml": padded])
            if accepted {
                #expect(try SheetReader.read(url).count == 4)
            } else {
                #expect { try SheetReader.read(url) } throws: { "\(($0 as? SheetUnreadable)?.message ?? "")".contains("共享字符串超过") }
            }
        }
    }

    @Test func aWideSheetIsReadRowByRowKeepingOnlyItsColumns() throws {
        let folder = try TemporaryFolder()
        // 2,000 rows of 300 cells: rows are handed on one at a time, cells past the 256th dropped.
        var sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
        for row in 1...2000 {
            sheet += "<row r=\"\(row)\">" + (0..<300).map { "<c t=\"s\"><v>\($0 % 3)</v></c>" }.joined() + "</row>"
        }
        sheet += "</sheetData></worksheet>"
        let url = try workbook(folder, "wide.xlsx", replacing: ["xl/worksheets/sheet1.xml": sheet])
        var rows = 0
        var widest = 0
        try SheetReader.read(url) { row in
            rows += 1
            widest = max(widest, (row.cells.keys.max() ?? 0) + 1)
        }
        #expect(rows == 2000 && widest == SheetReader.maxColumns)
    }

    @Test func controlAndInvisibleCharactersInACellAreRefusedNamingThem() throws {
        let folder = try TemporaryFolder()
        let store = try sampleStore()
        let text = try String(contentsOf: Repository.root.appendingPathComponent("Tests/Fixtures/ledgers/hand-ledger.csv"), encoding: .utf8)
        let before = try store.caseCount()
        let attacks: [(String, String, String)] = [
            ("WH-SJJ-2025-0301,", "WH-SJJ-2025-03\u{0}01,", "U+0000"),
            ("芜湖某便利店", "芜湖某\u{0}便利店", "U+0000"),
            ("WH-SJJ-2025-0301,", "WH-SJJ-2025-03\u{202E}01,", "U+202E"),
            ("WH-SJJ-2025-0301,", "WH-SJJ-2025-03\u{200B}01,", "U+200B"),
            ("芜湖某便利店", "\u{FEFF}芜湖某便利店", "U+FEFF")
        ]
        for (original, hostile, named) in attacks {
            let url = try folder.write("attack.csv", text.replacingOccurrences(of: original, with: hostile))
            #expect { try store.importLedger(url, displayName: "attack.csv", actor: "test") } throws: { error in
                "\(error)".contains("attack.csv 第2行") && "\(error)".contains(named)
            }
        }
        #expect(try store.caseCount() == before, "nothing of a refused ledger is stored")
        // Line breaks in the facts are prose, and stay.
        let prose = try folder.write("prose.csv", text.replacingOccurrences(of: "未按照规定公示营业执照", with: "\"未按照规定\n公示营业执照\""))
        #expect(try store.importLedger(prose, actor: "test").newCases == 3)
    }
}
