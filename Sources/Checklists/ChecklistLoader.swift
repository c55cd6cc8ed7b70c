import Audit
import BundledFiles
import CaseModel
import CaseXML
import Crypto
import Foundation
import WorkCalendar

/// Why a checklist could not be used.
public enum ChecklistError: Error, CustomStringConvertible {
    case notFound(String)
    case invalid(file: String, line: Int, message: String)
    case cyclicExtension([String])

    public var description: String {
        switch self {
        case .notFound(let name): "没有评查表 \(name)：请给出文件路径，或 Checklists/ 中的文件名"
        case .invalid(let file, let line, let message): line > 0 ? "\(file) 第\(line)行：\(message)" : "\(file)：\(message)"
        case .cyclicExtension(let chain): "评查表相互继承成环：\(chain.joined(separator: " → "))"
        }
    }
}

/// Loads checklists, validating each against `checklist.xsd`: from a Checklists folder when one is
/// found (an operator's own, `$ZHIFA_CHECKLISTS`, or a checkout's), else from those the binary
/// carries (`BundledFiles`); a name the folder lacks is looked up among the carried ones too.
public struct ChecklistLoader: Sendable {
    /// The folder looked in first; nil: only the checklists the binary carries.
    public let directory: URL?

    public init(directory: URL?) { self.directory = directory }

    /// The Checklists folder found, if any, and the carried checklists.
    public static func bundled() throws -> ChecklistLoader {
        ChecklistLoader(directory: ChecklistsLocator.directory())
    }

    /// `name` is a path to an XML file, or the name of one in the folder (`national`, `market-regulation`).
    public func load(_ name: String = "national") throws -> Checklist {
        try load(name, chain: [])
    }

    /// A checklist document: a file, or one the binary carries.
    private struct Document {
        var name: String
        var source: DocumentSource
        var bytes: Data
    }

    private func resolve(_ name: String) throws -> Document {
        var candidates = [URL(fileURLWithPath: name)]
        if let directory { candidates += [directory.appendingPathComponent(name), directory.appendingPathComponent(name + ".xml")] }
        if let found = candidates.first(where: {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0.path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }) {
            return Document(name: found.path, source: .file(found), bytes: try Data(contentsOf: found))
        }
        for path in ["Checklists/\(name)", "Checklists/\(name).xml"] where path.hasSuffix(".xml") {
            if let text = BundledFiles.text(path) {
                return Document(name: "\(path)（内置）", source: .memory(Data(text.utf8)), bytes: Data(text.utf8))
            }
        }
        throw ChecklistError.notFound(name)
    }

    /// The folder's `checklist.xsd`, else the carried one.
    private func schema() throws -> (name: String, text: String) {
        if let file = directory?.appendingPathComponent("checklist.xsd"), let text = try? String(contentsOf: file, encoding: .utf8) {
            return (file.path, text)
        }
        guard let text = BundledFiles.text("Checklists/checklist.xsd") else { throw ChecklistError.notFound("checklist.xsd") }
        return ("Checklists/checklist.xsd（内置）", text)
    }

    private func load(_ name: String, chain: [String]) throws -> Checklist {
        let document = try resolve(name)
        guard !chain.contains(document.name) else { throw ChecklistError.cyclicExtension(chain + [document.name]) }
        let tree: XMLTree
        do {
            let schema = try schema()
            tree = try XMLTree.read(document.source, schema: schema.text, schemaName: schema.name, displayName: document.name)
        } catch let error as CaseXMLError {
            let first = error.diagnostics.first
            throw ChecklistError.invalid(
                file: first?.file ?? document.name, line: first?.line ?? 0, message: first?.message ?? error.description)
        }
        let bytes = document.bytes
        var checklist: Checklist
        if let parent = tree["extends"] {
            checklist = try load(parent, chain: chain + [document.name])
        } else {
            checklist = Checklist(
                name: "", title: "", basis: nil, categories: [], rules: [:], manualItems: [], grades: [],
                parameters: [:], appraisal: [], contentHash: "")
        }
        try apply(tree, to: &checklist, file: document.name)
        checklist.contentHash = Hex.sha256(checklist.contentHash + Hex.sha256(bytes))
        if chain.isEmpty { try check(checklist, file: document.name) }
        return checklist
    }

