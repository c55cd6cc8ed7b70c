import Audit
import CaseXML
import Checklists
import Foundation
import Testing

@Suite struct ChecklistTests {
    @Test func nationalHoldsEveryRuleOfTheCatalogueAndAHundredPoints() throws {
        let national = Fixture.national
        #expect(Set(national.rules.keys) == Set(RuleCatalogue.all.map(\.id.rawValue)))
        #expect(national.fullMarks == 100)
        #expect(national.grades.map(\.name) == ["优秀", "良好", "合格", "不合格"])
        #expect(national.grade(score: 90, veto: false) == "优秀")
        #expect(national.grade(score: 89.99, veto: false) == "良好")
        #expect(national.grade(score: 60, veto: false) == "合格")
        #expect(national.grade(score: 59.5, veto: false) == "不合格")
        #expect(national.grade(score: 100, veto: true) == "不合格")
        #expect(try AuditParameters(national.parameters) == AuditParameters(), "national states the defaults of docs/rules.md")
        #expect(national.contentHash.count == 64)
    }

    @Test func marketRegulationChangesOnlyThePenaltyDisclosurePeriod() throws {
        let market = try Fixture.loader.load("market-regulation")
        #expect(market.name == "market-regulation")
        #expect(try AuditParameters(market.parameters).disclosurePenaltyWorkdays == 20)
        var expected = Fixture.national.parameters
        expected["disclosure.penalty.workdays"] = "20"
        #expect(market.parameters == expected)
        #expect(market.rules == Fixture.national.rules)
        #expect(market.contentHash != Fixture.national.contentHash)
    }

    private func load(_ xml: String) throws -> Checklist {
        let folder = try TemporaryFolder()
        try folder.copyChecklists(["checklist.xsd", "national.xml"])
        try folder.write("custom.xml", xml)
        return try ChecklistLoader(directory: folder.url).load("custom")
    }

    @Test func refusesWhatTheSchemaForbidsWithFileAndLine() {
        #expect {
            try load(
                "<checklist xmlns=\"urn:zhifa:checklist:1\" name=\"c\" title=\"t\" extends=\"national\">\n<rules>\n<rule id=\"DISCLOSE-LATE\" deduction=\"-1\"/>\n</rules></checklist>"
            )
        } throws: { error in
            "\(error)".hasSuffix("custom.xml 第3行：规则的扣分“-1”低于下限 0")
        }
    }

    @Test func refusesUnknownRulesCategoriesAndParameters() {
        #expect {
            try load(
                "<checklist xmlns=\"urn:zhifa:checklist:1\" name=\"c\" title=\"t\" extends=\"national\">\n<rules>\n<rule id=\"NO-SUCH-RULE\"/>\n</rules></checklist>"
            )
        } throws: { error in
            "\(error)".contains("custom.xml 第3行：规则 NO-SUCH-RULE 不在规则目录中")
        }
        #expect {
            try load(
                "<checklist xmlns=\"urn:zhifa:checklist:1\" name=\"c\" title=\"t\" extends=\"national\"><rules><rule id=\"DISCLOSE-LATE\" category=\"无此类别\"/></rules></checklist>"
            )
        } throws: { error in
            "\(error)".contains("无此类别")
        }
        #expect {
            try load(
                "<checklist xmlns=\"urn:zhifa:checklist:1\" name=\"c\" title=\"t\" extends=\"national\"><parameters><parameter name=\"delivery.workdayz\" value=\"7\"/></parameters></checklist>"
            )
        } throws: { error in
            "\(error)".contains("delivery.workdayz")
        }
        #expect { try load("<checklist xmlns=\"urn:zhifa:checklist:1\" name=\"c\" title=\"t\" extends=\"custom\"/>") } throws: { error in
            "\(error)".contains("评查表相互继承成环")
        }
    }

    @Test func disablesARuleByName() throws {
        let quiet = try load(
            "<checklist xmlns=\"urn:zhifa:checklist:1\" name=\"c\" title=\"t\" extends=\"national\"><rules><rule id=\"RECORD-AV-ADVISED\" enabled=\"false\"/></rules></checklist>"
        )
        let audit = Fixture.auditor(quiet).audit(penalty([.e(.inspection, "2024-01-15", "A B")]), asOf: day("2026-11-22"))
        #expect(!audit.findings.contains { $0.rule == "RECORD-AV-ADVISED" })
    }
}
