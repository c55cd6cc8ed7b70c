import CLibXML2

/// A read-only view of an expanded libxml2 element, valid while its reader has not moved past it.
struct Element {
    let node: xmlNodePtr

    var line: Int { Int(xmlGetLineNo(node)) }

    var localName: String { String(cString: node.pointee.name) }

    /// The value of an attribute in no namespace, as the parser normalised it.
    func attribute(_ name: String) -> String? {
        var property = node.pointee.properties
        while let attr = property {
            if attr.pointee.ns == nil, name.withCString({ strcmp($0, UnsafeRawPointer(attr.pointee.name).assumingMemoryBound(to: CChar.self)) }) == 0 {
                return Element.text(of: attr.pointee.children, document: node.pointee.doc)
            }
            property = attr.pointee.next
        }
        return nil
    }

    /// Child elements in document order.
    var children: [Element] {
        var result: [Element] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(Element(node: current)) }
            child = current.pointee.next
        }
        return result
    }

    func children(named name: String) -> [Element] { children.filter { $0.localName == name } }

    func child(named name: String) -> Element? { children.first { $0.localName == name } }

    /// The concatenated text of the element.
    var text: String { Element.text(of: node.pointee.children, document: node.pointee.doc) }

    private static func text(of first: xmlNodePtr?, document: xmlDocPtr?) -> String {
        guard let first else { return "" }
        // The common case, one text node, needs no copy through libxml2's allocator.
        if first.pointee.next == nil, first.pointee.type == XML_TEXT_NODE, let content = first.pointee.content {
            return String(cString: content)
        }
        guard let joined = xmlNodeListGetString(document, first, 1) else { return "" }
        defer { free(joined) }
        return String(cString: joined)
    }
}