    /// Lays a checklist document over what it extends: whatever it names replaces the parent's.
    private func apply(_ tree: XMLTree, to checklist: inout Checklist, file: String) throws {
        checklist.name = tree["name"] ?? checklist.name
        checklist.title = tree["title"] ?? checklist.title
        if let basis = tree.child(named: "basis")?.text { checklist.basis = basis }
        if let categories = tree.child(named: "categories") {
            checklist.categories = categories.children.map { ScoreCategory(name: $0["name"] ?? "", points: Double($0["points"] ?? "") ?? 0) }
        }
        for parameter in tree.child(named: "parameters")?.children ?? [] {
            if let name = parameter["name"], let value = parameter["value"] { checklist.parameters[name] = value }
        }
        for rule in tree.child(named: "rules")?.children ?? [] {
            guard let id = rule["id"] else { continue }
            guard RuleCatalogue.rule(id) != nil else {
                throw ChecklistError.invalid(file: file, line: rule.line, message: "规则 \(id) 不在规则目录中（zhifa rules 列出全部规则）")
            }
            var setting =
                checklist.rules[id]
                ?? RuleSetting(
                    id: id, category: "", deduction: 0, perOccurrence: 0, cap: nil,
                    severity: .major, veto: false, enabled: true, note: nil)
            if let category = rule["category"] { setting.category = category }
            if let deduction = rule["deduction"].flatMap(Double.init) { setting.deduction = deduction }
            if let each = rule["per-occurrence"].flatMap(Double.init) { setting.perOccurrence = each }
            if let cap = rule["cap"].flatMap(Double.init) { setting.cap = cap }
            if let severity = rule["severity"].flatMap(Severity.init(rawValue:)) { setting.severity = severity }
            if let veto = rule["veto"] { setting.veto = veto == "true" || veto == "1" }
            if let enabled = rule["enabled"] { setting.enabled = enabled == "true" || enabled == "1" }
            if let note = rule["note"] { setting.note = note }
            checklist.rules[id] = setting
        }
        if let manual = tree.child(named: "manual") {
            checklist.manualItems = manual.children.map {
                ManualItem(
                    id: $0["id"] ?? "", title: $0.text, category: $0["category"] ?? "", points: Double($0["points"] ?? "") ?? 0,
                    proposedBy: ($0["proposed-by"] ?? "").split(separator: " ").map(String.init))
            }
        }
        if let grades = tree.child(named: "grades") {
            checklist.grades = grades.children.map { Grade(name: $0["name"] ?? "", minimum: Double($0["min"] ?? "") ?? 0) }
        }
        if let appraisal = tree.child(named: "appraisal") {
            checklist.appraisal = appraisal.children.map {
                AppraisalDeduction(
                    id: $0["id"] ?? "", title: $0.text, rules: ($0["rules"] ?? "").split(separator: " ").map(String.init),
                    outcomes: ($0["outcomes"] ?? "").split(separator: " ").compactMap { AppraisalDeduction.Outcome(rawValue: String($0)) },
                    each: Double($0["each"] ?? "") ?? 0, cap: $0["cap"].flatMap(Double.init))
            }
        }
    }

    /// What the schema cannot say: every rule and item in a category that exists, parameters that parse.
    private func check(_ checklist: Checklist, file: String) throws {
        func fail(_ message: String) -> ChecklistError { .invalid(file: file, line: 0, message: message) }
        guard !checklist.categories.isEmpty else { throw fail("the checklist has no categories") }
        guard !checklist.grades.isEmpty else { throw fail("the checklist has no grades") }
        for setting in checklist.rules.values where checklist.category(named: setting.category) == nil {
            throw fail("规则 \(setting.id) 归入的类别“\(setting.category)”在评查表中没有定义")
        }
        for item in checklist.manualItems where ManualScore.isReserved(item.id) {
            throw fail("人工评查项的编号不能是“\(item.id)”：“\(ManualScore.conclusionItem)”及以“确认:”“更正:”开头的编号用于评查结论和对机器评查结果的确认、更正")
        }
        for item in checklist.manualItems where checklist.category(named: item.category) == nil {
            throw fail("人工评查项 \(item.id) 归入的类别“\(item.category)”在评查表中没有定义")
        }
        for item in checklist.manualItems {
            for rule in item.proposedBy where RuleCatalogue.rule(rule) == nil {
                throw fail("人工评查项 \(item.id) 的 proposed-by 列出的规则 \(rule) 不在规则目录中")
            }
        }
        for deduction in checklist.appraisal where deduction.rules.isEmpty && deduction.outcomes.isEmpty {
            throw fail("考核扣分项 \(deduction.id) 须以 rules 列出规则或以 outcomes 列出复议、诉讼结果")
        }
        do {
            _ = try AuditParameters(checklist.parameters)
        } catch let error as AuditParameters.Invalid {
            throw fail(error.message)
        }
    }
}
