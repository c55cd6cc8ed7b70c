import Audit
import Foundation
import TestSupport
import Testing

/// The project documents its own contract; generated documents must match what generates them.
@Suite struct DocumentationTests {
    @Test func docsRulesIsTheRulesCommandsMarkdown() throws {
        let generated = try Zhifa.run(["rules", "--format", "markdown"])
        #expect(generated.status == 0, "\(generated.err)")
        let committed = try String(contentsOf: Repository.root.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        #expect(committed == generated.out, "docs/rules.md is stale: run `zhifa rules --format markdown > docs/rules.md`")
        for id in ["DISCLOSE-LATE", "PROCEDURE-NOTICE", "SEIZURE-DEADLINE"] { #expect(committed.contains("| \(id) |")) }
    }

    @Test func theTextListingNamesEveryRuleAndItsDeduction() throws {
        let listed = try Zhifa.run(["rules"])
        #expect(listed.status == 0)
        #expect(listed.out.components(separatedBy: "\n    依据：").count - 1 == RuleID.allCases.count)
        #expect(listed.out.contains("OFFICER-CERT  执法人员无有效执法证  [执法人员资格·所有案件·扣10分，每多一处扣5分，至多10分，一票否决]"))
        let unknown = try Zhifa.run(["rules", "--checklist", "no-such-list"])
        #expect(unknown.status != 0 && unknown.err.contains("no-such-list"))
    }

    /// The README's command table names every subcommand the CLI has, and none it lacks.
    @Test func theReadmesCommandTableIsTheCLIsSubcommands() throws {
        let help = try Zhifa.run(["--help"]).out
        let listed = help.components(separatedBy: "SUBCOMMANDS:").last ?? ""
        let subcommands = Set(
            listed.split(separator: "\n").compactMap { line -> String? in
                // A subcommand's line starts with two spaces and its name; wrapped help lines start with more.
                guard line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first else { return nil }
                return String(name)
            }
        ).subtracting(["help", "See"])
        let readme = try String(contentsOf: Repository.root.appendingPathComponent("README.md"), encoding: .utf8)
        let documented = Set(
            readme.split(separator: "\n").compactMap { line -> String? in
                guard line.hasPrefix("| `zhifa ") else { return nil }
                return line.dropFirst("| `zhifa ".count).split(whereSeparator: { $0 == " " || $0 == "`" }).first.map(String.init)
            })
        #expect(subcommands.count >= 18, "\(subcommands)")
        #expect(
            documented == subcommands,
            "README lacks \(subcommands.subtracting(documented)); README names \(documented.subtracting(subcommands)) that the CLI lacks")
        #expect(readme.split(separator: "\n").count <= 150, "README.md stays a user's page; the depth goes to docs/")
    }
}
