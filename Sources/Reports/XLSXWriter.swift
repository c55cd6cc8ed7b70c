import CaseModel
import CaseStore
import Foundation
import ZIPFoundation

/// A cell of a spreadsheet row.
public enum Cell: Sendable, Equatable {
    case text(String)
    case number(Double)
    /// A real date cell (a serial number shown as YYYY-MM-DD), so that sorting and filtering work.
    case date(CalendarDate)
    case empty
}

/// Writes a real Office Open XML workbook (.xlsx): shared strings, a title row saying what the
/// sheet is, a bold frozen header row, column widths and number formats, several sheets; printed,
/// each sheet is landscape A4 fitted to one page wide, its title and header repeated on every page,
/// with page numbers in the footer. Rows stream to temporary files, so a sheet of any length costs
/// the memory of its distinct strings only; the parts are zipped when the workbook is finished.
public final class XLSXWorkbook {
    public struct Column: Sendable {
        public var title: String
        /// Width in characters, as spreadsheet programs measure it.
        public var width: Double
        public var format: Format
        public init(_ title: String, width: Double, format: Format = .text) {
            self.title = title
            self.width = width
            self.format = format
        }
    }

    /// How a column's cells are shown; each is one cell style of `styles.xml`.
    public enum Format: Int, Sendable {
        /// Text on one line.
        case text = 0
        /// Long text wrapped within the column's width.
        case wrapped = 2
        /// `2024-02-21`.
        case date = 3
        /// Yuan with thousands separators and two decimals: `800,000.00`.
        case money = 4
        /// A share shown as a percentage: `33.3%`.
        case percent = 5
        /// A count with thousands separators: `1,024`.
        case integer = 6
        /// Points as the number they are (`2.5`, `10`), right-aligned.
        case decimal = 7
    }

    /// Style ids beyond the column formats.
    private enum Style { static let header = 1, title = 8 }

    private let destination: URL
    private let folder: URL
    private var sheets: [(name: String, file: URL)] = []
    private var current: WritableDescriptor?
    /// The first failed write (a full disk): thrown when the sheet ends, nothing written after it.
    private var failure: Error?
    private var buffer = Data()
    private var rowNumber = 0
    private var columnCount = 0
    private var formats: [Format] = []
    private var widths: [Double] = []
    private var validations: [(column: Int, choices: [String])] = []
    private var titled: [Bool] = []
    private var strings: [String: Int] = [:]
    private var stringOrder: [String] = []

