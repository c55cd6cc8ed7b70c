import Foundation

/// A parsed template in the Mustache subset the pages use: `{{name}}` and `{{a.b}}` (escaped for
/// HTML), `{{.}}`, sections `{{#name}}…{{/name}}` and inverted sections `{{^name}}…{{/name}}`,
/// partials `{{>name}}`, and a parent page with blocks: `{{<layout}}{{$body}}…{{/body}}{{/layout}}`
/// in the page, `{{$body}}{{/body}}` in the layout. There is no unescaped form: nothing a user
/// typed can reach a page unescaped.
public struct PageTemplate: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        case variable([String])
        case section([String], [Node], inverted: Bool)
        case partial(String)
        /// A block: the page's content for it when the page gives one, else this default.
        case block(String, [Node])
        /// This template is a parent's page with its blocks filled in.
        case page(parent: String, blocks: [String: [Node]])
    }

    let nodes: [Node]

    /// Parses `text`; `name` names the template in errors.
    public init(_ text: String, name: String) throws {
        var parser = Parser(text: text, name: name)
        nodes = try parser.parse()
    }
}

/// A template's text that cannot be parsed: which template, where, and why.
public struct TemplateSyntaxError: Error, CustomStringConvertible {
    public var template: String
    public var offset: Int
    public var problem: String
    public var description: String { "template \(template), character \(offset): \(problem)" }
}

private struct Parser {
    let text: String
    let name: String
    var index: String.Index

    init(text: String, name: String) {
        self.text = text
        self.name = name
        index = text.startIndex
    }

    mutating func parse() throws -> [PageTemplate.Node] {
        let (nodes, closing) = try parseUntilClose()
        if let closing { throw error("{{/\(closing)}} closes nothing") }
        return nodes
    }

    /// Nodes up to the next closing tag (whose name is returned) or the end of the text.
    private mutating func parseUntilClose() throws -> ([PageTemplate.Node], String?) {
        var nodes: [PageTemplate.Node] = []
        while index < text.endIndex {
            guard let open = text.range(of: "{{", range: index..<text.endIndex) else {
                nodes.append(.text(String(text[index...])))
                index = text.endIndex
                break
            }
            if open.lowerBound > index { nodes.append(.text(String(text[index..<open.lowerBound]))) }
            guard let close = text.range(of: "}}", range: open.upperBound..<text.endIndex) else { throw error("{{ without }}") }
            let tag = text[open.upperBound..<close.lowerBound].trimmingWhitespace
            index = close.upperBound
            guard let sigil = tag.first else { throw error("an empty tag") }
            let rest = String(tag.dropFirst()).trimmingWhitespace
            switch sigil {
            case "/":
                return (nodes, rest)
            case "#", "^":
                let content = try parseSection(rest)
                nodes.append(.section(path(rest), content, inverted: sigil == "^"))
            case ">":
                nodes.append(.partial(rest))
            case "$":
                nodes.append(.block(rest, try parseSection(rest)))
            case "<":
                let content = try parseSection(rest)
                var blocks: [String: [PageTemplate.Node]] = [:]
                for case .block(let name, let nodes) in content { blocks[name] = nodes }
                nodes.append(.page(parent: rest, blocks: blocks))
            case "!":
                continue
            case "{", "&", "=":
                throw error("{{\(tag)}}: unescaped output and new delimiters are not supported")
            default:
                nodes.append(.variable(path(String(tag))))
            }
        }
        return (nodes, nil)
    }

    private mutating func parseSection(_ name: String) throws -> [PageTemplate.Node] {
        let (content, closing) = try parseUntilClose()
        guard closing == name else { throw error("{{\(name)}} closed by \(closing.map { "{{/\($0)}}" } ?? "the end of the text")") }
        return content
    }

    private func path(_ name: String) -> [String] {
        name == "." ? ["."] : name.split(separator: ".").map(String.init)
    }

    private func error(_ problem: String) -> TemplateSyntaxError {
        TemplateSyntaxError(template: name, offset: text.distance(from: text.startIndex, to: index), problem: problem)
    }
}

extension Substring {
    fileprivate var trimmingWhitespace: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

extension String {
    fileprivate var trimmingWhitespace: String { self[...].trimmingWhitespace }
}
