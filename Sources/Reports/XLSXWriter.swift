import Foundation
import ZIPFoundation

/// A cell of a spreadsheet row.
public enum Cell: Sendable, Equatable {
    case text(String)
    case number(Double)
    case empty
}

/// Writes a real Office Open XML workbook (.xlsx): shared strings, a bold frozen header row,
/// column widths, several sheets. Rows stream to temporary files, so a sheet of any length costs
/// the memory of its distinct strings only; the parts are zipped when the workbook is finished.
public final class XLSXWorkbook {
    public struct Column: Sendable {
        public var title: String
        /// Width in characters, as spreadsheet programs measure it.
        public var width: Double
        public init(_ title: String, width: Double) { self.title = title; self.width = width }
    }

    private let destination: URL
    private let folder: URL
    private var sheets: [(name: String, file: URL)] = []
    private var current: FileHandle?
    private var buffer = Data()
    private var rowNumber = 0
    private var columnCount = 0
    private var strings: [String: Int] = [:]
    private var stringOrder: [String] = []

    public init(url: URL) throws {
        destination = url
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhifa-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Starts a sheet (ending the one before) with its header row.
    public func addSheet(_ name: String, columns: [Column]) throws {
        try endSheet()
        let file = folder.appendingPathComponent("sheet\(sheets.count + 1).xml")
        try Data().write(to: file)
        current = try FileHandle(forWritingTo: file)
        sheets.append((String(name.prefix(31)), file))
        rowNumber = 0
        columnCount = columns.count
        var head = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
            <sheetViews><sheetView workbookViewId="0"\(sheets.count == 1 ? " tabSelected=\"1\"" : "")><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>
            <sheetFormatPr defaultRowHeight="15"/><cols>
            """
        for (index, column) in columns.enumerated() {
            head += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(column.width)\" customWidth=\"1\"/>"
        }
        head += "</cols><sheetData>"
        write(head)
        appendRow(columns.map { .text($0.title) }, style: 1)
    }

    /// Appends a data row to the current sheet.
    public func addRow(_ cells: [Cell]) {
        appendRow(cells, style: 0)
    }

    private func appendRow(_ cells: [Cell], style: Int) {
        rowNumber += 1
        var xml = "<row r=\"\(rowNumber)\">"
        for (index, cell) in cells.enumerated() {
            let reference = Self.columnName(index) + String(rowNumber)
            let styled = style == 0 ? "" : " s=\"\(style)\""
            switch cell {
            case .text(let text):
                xml += "<c r=\"\(reference)\" t=\"s\"\(styled)><v>\(self.index(of: text))</v></c>"
            case .number(let number):
                let text = number.machineText
                xml += "<c r=\"\(reference)\"\(styled)><v>\(text)</v></c>"
            case .empty:
                continue
            }
        }
        write(xml + "</row>\n")
    }

    private func index(of text: String) -> Int {
        if let known = strings[text] { return known }
        strings[text] = stringOrder.count
        stringOrder.append(text)
        return stringOrder.count - 1
    }

    private func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count > 1 << 16 { flushBuffer() }
    }

    private func flushBuffer() {
        current?.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func endSheet() throws {
        guard let handle = current else { return }
        let last = Self.columnName(max(columnCount - 1, 0)) + String(max(rowNumber, 1))
        write("</sheetData><autoFilter ref=\"A1:\(last)\"/><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>")
        flushBuffer()
        try handle.close()
        current = nil
    }

    /// Writes the remaining parts and zips the workbook to its destination.
    public func finish() throws {
        try endSheet()
        try? FileManager.default.removeItem(at: destination)
        let archive = try Archive(url: destination, accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let sheetOverrides = sheets.indices.map {
            "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }.joined()
        try add("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\(sheetOverrides)<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>
            """)
        try add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>
            """)
        try add("docProps/core.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Zhifa</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">\(Date().ISO8601Format())</dcterms:created></cp:coreProperties>
            """)
        try add("docProps/app.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Zhifa</Application></Properties>
            """)
        let sheetList = sheets.enumerated().map { "<sheet name=\"\(Self.escape($1.name))\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>" }.joined()
        try add("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>\(sheetList)</sheets></workbook>
            """)
        let relationships = sheets.indices.map {
            "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>"
        }.joined()
        let styleId = sheets.count + 1
        try add("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(relationships)<Relationship Id="rId\(styleId)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId\(styleId + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>
            """)
        // Style 0 is plain text, style 1 the bold header with a light fill.
        try add("xl/styles.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/></font><font><b/><sz val="11"/><name val="等线"/><family val="2"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
            """)
        let sharedFile = folder.appendingPathComponent("sharedStrings.xml")
        try Data().write(to: sharedFile)
        let shared = try FileHandle(forWritingTo: sharedFile)
        shared.write(Data("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(stringOrder.count)\" uniqueCount=\"\(stringOrder.count)\">".utf8))
        var chunk = Data()
        for text in stringOrder {
            chunk.append(contentsOf: "<si><t xml:space=\"preserve\">\(Self.escape(text))</t></si>".utf8)
            if chunk.count > 1 << 16 { shared.write(chunk); chunk.removeAll(keepingCapacity: true) }
        }
        chunk.append(contentsOf: "</sst>".utf8)
        shared.write(chunk)
        try shared.close()
        try archive.addEntry(with: "xl/sharedStrings.xml", fileURL: sharedFile, compressionMethod: .deflate)
        for (index, sheet) in sheets.enumerated() {
            try archive.addEntry(with: "xl/worksheets/sheet\(index + 1).xml", fileURL: sheet.file, compressionMethod: .deflate)
        }
    }

    /// A, B, …, Z, AA, AB, …
    static func columnName(_ index: Int) -> String {
        var name = "", n = index + 1
        while n > 0 {
            let remainder = (n - 1) % 26
            name = String(UnicodeScalar(65 + remainder)!) + name
            n = (n - 1) / 26
        }
        return name
    }

    static func escape(_ text: String) -> String { Markup.escape(text) }
}

/// Escaping for XML and HTML text and attribute values, shared by the workbook and the HTML report.
enum Markup {
    /// Escapes markup characters (quotes too, for attributes); drops characters XML 1.0 forbids.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }
}
