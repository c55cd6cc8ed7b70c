import CaseModel
import Foundation

/// Thrown by an import callback to refuse one item (a case of an unknown agency, say): the reader
/// records it as a problem at the item's line and goes on, so the file reports every problem at once.
public struct ItemRefused: Error, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// Reads the interchange format's documents, validating each against its bundled XSD.
///
/// Every method either delivers only items of a file that proved valid to its end, or throws
/// `CaseXMLError.invalid` listing every problem as `FILE 第N行：message`. Callers that write while
/// reading (the store) do so inside a transaction they roll back on that error.
public struct CaseFileReader: Sendable {
    public init() {}

    /// The kind of document a file holds, from its root element alone.
    public static func kind(of url: URL, displayName: String? = nil) throws -> DocumentKind {
        try kind(of: .file(url), displayName: displayName ?? url.path)
    }

    /// The kind of document a source holds, from its root element alone (after the prolog guard).
    public static func kind(of source: DocumentSource, displayName: String) throws -> DocumentKind {
        let sink = DiagnosticSink(file: displayName)
        let reader = try ValidatingReader(source: source, schema: nil, sink: sink)
        guard let root = reader.root() else {
            throw CaseXMLError.invalid(sink.isEmpty ? [XMLDiagnostic(file: sink.file, line: 1, message: "文件中没有根元素（不是 XML 文档，或是空文件）")] : sink.items)
        }
        guard let kind = DocumentKind(root: root.localName, namespace: root.namespace) else {
            throw CaseXMLError.unknownDocument(file: sink.file, root: " <\(root.localName)>（命名空间“\(root.namespace)”）")
        }
        return kind
    }

    public func readRegistry(_ url: URL, displayName: String? = nil) throws -> Registry {
        var registry = Registry()
        for (entry, _) in try readRegistryEntries(url, displayName: displayName) {
            switch entry {
            case .agency(let agency): registry.agencies.append(agency)
            case .officer(let officer): registry.officers.append(officer)
            }
        }
        return registry
    }

    /// One element of a registry document, for callers that report problems by line.
    public enum RegistryEntry: Sendable {
        case agency(Agency)
        case officer(Officer)
    }

    /// The registry's agencies and people in document order, each with its line.
    public func readRegistryEntries(_ url: URL, displayName: String? = nil) throws -> [(RegistryEntry, Int)] {
        try readRegistryEntries(.file(url), displayName: displayName ?? url.path)
    }

    public func readRegistryEntries(_ source: DocumentSource, displayName: String) throws -> [(RegistryEntry, Int)] {
        var entries: [(RegistryEntry, Int)] = []
        try read(source, displayName: displayName, expecting: .registry) { reader, decoder, _ in
            reader.readItems(
                wholeRoot: false,
                convert: { element -> (RegistryEntry, Int)? in
                    switch element.localName {
                    case "agency": decoder.agency(element).map { (.agency($0), element.line) }
                    case "officer": decoder.officer(element).map { (.officer($0), element.line) }
                    default: nil
                    }
                }, accept: { entries.append($0) })
        }
        return entries
    }

    public func readBenchmarks(_ url: URL, displayName: String? = nil) throws -> BenchmarkSet {
        try readBenchmarks(.file(url), displayName: displayName ?? url.path)
    }

    public func readBenchmarks(_ source: DocumentSource, displayName: String) throws -> BenchmarkSet {
        var set = BenchmarkSet(agency: "")
        try read(source, displayName: displayName, expecting: .benchmarks) { reader, decoder, root in
            set = BenchmarkSet(
                agency: decoder.required(root, "agency") ?? "", title: decoder.string(root, "title"),
                effective: decoder.date(root, "effective"))
            reader.sink.settleItem(lines: 0..<Int.max)
            reader.readItems(wholeRoot: false, convert: decoder.benchmarkItem, accept: { set.items.append($0) })
        }
        return set
    }

    /// Streams the cases of a `<case>` or `<cases>` file to `each`, with each case's line; records'
    /// files are looked up inside the file's folder. Returns how many cases were delivered.
    @discardableResult
    public func readCases(
        _ url: URL, displayName: String? = nil, checkEvidence: Bool = true,
        each: (EnforcementCase, Int) throws -> Void
    ) throws -> Int {
        try readCases(
            .file(url), displayName: displayName ?? url.path,
            evidence: checkEvidence ? .folder(url.deletingLastPathComponent()) : .none, each: each)
    }

    /// Streams the cases of a document from any source, checking records' files as `evidence` allows.
    @discardableResult
    public func readCases(
        _ source: DocumentSource, displayName: String, evidence: EvidencePolicy,
        each: (EnforcementCase, Int) throws -> Void
    ) throws -> Int {
        var count = 0
        try read(source, displayName: displayName, expecting: .cases) { reader, decoder, root in
            try reader.readItems(
                wholeRoot: root.localName == "case",
                convert: { element -> (EnforcementCase, Int)? in
                    guard element.localName == "case" else { return nil }
                    return decoder.enforcementCase(element, evidence: evidence).map { ($0, element.line) }
                },
                accept: { item in
                    do {
                        try each(item.0, item.1)
                        count += 1
                    } catch let refusal as ItemRefused {
                        reader.sink.add(line: item.1, refusal.message)
                    }
                })
        }
        return count
    }

    private func read(
        _ source: DocumentSource, displayName: String, expecting kind: DocumentKind,
        body: (ValidatingReader, ModelDecoder, Element) throws -> Void
    ) throws {
        let sink = DiagnosticSink(file: displayName)
        let reader = try ValidatingReader(source: source, schema: SchemaSet.shared.schema(for: kind), sink: sink)
        guard let root = reader.root() else {
            throw CaseXMLError.invalid(sink.isEmpty ? [XMLDiagnostic(file: sink.file, line: 1, message: "文件中没有根元素（不是 XML 文档，或是空文件）")] : sink.items)
        }
        guard DocumentKind(root: root.localName, namespace: root.namespace) == kind else {
            throw CaseXMLError.unknownDocument(file: sink.file, root: " <\(root.localName)>（命名空间“\(root.namespace)”，此处应为 \(kind.rawValue) 文档）")
        }
        try body(reader, ModelDecoder(sink: sink), root.element)
        if !sink.isEmpty { throw CaseXMLError.invalid(sink.items) }
    }
}
