import Foundation
import XMLParts

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
typealias SheetUnreadable = PartUnreadable

/// Reads the first sheet of an XLSX workbook, or a CSV file, row by row. Hostile files are bounded:
/// each part of a workbook at most 64 MB unpacked and streamed through the parser as it is
/// inflated, at most 100,000 rows of 256 columns handed on, row numbers within Excel's own limit,
/// shared strings kept compactly and bounded in count. What stays in memory is what the caller keeps.
enum SheetReader {
    static let maxPartBytes = 64 << 20
    static let maxRows = 100_000
    static let maxColumns = 256
    /// Excel's last row: a larger number is no spreadsheet's.
    static let maxRowNumber = 1_048_576

    /// Hands each non-empty row to `row`, in order; stops at the first error `row` throws.
    static func read(_ url: URL, row: (SheetRow) throws -> Void) throws {
        switch url.pathExtension.lowercased() {
        case "xlsx": try readWorkbook(url, row: row)
        case "csv":
            var info = stat()
            guard stat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { throw SheetUnreadable(message: "不是可读取的普通文件") }
            guard Int(info.st_size) <= maxPartBytes else { throw SheetUnreadable(message: "文件超过 \(maxPartBytes >> 20) MB") }
            try readCSV(try Data(contentsOf: url), row: row)
        default: throw SheetUnreadable(message: "不是 .xlsx 或 .csv 台账文件")
        }
    }

    /// Every row at once, for tests and small files.
    static func read(_ url: URL) throws -> [SheetRow] {
        var rows: [SheetRow] = []
        try read(url) { rows.append($0) }
        return rows
    }

    // MARK: CSV

    static func readCSV(_ data: Data) throws -> [SheetRow] {
        var rows: [SheetRow] = []
        try readCSV(data) { rows.append($0) }
        return rows
    }

    /// RFC 4180, UTF-8 with or without a byte-order mark; also a UTF-16 file as Excel's "Unicode text" writes.
    static func readCSV(_ data: Data, row deliver: (SheetRow) throws -> Void) throws {
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
        var delivered = 0
        var row: [Int: SheetValue] = [:]
        var field = ""
        var quoted = false
        var column = 0
        var line = 1
        var rowStart = 1
        func endField() {
            if !field.isEmpty, column < maxColumns { row[column] = .text(field) }
            field = ""
            column += 1
        }
        func endRow() throws {
            endField()
            if !row.isEmpty {
                delivered += 1
                guard delivered <= maxRows else { throw SheetUnreadable(message: "超过 \(maxRows) 行") }
                try deliver(SheetRow(number: rowStart, cells: row))
            }
            row = [:]
            column = 0
        }
        var characters = text[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
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
    }

    // MARK: XLSX

    static func readWorkbook(_ url: URL, row: (SheetRow) throws -> Void) throws {
        let archive = try PackageArchive(url: url, kindName: "XLSX", maxPartBytes: maxPartBytes)
        func parse(_ path: String, _ handler: PartHandler) throws -> Bool { try archive.parse(path, handler) }
        let sheets = WorkbookSheets()
        guard try parse("xl/workbook.xml", sheets) else { throw SheetUnreadable(message: "XLSX 中没有 xl/workbook.xml") }
        let rels = Relationships()
        _ = try parse("xl/_rels/workbook.xml.rels", rels)
        // The sheet named 台账 if there is one, else the first.
        guard let chosen = sheets.sheets.first(where: { $0.name.contains("台账") }) ?? sheets.sheets.first else {
            throw SheetUnreadable(message: "XLSX 中没有工作表")
        }
        var target = rels.targets[chosen.relationship] ?? "worksheets/sheet1.xml"
        if target.hasPrefix("/") { target.removeFirst() } else { target = "xl/" + target }
        let shared = SharedStrings()
        _ = try parse("xl/sharedStrings.xml", shared)
        // The caller's errors pass through the parser untouched (`ConsumerRefused`).
        try withoutActuallyEscaping(row) { row in
            let cells = SheetCells(shared: shared) { sheetRow in
                do { try row(sheetRow) } catch { throw ConsumerRefused(underlying: error) }
            }
            guard try parse(target, cells) else { throw SheetUnreadable(message: "XLSX 中没有 \(target)") }
        }
    }
}
