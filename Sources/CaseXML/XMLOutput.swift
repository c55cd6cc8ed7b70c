import CLibXML2

/// A thin wrapper over libxml2's xmlTextWriter writing into memory; libxml2 does the escaping.
final class XMLOutput {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr

    init(indent: Bool = true) {
        buffer = xmlBufferCreate()
        writer = xmlNewTextWriterMemory(buffer, 0)
        if indent {
            xmlTextWriterSetIndent(writer, 1)
            _ = "  ".withCString { xmlTextWriterSetIndentString(writer, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
        }
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    private static func withXMLChar<R>(_ text: String, _ body: (UnsafePointer<xmlChar>) -> R) -> R {
        text.withCString { body(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
    }

    func startDocument() {
        xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil)
    }

    func start(_ name: String, namespace: String? = nil) {
        Self.withXMLChar(name) { _ = xmlTextWriterStartElement(writer, $0) }
        if let namespace { attribute("xmlns", namespace) }
    }

    func end() {
        xmlTextWriterEndElement(writer)
    }

    /// Writes the attribute when it has a value; nil means "absent", as the format intends.
    func attribute(_ name: String, _ value: String?) {
        guard let value else { return }
        Self.withXMLChar(name) { name in
            Self.withXMLChar(value) { _ = xmlTextWriterWriteAttribute(writer, name, $0) }
        }
    }

    func attribute(_ name: String, _ value: CustomStringConvertible?) {
        attribute(name, value?.description)
    }

    func text(_ value: String) {
        Self.withXMLChar(value) { _ = xmlTextWriterWriteString(writer, $0) }
    }

    /// An element whose only content is text, written on one line.
    func element(_ name: String, text value: String) {
        start(name)
        text(value)
        end()
    }

    func finish() -> String {
        xmlTextWriterEndDocument(writer)
        xmlTextWriterFlush(writer)
        return String(cString: xmlBufferContent(buffer))
    }
}
