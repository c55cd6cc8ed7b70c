import BundledFiles
import CLibXML2
import Foundation

/// The compiled XSDs shipped with the binary, loaded once and shared read-only by every reader.
final class SchemaSet: @unchecked Sendable {
    static let shared = SchemaSet()

    private let schemas: [DocumentKind: xmlSchemaPtr]

    private init() {
        xmlInitParser()
        var compiled: [DocumentKind: xmlSchemaPtr] = [:]
        for kind in DocumentKind.allCases {
            // Compiled from the text the binary carries; a build without it is a broken build.
            guard let text = SchemaSet.text(for: kind) else {
                fatalError("the bundled schema \(kind.schemaResource).xsd is missing from the build")
            }
            let parsed = SchemaSet.compile(text)
            guard let schema = parsed else {
                fatalError("the bundled schema \(kind.schemaResource).xsd does not compile")
            }
            compiled[kind] = schema
        }
        schemas = compiled
    }

    func schema(for kind: DocumentKind) -> xmlSchemaPtr { schemas[kind]! }

    /// An XSD compiled from its text; nil when it does not compile. The parser reads the bytes when
    /// it parses, so both happen while they live. The caller frees it (`xmlSchemaFree`).
    static func compile(_ text: String) -> xmlSchemaPtr? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let parser = xmlSchemaNewMemParserCtxt(chars.baseAddress, Int32(chars.count)) else { return nil }
                defer { xmlSchemaFreeParserCtxt(parser) }
                return xmlSchemaParse(parser)
            }
        }
    }

    /// The text of a bundled XSD, for users who want to validate with other tools.
    static func text(for kind: DocumentKind) -> String? {
        BundledFiles.text("Sources/CaseXML/Schemas/\(kind.schemaResource).xsd")
    }
}