    /// Refuses at once a destination that is not a regular file; the workbook is written beside it
    /// and renamed into place by `finish()`.
    public init(url: URL) throws {
        try OutputFile.checkDestination(url.path)
        destination = url
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhifa-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit {
        if let current { close(current.descriptor) }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Starts a sheet (ending the one before): a title row when `title` is given (what, for whom,
    /// as of when), then the header row.
    public func addSheet(_ name: String, title: String? = nil, columns: [Column]) throws {
        try endSheet()
        let file = folder.appendingPathComponent("sheet\(sheets.count + 1).xml")
        current = try Self.create(file)
        sheets.append((String(name.prefix(31)), file))
        titled.append(title != nil)
        rowNumber = 0
        columnCount = columns.count
        formats = columns.map(\.format)
        validations = []
        widths = columns.map(\.width)
        let frozen = title == nil ? 1 : 2
        var head = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
            <sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>
            <sheetViews><sheetView workbookViewId="0"\(sheets.count == 1 ? " tabSelected=\"1\"" : "")><pane ySplit="\(frozen)" topLeftCell="A\(frozen + 1)" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A\(frozen + 1)" sqref="A\(frozen + 1)"/></sheetView></sheetViews>
            <sheetFormatPr defaultRowHeight="15"/><cols>
            """
        for (index, column) in columns.enumerated() {
            head += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(column.width)\" customWidth=\"1\"/>"
        }
        head += "</cols><sheetData>"
        write(head)
        if let title {
            rowNumber += 1
            write("<row r=\"1\" ht=\"24\" customHeight=\"1\"><c r=\"A1\" t=\"s\" s=\"\(Style.title)\"><v>\(index(of: title))</v></c></row>\n")
        }
        appendRow(columns.map { .text($0.title) }, header: true)
    }

    /// Offers `choices` as a drop-down in a column of the current sheet, for rows below the header
    /// up to 10,000; a value outside the list is refused by the spreadsheet program.
    public func addChoices(column: Int, _ choices: [String]) {
        validations.append((column, choices))
    }

    /// Appends a data row to the current sheet; each cell takes its column's format.
    public func addRow(_ cells: [Cell]) {
        appendRow(cells, header: false)
    }

    private func appendRow(_ cells: [Cell], header: Bool) {
        rowNumber += 1
        // Spreadsheet programs do not all grow a row to fit wrapped text when they open a file
        // (LibreOffice keeps the default height), so the height is written: lines × 15 points.
        let lines = cells.enumerated().reduce(1) { most, item in
            guard case .text(let text) = item.element, item.offset < widths.count,
                header || formats[item.offset] == .wrapped
            else { return most }
            return max(most, Self.lines(text, width: widths[item.offset]))
        }
        var xml = lines > 1 ? "<row r=\"\(rowNumber)\" ht=\"\(lines * 15)\" customHeight=\"1\">" : "<row r=\"\(rowNumber)\">"
        for (index, cell) in cells.enumerated() {
            let reference = Self.columnName(index) + String(rowNumber)
            let style = header ? Style.header : (index < formats.count ? formats[index].rawValue : 0)
            let styled = style == 0 ? "" : " s=\"\(style)\""
            switch cell {
            case .text(let text):
                xml += "<c r=\"\(reference)\" t=\"s\"\(styled)><v>\(self.index(of: text))</v></c>"
            case .number(let number):
                xml += "<c r=\"\(reference)\"\(styled)><v>\(number.machineText)</v></c>"
            case .date(let date):
                // Spreadsheet serial days count from 1899-12-30; CalendarDate from 1970-01-01.
                xml += "<c r=\"\(reference)\" s=\"\(Format.date.rawValue)\"><v>\(date.spreadsheetSerial)</v></c>"
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
        if failure == nil, let current {
            do { try current.write(buffer) } catch { failure = error }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// A part file of the workbook, opened for writing.
    private static func create(_ file: URL) throws -> WritableDescriptor {
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw OutputError.writeFailed(path: file.path, errno: errno) }
        return WritableDescriptor(descriptor: descriptor, path: file.path)
    }

    private func endSheet() throws {
        guard let handle = current else { return }
        let lastColumn = Self.columnName(max(columnCount - 1, 0))
        let headerRow = titled.last == true ? 2 : 1
        let last = lastColumn + String(max(rowNumber, headerRow))
        var tail = "</sheetData><autoFilter ref=\"A\(headerRow):\(last)\"/>"
        if headerRow == 2 { tail += "<mergeCells count=\"1\"><mergeCell ref=\"A1:\(lastColumn)1\"/></mergeCells>" }
        if !validations.isEmpty {
            tail += "<dataValidations count=\"\(validations.count)\">"
            for (column, choices) in validations {
                let name = Self.columnName(column)
                // An inline list: quoted, comma-separated, at most 255 characters (Excel's limit).
                let list = Self.escape("\"" + choices.joined(separator: ",") + "\"")
                tail +=
                    "<dataValidation type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\" "
                    + "errorTitle=\"取值不在列表中\" error=\"请从下拉列表中选择\" sqref=\"\(name)\(headerRow + 1):\(name)10000\">"
                    + "<formula1>\(list)</formula1></dataValidation>"
            }
            tail += "</dataValidations>"
        }
        // Landscape A4 (paperSize 9), one page wide and as many long as it takes, page numbers below.
        tail += """
            <printOptions horizontalCentered="1"/><pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>\
            <pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>\
            <headerFooter><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter></worksheet>
            """
        write(tail)
        flushBuffer()
        current = nil
        guard close(handle.descriptor) == 0 else { throw OutputError.writeFailed(path: destination.path, errno: errno) }
        if let failure { throw failure }
    }

    /// Writes the remaining parts and zips the workbook to its destination.
    public func finish() throws {
        try endSheet()
        let temporary = try OutputFile.unusedPath(beside: destination)
        do {
            try zip(to: temporary)
            try OutputFile.moveIntoPlace(temporary, at: destination)
        } catch let error as OutputError {
            unlink(temporary.path)
            throw error
        } catch {
            // The ZIP writer says only that a write failed; a disk with no room left says why.
            // Asked before the partial file is removed, which frees its space.
            let full = OutputFile.isNearlyFull(destination.deletingLastPathComponent())
            unlink(temporary.path)
            if full { throw OutputError.writeFailed(path: destination.path, errno: ENOSPC) }
            throw OutputError.failed(path: destination.path, reason: SystemErrorText.describe(error))
        }
    }

    private func zip(to temporary: URL) throws {
        let archive = try Archive(url: temporary, accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let sheetOverrides = sheets.indices.map {
            "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }.joined()
        try add(
            "[Content_Types].xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\(sheetOverrides)<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>
            """)
        try add(
            "_rels/.rels",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>
            """)
        try add(
            "docProps/core.xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Zhifa</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">\(Date().ISO8601Format())</dcterms:created></cp:coreProperties>
            """)
        try add(
            "docProps/app.xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Zhifa</Application></Properties>
            """)
        let sheetList = sheets.enumerated().map { "<sheet name=\"\(Self.escape($1.name))\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>" }.joined()
        // The title and header rows repeat at the top of every printed page.
        let printTitles = sheets.enumerated().map { index, sheet in
            "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(index)\">'\(Self.escape(sheet.name.replacingOccurrences(of: "'", with: "''")))'!$1:$\(titled[index] ? 2 : 1)</definedName>"
        }.joined()
        try add(
            "xl/workbook.xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>\(sheetList)</sheets><definedNames>\(printTitles)</definedNames></workbook>
            """)
        let relationships = sheets.indices.map {
            "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>"
        }.joined()
        let styleId = sheets.count + 1
        try add(
            "xl/_rels/workbook.xml.rels",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(relationships)<Relationship Id="rId\(styleId)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId\(styleId + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>
            """)
        // Cell styles, by index: 0 text, 1 header (bold, filled, wrapped, bordered), 2 wrapped text,
        // 3 date, 4 money, 5 percent, 6 integer, 7 points, 8 the title row. Every data style has a
        // thin border so that the printed sheet reads as a table.
        let border = "borderId=\"1\" applyBorder=\"1\""
        try add(
            "xl/styles.xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="165" formatCode="#,##0.00"/><numFmt numFmtId="166" formatCode="0.0%"/></numFmts>\
            <fonts count="3"><font><sz val="11"/><name val="等线"/><family val="2"/></font><font><b/><sz val="11"/><name val="等线"/><family val="2"/></font><font><b/><sz val="14"/><name val="等线"/><family val="2"/></font></fonts>\
            <fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>\
            <borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color rgb="FFBFBFBF"/></left><right style="thin"><color rgb="FFBFBFBF"/></right><top style="thin"><color rgb="FFBFBFBF"/></top><bottom style="thin"><color rgb="FFBFBFBF"/></bottom><diagonal/></border></borders>\
            <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
            <cellXfs count="9">\
            <xf numFmtId="0" fontId="0" fillId="0" \(border) xfId="0"><alignment vertical="top"/></xf>\
            <xf numFmtId="0" fontId="1" fillId="2" \(border) xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>\
            <xf numFmtId="0" fontId="0" fillId="0" \(border) xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>\
            <xf numFmtId="164" fontId="0" fillId="0" \(border) xfId="0" applyNumberFormat="1"><alignment vertical="top"/></xf>\
            <xf numFmtId="165" fontId="0" fillId="0" \(border) xfId="0" applyNumberFormat="1"><alignment vertical="top"/></xf>\
            <xf numFmtId="166" fontId="0" fillId="0" \(border) xfId="0" applyNumberFormat="1"><alignment vertical="top"/></xf>\
            <xf numFmtId="3" fontId="0" fillId="0" \(border) xfId="0" applyNumberFormat="1"><alignment vertical="top"/></xf>\
            <xf numFmtId="0" fontId="0" fillId="0" \(border) xfId="0" applyNumberFormat="1"><alignment vertical="top"/></xf>\
            <xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>\
            </cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
            """)
        let sharedFile = folder.appendingPathComponent("sharedStrings.xml")
        let shared = try Self.create(sharedFile)
        defer { close(shared.descriptor) }
        try shared.write(
            Data(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(stringOrder.count)\" uniqueCount=\"\(stringOrder.count)\">"
                    .utf8))
        var chunk = Data()
        for text in stringOrder {
            chunk.append(contentsOf: "<si><t xml:space=\"preserve\">\(Self.escape(text))</t></si>".utf8)
            if chunk.count > 1 << 16 {
                try shared.write(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        chunk.append(contentsOf: "</sst>".utf8)
        try shared.write(chunk)
        try archive.addEntry(with: "xl/sharedStrings.xml", fileURL: sharedFile, compressionMethod: .deflate)
        for (index, sheet) in sheets.enumerated() {
            try archive.addEntry(with: "xl/worksheets/sheet\(index + 1).xml", fileURL: sheet.file, compressionMethod: .deflate)
        }
    }

    /// How many lines `text` takes in a column `width` characters wide: a Chinese character is
    /// two characters wide, as spreadsheets measure; a little is kept back for the cell's padding.
    static func lines(_ text: String, width: Double) -> Int {
        let usable = max(width - 1, 1)
        var count = 0
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let wide = paragraph.unicodeScalars.reduce(0.0) { $0 + ($1.value > 0x2E80 ? 2 : 1.05) }
            count += max(1, Int((wide / usable).rounded(.up)))
        }
        return min(count, 40)
    }

    /// A, B, …, Z, AA, AB, …
    static func columnName(_ index: Int) -> String {
        var name = ""
        var n = index + 1
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
