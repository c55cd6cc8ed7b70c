import CLibXML2

/// One problem in an input file, printed as `FILE 第LINE行：message`.
public struct XMLDiagnostic: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based; 0 when the problem is the file as a whole.
    public var line: Int
    /// The problem in Chinese.
    public var message: String
    /// libxml2's own words, when the message was translated from them: for experts (`--verbose`).
    public var detail: String?
    /// For a spreadsheet ledger: the column's header, the line being its row.
    public var column: String?

    public init(file: String, line: Int, message: String, detail: String? = nil, column: String? = nil) {
        self.file = file
        self.line = line
        self.message = message
        self.detail = detail
        self.column = column
    }

    public var description: String {
        let place = line > 0 ? "\(file) 第\(line)行" : file
        return column.map { "\(place) “\($0)”：\(message)" } ?? (line > 0 ? "\(place)：\(message)" : "\(place)：\(message)")
    }

    /// The description with libxml2's original text on a second line, when there is one.
    public var verboseDescription: String {
        detail.map { "\(description)\n    libxml2：\($0)" } ?? description
    }
}

/// Why a document was refused.
public enum CaseXMLError: Error, CustomStringConvertible {
    /// The file broke the XML rules, the schema or a referential check; every problem is listed.
    case invalid([XMLDiagnostic])
    /// The file could not be opened at all.
    case unreadable(file: String, reason: String)
    /// The root element is not one of the interchange format's documents.
    case unknownDocument(file: String, root: String)

    public var description: String {
        switch self {
        case .invalid(let diagnostics): diagnostics.map(\.description).joined(separator: "\n")
        case .unreadable(let file, let reason): "\(file)：无法读取：\(reason)"
        case .unknownDocument(let file, let root):
            "\(file) 第1行：根元素\(root)不是 Zhifa 的名录、裁量基准或案件文档"
        }
    }

    public var diagnostics: [XMLDiagnostic] {
        switch self {
        case .invalid(let diagnostics): diagnostics
        case .unreadable(let file, let reason): [XMLDiagnostic(file: file, line: 0, message: "无法读取：\(reason)")]
        case .unknownDocument(let file, let root): [XMLDiagnostic(file: file, line: 1, message: "根元素\(root)不是 Zhifa 的名录、裁量基准或案件文档")]
        }
    }
}

/// Collects the problems of one file; libxml2's error callback writes into it.
final class DiagnosticSink {
    let file: String
    private(set) var items: [XMLDiagnostic] = []
    /// A broken file can produce thousands of follow-on errors; the first ones say what is wrong.
    static let limit = 200

    init(file: String) { self.file = file }

    var isEmpty: Bool { items.isEmpty }

    func add(line: Int, _ message: String, detail: String? = nil) {
        guard items.count < Self.limit else { return }
        items.append(XMLDiagnostic(file: file, line: line, message: message, detail: detail))
    }

    /// Rewrites the messages about elements of `item` (just expanded) that libxml2 reported without
    /// a node, now that the element on the message's line can be looked at: an event is then named
    /// by its kind (`事件“立案”的日期…`). Only the messages still unnamed are touched.
    func nameElements(in item: Element) {
        guard let first = items.firstIndex(where: { $0.line >= item.line && $0.detail != nil }) else { return }
        var byLine: [Int: [Element]] = [:]
        func walk(_ element: Element) {
            byLine[element.line, default: []].append(element)
            element.children.forEach(walk)
        }
        walk(item)
        for index in first..<items.count {
            guard let raw = items[index].detail, let name = SchemaMessages.elementName(in: raw),
                let element = byLine[items[index].line]?.first(where: { $0.localName == name }),
                let kind = element.attribute("kind")
            else { continue }
            items[index].message = SchemaMessages.chinese(raw, subject: .init(element: name, kind: kind))
        }
    }

    /// Problems the model decoder found in the item being read. They are held back until the schema
    /// has validated the item: when it reported the item, its messages say the same thing better.
    private var pending: [(line: Int, message: String)] = []

    func addDecoded(line: Int, _ message: String) {
        pending.append((line, message))
    }

    /// Ends an item that spans lines `start..<end`; returns whether it was free of problems.
    /// Items are settled by line range because the reader validates an element's start tag when it
    /// arrives on it, which can be while it is still finishing the item before.
    @discardableResult
    func settleItem(lines: Range<Int>) -> Bool {
        let schemaReported = items.contains { lines.contains($0.line) || $0.line == 0 }
        if !schemaReported {
            for problem in pending { add(line: problem.line, problem.message) }
        }
        pending.removeAll()
        return !items.contains { lines.contains($0.line) || $0.line == 0 }
    }
}
