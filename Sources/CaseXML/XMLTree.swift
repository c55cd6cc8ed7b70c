import CLibXML2
import Foundation

/// A small validated XML document as a plain tree, for configuration such as checklists.
public struct XMLTree: Sendable, Equatable {
    public var name: String
    public var attributes: [String: String]
    public var children: [XMLTree]
    public var text: String
    public var line: Int

    public func children(named name: String) -> [XMLTree] { children.filter { $0.name == name } }

    public func child(named name: String) -> XMLTree? { children.first { $0.name == name } }

    public subscript(attribute: String) -> String? { attributes[attribute] }
}

extension XMLTree {
    init(_ element: Element) {
        var attributes: [String: String] = [:]
        var property = element.node.pointee.properties
        while let attr = property {
            let name = String(cString: attr.pointee.name)
            attributes[name] = element.attribute(name)
            property = attr.pointee.next
        }
        self.init(
            name: element.localName, attributes: attributes, children: element.children.map(XMLTree.init),
            text: element.text, line: element.line)
    }

    /// Reads and validates a whole document against the XSD at `schema`.
    public static func read(_ url: URL, schema: URL, displayName: String? = nil) throws -> XMLTree {
        let text: String
        do {
            text = try String(contentsOf: schema, encoding: .utf8)
        } catch {
            throw CaseXMLError.unreadable(file: schema.path, reason: "无法打开校验模式（schema）")
        }
        return try read(.file(url), schema: text, schemaName: schema.path, displayName: displayName ?? url.path)
    }

    /// A document from any source, validated against the XSD `schema` (its text; `schemaName`
    /// names it in errors).
    public static func read(_ source: DocumentSource, schema: String, schemaName: String, displayName: String) throws -> XMLTree {
        let sink = DiagnosticSink(file: displayName)
        xmlInitParser()
        let parsed = SchemaSet.compile(schema)
        guard let compiled = parsed else {
            throw CaseXMLError.unreadable(file: schemaName, reason: "校验模式（schema）无法编译")
        }
        defer { xmlSchemaFree(compiled) }
        var tree: XMLTree?
        do {
            let reader = try ValidatingReader(source: source, schema: compiled, sink: sink)
            guard reader.root() != nil else {
                throw CaseXMLError.invalid(sink.isEmpty ? [XMLDiagnostic(file: sink.file, line: 1, message: "文件中没有根元素（不是 XML 文档，或是空文件）")] : sink.items)
            }
            reader.readItems(wholeRoot: true, convert: { XMLTree($0) }, accept: { tree = $0 })
        }
        guard sink.isEmpty, let tree else { throw CaseXMLError.invalid(sink.items) }
        return tree
    }
}
