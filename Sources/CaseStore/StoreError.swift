/// Why the store refused or failed an operation.
public enum StoreError: Error, CustomStringConvertible {
    /// A row that should exist does not, or holds a value the model does not know.
    case corrupt(String)
    /// A case, agency or item that was asked for is not stored.
    case notFound(String)
    /// The change would break a rule of the store (a name already taken, a role without its agency).
    case refused(String)

    public var description: String {
        switch self {
        case .corrupt(let message): "the store is inconsistent: \(message)"
        case .notFound(let message): message
        case .refused(let message): message
        }
    }
}
