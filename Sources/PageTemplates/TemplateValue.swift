/// A value as a template sees it: what a page's view (any `Encodable`) becomes once, before it is
/// rendered, so that rendering looks names up in dictionaries and never reflects or casts.
public enum TemplateValue: Sendable, Equatable {
    case text(String)
    case flag(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])
    /// A nil optional, or a name that is not there.
    case missing

    /// The field `name` of an object; `missing` for anything else.
    public subscript(name: String) -> TemplateValue {
        if case .object(let fields) = self { return fields[name] ?? .missing }
        return .missing
    }

    /// Whether `{{#name}}` shows its content: false, a missing value and an empty list do not;
    /// any text (even empty) and any object do, as in Mustache.
    var isShown: Bool {
        switch self {
        case .flag(let on): return on
        case .missing: return false
        case .list(let items): return !items.isEmpty
        case .text, .object: return true
        }
    }
}
