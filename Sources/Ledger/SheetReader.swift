import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// One value of a spreadsheet cell as the file holds it.
enum SheetValue: Equatable {
    case text(String)
    /// A number; a date cell is a number of days since 1899-12-30.
    case number(Double)

    var text: String {
        switch self {
        case .text(let text): text
        case .number(let number):
            number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        }
    }
}

/// A row of a sheet: its number in the file (as a spreadsheet program shows it) and its cells by
/// column index (0 = A).
struct SheetRow {
    var number: Int
    var cells: [Int: SheetValue]
}

/// Why a sheet could not be read at all.
struct SheetUnreadable: Error {
    var message: String
}

/// Reads the first sheet of an XLSX workbook, or a CSV file, into rows. Hostile files are bounded:
/// each part of a workbook at most 64 MB unpacked, at most 100,000 rows of 256 columns.
enum SheetReader {
    static let maxPartBytes = 64 << 20
    static let maxRows = 100_000
    static let maxColumns = 256

    static func read(_ url: URL) throws -> [SheetRow] {
        switch url.pathExtension.lowercased() {
        case "xlsx": return try readWorkbook(url)
        case "csv":
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            guard size <= maxPartBytes else { throw SheetUnreadable(message: "文件超过 \(maxPartBytes >> 20) MB") }
            return try readCSV(try Data(contentsOf: url))
        default: throw SheetUnreadable(message: "不是 .xlsx 或 .csv 台账文件")
        }
    }

    // MARK: CSV

    /// RFC 4180, UTF-8 with or without a byte-order mark; also a UTF-16 file as Excel's "Unicode text" writes.
    static func readCSV(_ data: Data) throws -> [SheetRow] {
        var text: String
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            guard let decoded = String(data: data, encoding: .utf16) else { throw SheetUnreadable(message: "文件编码无法识别") }
            text = decoded
        } else {
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw SheetUnreadable(message: "文件不是 UTF-8 编码（请在 Excel 或 WPS 中另存为“CSV UTF-8”）")
            }
            text = decoded
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var rows: [SheetRow] = []
        var row: [Int: SheetValue] = [:], field = "", quoted = false, column = 0, line = 1, rowStart = 1
        func endField() {
            if !field.isEmpty, column < maxColumns { row[column] = .text(field) }
            field = ""
            column += 1
        }
        func endRow() throws {
            endField()
            if !row.isEmpty { rows.append(SheetRow(number: rowStart, cells: row)) }
            guard rows.count <= maxRows else { throw SheetUnreadable(message: "超过 \(maxRows) 行") }
            row = [:]
            column = 0
        }
        var characters = text[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                quoted = true
            } else if c == "," {
                endField()
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                try endRow()
                line += 1
                rowStart = line
            } else {
                field.append(c)
            }
        }
        if quoted { throw SheetUnreadable(message: "第\(rowStart)行的引号没有闭合") }
        try endRow()
        return rows
    }

    // MARK: XLSX

    static func readWorkbook(_ url: URL) throws -> [SheetRow] {
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch {
            throw SheetUnreadable(message: "不是有效的 XLSX 文件（无法作为 ZIP 打开）")
        }
        func part(_ path: String) throws -> Data? {
            guard let entry = archive[path] else { return nil }
            guard entry.uncompressedSize <= UInt64(maxPartBytes) else { throw SheetUnreadable(message: "\(path) 解压后过大") }
            var data = Data()
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                data.append(chunk)
                if data.count > maxPartBytes { throw SheetUnreadable(message: "\(path) 解压后过大") }
            }
            return data
        }
        guard let workbook = try part("xl/workbook.xml") else { throw SheetUnreadable(message: "XLSX 中没有 xl/workbook.xml") }
        let sheets = WorkbookSheets.parse(workbook)
        let rels = try part("xl/_rels/workbook.xml.rels").map(Relationships.parse) ?? [:]
        // The sheet named 台账 if there is one, else the first.
        guard let chosen = sheets.first(where: { $0.name.contains("台账") }) ?? sheets.first else {
            throw SheetUnreadable(message: "XLSX 中没有工作表")
        }
        var target = rels[chosen.relationship] ?? "worksheets/sheet1.xml"
        if target.hasPrefix("/") { target.removeFirst() } else { target = "xl/" + target }
        guard let sheet = try part(target) else { throw SheetUnreadable(message: "XLSX 中没有 \(target)") }
        let shared = try part("xl/sharedStrings.xml").map(SharedStrings.parse) ?? []
        return try SheetCells.parse(sheet, shared: shared)
    }
}

