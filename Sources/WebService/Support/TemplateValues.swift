/// Turns a page's view value into dictionaries and arrays once, before rendering.
///
/// The template library otherwise reflects a value with `Mirror` on every name it looks up, and a
/// lookup that misses walks every enclosing value the same way: on a case page that was well over
/// half the time of a request. Reflecting each value once and handing the library dictionaries
/// (which it reads directly) keeps the templates unchanged and the pages several times faster.
enum TemplateValues {
    static func tree(_ value: Any) -> Any? {
        switch value {
        case is String, is Bool, is Int, is Double:
            return value
        default:
            break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.flatMap { tree($0.value) }
        case .collection, .set:
            return mirror.children.compactMap { tree($0.value) }
        case .struct, .class:
            var fields: [String: Any] = [:]
            for child in mirror.children {
                if let label = child.label, let converted = tree(child.value) { fields[label] = converted }
            }
            return fields
        default:
            return value
        }
    }
}
