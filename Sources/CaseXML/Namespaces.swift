/// The interchange format's three namespaces (docs/format.md).
public enum Namespace {
    public static let registry = "urn:zhifa:registry:1"
    public static let benchmarks = "urn:zhifa:benchmarks:1"
    public static let cases = "urn:zhifa:case:1"
}

/// Which document a file holds, told by its root element.
public enum DocumentKind: String, Sendable, CaseIterable {
    case registry, benchmarks
    /// `<case>` or `<cases>`.
    case cases

    /// Registries first, then benchmarks, then cases: each may refer to what the one before holds.
    public var importOrder: Int {
        switch self {
        case .registry: 0
        case .benchmarks: 1
        case .cases: 2
        }
    }

    init?(root localName: String, namespace: String) {
        switch (localName, namespace) {
        case ("registry", Namespace.registry): self = .registry
        case ("benchmarks", Namespace.benchmarks): self = .benchmarks
        case ("case", Namespace.cases), ("cases", Namespace.cases): self = .cases
        default: return nil
        }
    }

    var schemaResource: String {
        switch self {
        case .registry: "registry"
        case .benchmarks: "benchmarks"
        case .cases: "case"
        }
    }
}
