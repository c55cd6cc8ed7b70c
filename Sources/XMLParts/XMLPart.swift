import CLibXML2
import Foundation

/// What a part's parser reports, element by element. Names arrive as libxml2's bytes so that a
/// sheet of millions of cells makes no string per element.
public protocol PartHandler: AnyObject {
    func start(_ name: XMLName, _ attributes: XMLAttributes)
    func characters(_ bytes: UnsafeBufferPointer<UInt8>)
    func end(_ name: XMLName)
    /// Set by a handler that must stop reading (a bound reached, a row refused).
    var failure: Error? { get }
}

/// An element's local name as libxml2 passes it.
public struct XMLName {
    public let pointer: UnsafePointer<xmlChar>

    public init(pointer: UnsafePointer<xmlChar>) { self.pointer = pointer }

    public func `is`(_ name: StaticString) -> Bool {
        strcmp(
            UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self),
            UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
    }
}

/// An element's attributes as libxml2's SAX2 passes them: five pointers each (local name, prefix,
/// namespace, value start, value end).
public struct XMLAttributes {
    public let pointer: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    public let count: Int

    /// The value of the attribute whose local name is `name`.
    public subscript(_ name: StaticString) -> String? {
        guard let pointer else { return nil }
        for index in 0..<count {
            let base = pointer + index * 5
            guard let local = base[0], XMLName(pointer: local).is(name), let start = base[3], let end = base[4] else { continue }
            return String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
        }
        return nil
    }
}

/// One XML part of a package (a workbook's sheet, a DOCX's document, an OFD's page), parsed by libxml2's SAX2 push parser as ZIPFoundation inflates it:
/// the part is never whole in memory, and what the handler keeps is all that stays.
///
/// A document type declaration is refused as the case importer refuses it (`PrologGuard`): the
/// parser stops at the DOCTYPE, before any entity is declared, let alone expanded. No network.
public final class XMLPart {
    public let part: String
    private let handler: PartHandler
    private var context: xmlParserCtxtPtr?
    private var stopped: Error?
    /// How deep the parser is: a part nested deeper than any real one is refused, whatever the
    /// parser itself allows, so that a handler never sees it.
    private var depth = 0
    public static let maxDepth = 256

    public init(part: String, handler: PartHandler) {
        self.part = part
        self.handler = handler
    }

    deinit {
        if let context { xmlFreeParserCtxt(context) }
    }

    /// Parses the next bytes of the part; throws as soon as the part is refused.
    public func feed(_ data: Data) throws {
        try data.withUnsafeBytes { bytes in
            try parse(bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), terminate: false)
        }
    }

    /// Ends the part: an unclosed element is an error here.
    public func finish() throws {
        try parse(nil, 0, terminate: true)
    }

    private func parse(_ bytes: UnsafePointer<CChar>?, _ count: Int32, terminate: Bool) throws {
        if context == nil {
            xmlInitParser()
            var sax = Self.handlers()
            context = xmlCreatePushParserCtxt(&sax, Unmanaged.passUnretained(self).toOpaque(), nil, 0, part)
            guard let context else { throw PartUnreadable(message: "无法读取 \(part)") }
            xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue))
        }
        let status = xmlParseChunk(context, bytes, count, terminate ? 1 : 0)
        if let stopped { throw stopped }
        if let failure = handler.failure { throw failure }
        if status != 0 {
            let line = context.map { Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer($0))) } ?? 0
            throw PartUnreadable(message: "\(part) 第\(line)行不是格式正确的 XML，无法读取（文件可能已损坏）")
        }
    }

    fileprivate func stop(_ error: Error) {
        if stopped == nil { stopped = error }
        if let context { xmlStopParser(context) }
    }

    fileprivate func afterHandler() {
        if let failure = handler.failure { stop(failure) }
    }

    private static func part(_ context: UnsafeMutableRawPointer?) -> XMLPart? {
        context.map { Unmanaged<XMLPart>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Made for each part: libxml2 copies the table, and a shared one would be mutable global state.
    private static func handlers() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = 0xDEED_BEAF  // XML_SAX2_MAGIC: the namespace-aware callbacks below
        sax.startElementNs = { context, name, _, _, _, _, count, _, attributes in
            guard let part = XMLPart.part(context), part.stopped == nil, let name else { return }
            part.depth += 1
            guard part.depth <= XMLPart.maxDepth else {
                part.stop(PartUnreadable(message: "\(part.part) 的元素嵌套超过 \(XMLPart.maxDepth) 层，不予读取"))
                return
            }
            part.handler.start(XMLName(pointer: name), XMLAttributes(pointer: attributes, count: Int(count)))
            part.afterHandler()
        }
        sax.endElementNs = { context, name, _, _ in
            guard let part = XMLPart.part(context), part.stopped == nil, let name else { return }
            part.depth -= 1
            part.handler.end(XMLName(pointer: name))
            part.afterHandler()
        }
        sax.characters = { context, bytes, count in
            guard let part = XMLPart.part(context), part.stopped == nil, let bytes, count > 0 else { return }
            part.handler.characters(UnsafeBufferPointer(start: bytes, count: Int(count)))
            part.afterHandler()
        }
        sax.internalSubset = { context, _, _, _ in
            guard let part = XMLPart.part(context) else { return }
            part.stop(PartUnreadable(message: "\(part.part) 含有文档类型声明（DOCTYPE）；该格式不使用 DTD，为防止实体扩展攻击不予读取"))
        }
        sax.entityDecl = { context, _, _, _, _, _ in
            guard let part = XMLPart.part(context) else { return }
            part.stop(PartUnreadable(message: "\(part.part) 声明了实体；为防止实体扩展攻击不予读取"))
        }
        // Errors are reported by the status of each chunk; nothing is printed.
        sax.serror = { _, _ in }
        return sax
    }
}
