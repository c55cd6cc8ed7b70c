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
            guard let url = Bundle.module.url(forResource: kind.schemaResource, withExtension: "xsd", subdirectory: "Schemas"),
                let parser = xmlSchemaNewParserCtxt(url.path)
            else {
                fatalError("the bundled schema \(kind.schemaResource).xsd is missing from the build")
            }
            defer { xmlSchemaFreeParserCtxt(parser) }
            guard let schema = xmlSchemaParse(parser) else {
                fatalError("the bundled schema \(kind.schemaResource).xsd does not compile")
            }
            compiled[kind] = schema
        }
        schemas = compiled
    }

    func schema(for kind: DocumentKind) -> xmlSchemaPtr { schemas[kind]! }

    /// Path of a bundled XSD, for users who want to validate with other tools.
    static func url(for kind: DocumentKind) -> URL? {
        Bundle.module.url(forResource: kind.schemaResource, withExtension: "xsd", subdirectory: "Schemas")
    }
}
