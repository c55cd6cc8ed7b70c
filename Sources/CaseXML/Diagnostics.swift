/// One problem in an input file, printed as `FILE:LINE: message` like a compiler's.
public struct XMLDiagnostic: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based; 0 when the problem is the file as a whole.
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file; self.line = line; self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
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
        case .unreadable(let file, let reason): "\(file):0: cannot read: \(reason)"
        case .unknownDocument(let file, let root):
            "\(file):1: root element \(root) is not a Zhifa registry, benchmarks, case or cases document"
        }
    }

    public var diagnostics: [XMLDiagnostic] {
        switch self {
        case .invalid(let diagnostics): diagnostics
        case .unreadable(let file, let reason): [XMLDiagnostic(file: file, line: 0, message: "cannot read: \(reason)")]
        case .unknownDocument: [XMLDiagnostic(file: "", line: 1, message: description)]
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

    func add(line: Int, _ message: String) {
        guard items.count < Self.limit else { return }
        items.append(XMLDiagnostic(file: file, line: line, message: message))
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
