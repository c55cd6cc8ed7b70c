/// Templates by name, parsed once, rendered many times.
public struct TemplateLibrary: Sendable {
    private let templates: [String: PageTemplate]

    /// A library of the given templates' texts, by name.
    public init(texts: [String: String]) throws {
        templates = try texts.reduce(into: [:]) { $0[$1.key] = try PageTemplate($1.value, name: $1.key) }
    }

    /// `template` rendered with `value`; nil when there is no such template.
    public func render(_ template: String, _ value: TemplateValue) -> String? {
        guard let nodes = templates[template]?.nodes else { return nil }
        var renderer = Renderer(library: self)
        renderer.output.reserveCapacity(16_384)
        var stack = [value]
        renderer.render(nodes, stack: &stack, blocks: [:])
        return renderer.output
    }

    fileprivate func nodes(of name: String) -> [PageTemplate.Node]? { templates[name]?.nodes }
}

private struct Renderer {
    let library: TemplateLibrary
    var output = ""
    /// Partials and parents within partials and parents: a template that includes itself stops here.
    var depth = 0

    mutating func render(_ nodes: [PageTemplate.Node], stack: inout [TemplateValue], blocks: [String: [PageTemplate.Node]]) {
        for node in nodes {
            switch node {
            case .text(let text):
                output += text
            case .variable(let path):
                switch Self.lookUp(path, in: stack) {
                case .text(let text): HTMLEscaping.append(text, to: &output)
                case .flag(let on): output += on ? "true" : "false"
                case .list, .object, .missing: break
                }
            case .section(let path, let content, let inverted):
                let value = Self.lookUp(path, in: stack)
                if inverted {
                    if !value.isShown { render(content, stack: &stack, blocks: blocks) }
                    continue
                }
                switch value {
                case .list(let items):
                    for item in items { renderPushing(item, content, stack: &stack, blocks: blocks) }
                case .flag(true):
                    render(content, stack: &stack, blocks: blocks)
                case .text, .object:
                    renderPushing(value, content, stack: &stack, blocks: blocks)
                case .flag(false), .missing:
                    break
                }
            case .partial(let name):
                guard depth < 16, let partial = library.nodes(of: name) else { continue }
                depth += 1
                render(partial, stack: &stack, blocks: blocks)
                depth -= 1
            case .block(let name, let fallback):
                render(blocks[name] ?? fallback, stack: &stack, blocks: blocks)
            case .page(let parent, let own):
                guard depth < 16, let layout = library.nodes(of: parent) else { continue }
                depth += 1
                // A block given further out wins over this page's own, as in Mustache.
                render(layout, stack: &stack, blocks: own.merging(blocks) { _, outer in outer })
                depth -= 1
            }
        }
    }

    private mutating func renderPushing(
        _ value: TemplateValue, _ content: [PageTemplate.Node], stack: inout [TemplateValue], blocks: [String: [PageTemplate.Node]]
    ) {
        stack.append(value)
        render(content, stack: &stack, blocks: blocks)
        stack.removeLast()
    }

    /// The value a name stands for: its first part looked up from the innermost value outwards,
    /// the rest within what that found.
    static func lookUp(_ path: [String], in stack: [TemplateValue]) -> TemplateValue {
        guard let first = path.first else { return .missing }
        if first == "." { return stack.last ?? .missing }
        var found = TemplateValue.missing
        for value in stack.reversed() {
            if case .object(let fields) = value, let field = fields[first] {
                found = field
                break
            }
        }
        for name in path.dropFirst() { found = found[name] }
        return found
    }
}

/// HTML escaping of text into a page: `& < > " '`, the characters that could end an element or an
/// attribute's quotes.
public enum HTMLEscaping {
    public static func append(_ text: String, to output: inout String) {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            output += text
            return
        }
        var start = utf8.startIndex
        var index = start
        while index < utf8.endIndex {
            let replacement: String?
            switch utf8[index] {
            case 0x26: replacement = "&amp;"
            case 0x3C: replacement = "&lt;"
            case 0x3E: replacement = "&gt;"
            case 0x22: replacement = "&quot;"
            case 0x27: replacement = "&#39;"
            default: replacement = nil
            }
            if let replacement {
                output += text[start..<index]
                output += replacement
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        output += text[start...]
    }
}
