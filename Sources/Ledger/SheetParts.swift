import CLibXML2
import Foundation
import XMLParts

/// `<sheet name=… r:id=…>` of `xl/workbook.xml`, in order.
final class WorkbookSheets: PartHandler {
    var sheets: [(name: String, relationship: String)] = []
    var failure: Error?

    func start(_ name: XMLName, _ attributes: XMLAttributes) {
        guard name.is("sheet") else { return }
        guard sheets.count < 1000 else {
            failure = SheetUnreadable(message: "xl/workbook.xml 中的工作表超过 1000 个")
            return
        }
        sheets.append((String((attributes["name"] ?? "").prefix(100)), attributes["id"] ?? ""))
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}
    func end(_ name: XMLName) {}
}

/// Relationship ids to targets, from `xl/_rels/workbook.xml.rels`.
final class Relationships: PartHandler {
    var targets: [String: String] = [:]
    var failure: Error?

    func start(_ name: XMLName, _ attributes: XMLAttributes) {
        guard name.is("Relationship"), let id = attributes["Id"], let target = attributes["Target"] else { return }
        guard targets.count < 10_000 else {
            failure = SheetUnreadable(message: "xl/_rels/workbook.xml.rels 中的关系超过 10000 条")
            return
        }
        targets[id] = target
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}
    func end(_ name: XMLName) {}
}

/// The shared strings table: each `<si>` is the text of its `<t>` elements (rich runs joined;
/// phonetic runs `<rPh>` left out). Kept as one byte buffer and an offset per string, so that a
/// table of millions of empty strings costs four bytes each, and bounded in count and bytes.
final class SharedStrings: PartHandler {
    static let maxCount = 2_000_000
    private var bytes: [UInt8] = []
    /// Where each string ends in `bytes`; string i starts where string i-1 ends.
    private var ends: [UInt32] = []
    private var inText = false, inPhonetic = false
    var failure: Error?

    var count: Int { ends.count }

    subscript(_ index: Int) -> String? {
        guard index >= 0, index < ends.count else { return nil }
        let start = index == 0 ? 0 : Int(ends[index - 1])
        return String(decoding: bytes[start..<Int(ends[index])], as: UTF8.self)
    }

    func start(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("t") { inText = !inPhonetic } else if name.is("rPh") { inPhonetic = true }
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>) {
        guard inText else { return }
        guard bytes.count + text.count <= SheetReader.maxPartBytes else {
            failure = SheetUnreadable(message: "xl/sharedStrings.xml 的文字超过 \(SheetReader.maxPartBytes >> 20) MB")
            return
        }
        bytes.append(contentsOf: text)
    }

    func end(_ name: XMLName) {
        if name.is("si") {
            guard ends.count < Self.maxCount else {
                failure = SheetUnreadable(message: "xl/sharedStrings.xml 中的共享字符串超过 \(Self.maxCount) 条")
                return
            }
            ends.append(UInt32(bytes.count))
        } else if name.is("t") {
            inText = false
        } else if name.is("rPh") {
            inPhonetic = false
        }
    }
}

/// The cells of a worksheet part, handed on row by row: only the row being read is in memory.
final class SheetCells: PartHandler {
    private let shared: SharedStrings
    private let deliver: (SheetRow) throws -> Void
    private var row: SheetRow?
    private var column = 0, type = CellType.number, value: [UInt8] = [], inValue = false, lastRow = 0
    private(set) var delivered = 0
    var failure: Error?

    private enum CellType { case number, shared, text, boolean, error }

    init(shared: SharedStrings, deliver: @escaping (SheetRow) throws -> Void) {
        self.shared = shared
        self.deliver = deliver
    }

    func start(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("c") {
            if let reference = attributes["r"] {
                guard let index = Self.columnIndex(reference) else {
                    failure = SheetUnreadable(message: "第\(lastRow)行的单元格引用“\(reference.prefix(20))”不是有效的单元格地址")
                    return
                }
                column = index
            }
            switch attributes["t"] {
            case "s": type = .shared
            case "str", "inlineStr": type = .text
            case "b": type = .boolean
            case "e": type = .error
            default: type = .number
            }
            value.removeAll(keepingCapacity: true)
        } else if name.is("v") || name.is("t") {
            inValue = true
        } else if name.is("row") {
            // Bounded before any arithmetic: a row numbered 9223372036854775807 is refused, not added to.
            var number = lastRow + 1
            if let text = attributes["r"] {
                guard text.count <= 7, let given = Int(text), given >= 1 else {
                    failure = SheetUnreadable(message: "行号“\(text.prefix(20))”不是 1 到 \(SheetReader.maxRowNumber) 之间的整数")
                    return
                }
                number = given
            }
            guard number <= SheetReader.maxRowNumber else {
                failure = SheetUnreadable(message: "行号 \(number) 超过工作表的上限 \(SheetReader.maxRowNumber)")
                return
            }
            lastRow = number
            row = SheetRow(number: number, cells: [:])
            column = 0
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard inValue else { return }
        guard value.count + bytes.count <= 1 << 20 else {
            failure = SheetUnreadable(message: "第\(lastRow)行的单元格内容超过 1 MB")
            return
        }
        value.append(contentsOf: bytes)
    }

    func end(_ name: XMLName) {
        if name.is("v") || name.is("t") {
            inValue = false
        } else if name.is("c") {
            defer { column += 1 }
            guard column < SheetReader.maxColumns, !value.isEmpty else { return }
            let text = String(decoding: value, as: UTF8.self)
            let cell: SheetValue?
            switch type {
            case .shared: cell = Int(text).flatMap { shared[$0] }.map { .text($0) }
            case .text: cell = .text(text)
            case .boolean: cell = .text(text == "1" ? "是" : "否")
            case .error: cell = nil
            case .number: cell = Double(text).map { $0.isFinite ? .number($0) : .text(text) } ?? .text(text)
            }
            if let cell { row?.cells[column] = cell }
        } else if name.is("row") {
            defer { row = nil }
            guard let row, !row.cells.isEmpty else { return }
            guard delivered < SheetReader.maxRows else {
                failure = SheetUnreadable(message: "超过 \(SheetReader.maxRows) 行")
                return
            }
            delivered += 1
            do { try deliver(row) } catch { failure = error }
        }
    }

    /// `B3` → 1; nil for more than three letters or a column past XFD, Excel's last.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65 && scalar.value <= 90 else { break }
            letters += 1
            guard letters <= 3 else { return nil }
            index = index * 26 + Int(scalar.value - 64)
        }
        return letters == 0 || index > 16_384 ? nil : index - 1
    }
}
