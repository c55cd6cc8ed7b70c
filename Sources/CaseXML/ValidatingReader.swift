import CLibXML2
import Foundation

/// Streams a document through libxml2's xmlTextReader while validating it against its XSD.
///
/// Only one top-level element (an agency, an officer, an item, a case) is in memory at a time, so a
/// 10,000-case file costs the memory of one case. Every parse and schema error is collected with its
/// line into the sink; the caller decides what a file with errors means.
final class ValidatingReader {
    let file: String
    let sink: DiagnosticSink
    private let reader: xmlTextReaderPtr

    /// `XML_PARSE_NONET`: never fetch over the network; `BIG_LINES`: true line numbers past 65,535.
    private static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)

    /// A memory source's bytes, copied to a buffer that lives exactly as long as libxml2 reads it.
    private let memory: UnsafeMutableRawBufferPointer?

    convenience init(url: URL, schema: xmlSchemaPtr?, sink: DiagnosticSink) throws {
        try self.init(source: .file(url), schema: schema, sink: sink)
    }

    init(source: DocumentSource, schema: xmlSchemaPtr?, sink: DiagnosticSink) throws {
        xmlInitParser()
        self.file = sink.file
        self.sink = sink
        let opened: xmlTextReaderPtr?
        switch source {
        case .file(let url):
            // Only a regular file: a FIFO or a device (/dev/zero) would block or never end.
            var info = stat()
            guard stat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, FileManager.default.isReadableFile(atPath: url.path) else {
                throw CaseXMLError.unreadable(file: sink.file, reason: "不是可读取的普通文件")
            }
            if let refusal = PrologGuard.check(source) { throw CaseXMLError.invalid([XMLDiagnostic(file: sink.file, line: 1, message: refusal)]) }
            memory = nil
            opened = xmlReaderForFile(url.path, nil, Self.options)
        case .memory(let data):
            if let refusal = PrologGuard.check(source) { throw CaseXMLError.invalid([XMLDiagnostic(file: sink.file, line: 1, message: refusal)]) }
            guard data.count < Int(Int32.max) else { throw CaseXMLError.unreadable(file: sink.file, reason: "文件过大") }
            let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(data.count, 1), alignment: 1)
            copy.copyBytes(from: data)
            memory = copy
            opened = xmlReaderForMemory(copy.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(data.count), nil, nil, Self.options)
        }
        guard let reader = opened else {
            memory?.deallocate()
            throw CaseXMLError.unreadable(file: sink.file, reason: "libxml2 无法打开")
        }
        self.reader = reader
        let context = Unmanaged.passUnretained(sink).toOpaque()
        xmlTextReaderSetStructuredErrorHandler(reader, ValidatingReader.collect, context)
        // With a schema attached, libxml2's validating SAX plug takes the parser's user data, and
        // well-formedness errors then reach only the thread's own channel: route that one here too.
        xmlSetStructuredErrorFunc(context, ValidatingReader.collect)
        if let schema, xmlTextReaderSetSchema(reader, schema) != 0 {
            throw CaseXMLError.unreadable(file: sink.file, reason: "无法挂接校验模式（schema）")
        }
    }

    deinit {
        xmlFreeTextReader(reader)
        memory?.deallocate()
        xmlSetStructuredErrorFunc(nil, nil)
    }

    /// libxml2's structured error callback: files each error into the sink passed as context.
    private static let collect: xmlStructuredErrorFunc = { context, error in
        guard let context, let error else { return }
        let sink = Unmanaged<DiagnosticSink>.fromOpaque(context).takeUnretainedValue()
        let details = error.pointee
        guard details.level != XML_ERR_WARNING else { return }
        var message = details.message.map { String(cString: $0) } ?? "unknown XML error"
        message = message.trimmingCharacters(in: .whitespacesAndNewlines)
        var line = Int(details.line)
        var subject: SchemaMessages.Subject?
        // Streaming validation reports no node: the element is then named once its item is
        // expanded (`DiagnosticSink.nameElements(in:)`).
        if let pointer = details.node {
            var node = pointer.assumingMemoryBound(to: xmlNode.self)
            // An attribute's error points at the attribute; the sentence names its element.
            if node.pointee.type == XML_ATTRIBUTE_NODE, let parent = node.pointee.parent { node = parent }
            if line == 0 { line = Int(xmlGetLineNo(node)) }
            if node.pointee.type == XML_ELEMENT_NODE, let name = node.pointee.name {
                subject = SchemaMessages.Subject(element: String(cString: name), kind: Element(node: node).attribute("kind"))
            }
        }
        sink.add(line: line, SchemaMessages.chinese(message, subject: subject), detail: message)
    }

    /// The root element's name and namespace, reading no further than its start tag.
    func root() -> (localName: String, namespace: String, element: Element)? {
        while xmlTextReaderRead(reader) == 1 {
            if xmlTextReaderNodeType(reader) == Int32(XML_READER_TYPE_ELEMENT.rawValue) {
                let name = xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
                let namespace = xmlTextReaderConstNamespaceUri(reader).map { String(cString: $0) } ?? ""
                guard let node = xmlTextReaderCurrentNode(reader) else { return nil }
                return (name, namespace, Element(node: node))
            }
        }
        return nil
    }

    /// Reads the rest of the document after `root()`, handing each top-level element (depth 1) to
    /// `convert` while it is expanded, then to `accept` once the reader has validated all of it.
    /// When `wholeRoot` is set, the root element itself is the one item (a lone `<case>`).
    func readItems<Item>(wholeRoot: Bool, convert: (Element) -> Item?, accept: (Item) throws -> Void) rethrows {
        var held: (item: Item?, line: Int)?
        func settle(before nextLine: Int) throws {
            guard let current = held else { return }
            held = nil
            let clean = sink.settleItem(lines: current.line..<max(nextLine, current.line + 1))
            if clean, let item = current.item { try accept(item) }
        }
        func readItem() throws -> Int32 {
            guard let node = xmlTextReaderExpand(reader) else { return -1 }
            let element = Element(node: node)
            sink.nameElements(in: element)
            try settle(before: element.line)
            held = (convert(element), element.line)
            return xmlTextReaderNext(reader)
        }
        var status: Int32 = wholeRoot ? try readItem() : xmlTextReaderRead(reader)
        while status == 1 {
            if xmlTextReaderNodeType(reader) == Int32(XML_READER_TYPE_ELEMENT.rawValue), xmlTextReaderDepth(reader) == 1 {
                status = try readItem()
            } else {
                status = xmlTextReaderRead(reader)
            }
        }
        if status < 0, sink.isEmpty {
            sink.add(line: 0, "XML 无法读到结尾（文件不完整或已损坏）")
        }
        if status == 0, xmlTextReaderIsValid(reader) != 1, sink.isEmpty {
            sink.add(line: 0, "文档不符合交换格式的校验模式（schema）")
        }
        if status == 0 {
            try settle(before: Int.max)
        } else {
            sink.settleItem(lines: 0..<0)
        }
    }
}