/// `<sheet name=… r:id=…>` of `xl/workbook.xml`, in order.
private final class WorkbookSheets: NSObject, XMLParserDelegate {
    var sheets: [(name: String, relationship: String)] = []

    static func parse(_ data: Data) -> [(name: String, relationship: String)] {
        let delegate = WorkbookSheets()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.delegate = delegate
        parser.parse()
        return delegate.sheets
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        guard name == "sheet" || name.hasSuffix(":sheet") else { return }
        let relationship = attributes.first { $0.key == "r:id" || $0.key.hasSuffix(":id") }?.value ?? ""
        sheets.append((attributes["name"] ?? "", relationship))
    }
}

/// Relationship ids to targets, from `xl/_rels/workbook.xml.rels`.
private final class Relationships: NSObject, XMLParserDelegate {
    var targets: [String: String] = [:]

    static func parse(_ data: Data) -> [String: String] {
        let delegate = Relationships()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.parse()
        return delegate.targets
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "Relationship" || name.hasSuffix(":Relationship"), let id = attributes["Id"], let target = attributes["Target"] {
            targets[id] = target
        }
    }
}

/// The shared strings table: each `<si>` is the text of its `<t>` elements (rich runs joined;
/// phonetic runs `<rPh>` left out).
private final class SharedStrings: NSObject, XMLParserDelegate {
    var strings: [String] = []
    private var current = "", inText = false, inPhonetic = false

    static func parse(_ data: Data) -> [String] {
        let delegate = SharedStrings()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.parse()
        return delegate.strings
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch local(name) {
        case "si": current = ""
        case "t": inText = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch local(name) {
        case "si": strings.append(current)
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }
}

/// The cells of a worksheet part.
private final class SheetCells: NSObject, XMLParserDelegate {
    let shared: [String]
    var rows: [SheetRow] = []
    var failure: SheetUnreadable?
    private var row: SheetRow?
    private var column = 0, type = "", value = "", inValue = false, nextRow = 1

    init(shared: [String]) { self.shared = shared }

    static func parse(_ data: Data, shared: [String]) throws -> [SheetRow] {
        let delegate = SheetCells(shared: shared)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() || delegate.failure != nil else {
            throw SheetUnreadable(message: "工作表 XML 无法解析：\(parser.parserError.map { "\($0)" } ?? "")")
        }
        if let failure = delegate.failure { throw failure }
        return delegate.rows
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch local(name) {
        case "row":
            let number = attributes["r"].flatMap(Int.init) ?? nextRow
            nextRow = number + 1
            row = SheetRow(number: number, cells: [:])
            column = 0
        case "c":
            column = attributes["r"].flatMap(Self.columnIndex) ?? column
            type = attributes["t"] ?? "n"
            value = ""
        case "v", "t":
            inValue = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inValue { value += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch local(name) {
        case "v", "t": inValue = false
        case "c":
            defer { column += 1 }
            guard column < SheetReader.maxColumns, !value.isEmpty else { return }
            let cell: SheetValue?
            switch type {
            case "s": cell = Int(value).flatMap { $0 >= 0 && $0 < shared.count ? .text(shared[$0]) : nil }
            case "str", "inlineStr": cell = .text(value)
            case "b": cell = .text(value == "1" ? "是" : "否")
            case "e": cell = nil
            default: cell = Double(value).map { .number($0) } ?? .text(value)
            }
            if let cell { row?.cells[column] = cell }
        case "row":
            if let row, !row.cells.isEmpty { rows.append(row) }
            row = nil
            if rows.count > SheetReader.maxRows {
                failure = SheetUnreadable(message: "超过 \(SheetReader.maxRows) 行")
                parser.abortParsing()
            }
        default: break
        }
    }

    /// `B3` → 1.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0, letters = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65 && scalar.value <= 90 else { break }
            index = index * 26 + Int(scalar.value - 64)
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : index - 1
    }
}

private func local(_ name: String) -> String {
    name.split(separator: ":").last.map(String.init) ?? name
}
