import ArgumentParser
import Audit
import Checklists
import Reports

/// `zhifa rules`: the rule catalogue with one checklist's weighting; `--format markdown` writes docs/rules.md.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rule catalogue with a checklist's deductions (docs/rules.md is its markdown).")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, markdown }

    @Option(help: ArgumentHelp("A checklist name in Checklists/ or an XML file.", valueName: "name|file"))
    var checklist: String = "national"

    @Option(help: ArgumentHelp("text (one rule per paragraph) or markdown (the document in docs/rules.md).", valueName: "format"))
    var format: Format = .text

    func run() throws {
        let loaded: Checklist
        do {
            loaded = try ChecklistLoader.bundled().load(checklist)
        } catch {
            throw CommandFailure("\(error)")
        }
        switch format {
        case .text: print(RuleCatalogueReport.text(checklist: loaded))
        case .markdown: print(RuleCatalogueReport.markdown(checklist: loaded), terminator: "")
        }
    }
}
