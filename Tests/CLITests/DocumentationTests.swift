import Foundation
import Testing
import TestSupport

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
        #expect(listed.out.components(separatedBy: "\n    依据：").count - 1 == 28)
        #expect(listed.out.contains("OFFICER-CERT  执法人员无有效执法证  [执法人员资格·所有案件·扣10分，每多一处扣5分，至多10分，一票否决]"))
        let unknown = try Zhifa.run(["rules", "--checklist", "no-such-list"])
        #expect(unknown.status != 0 && unknown.err.contains("no-such-list"))
    }
}
