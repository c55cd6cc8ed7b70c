import Audit
import CaseModel
import Testing

/// POWER-SCOPE (清单之外无权力): a decision on a power of the agency's 权责清单 in force on the decision
/// day and of the case's kind passes; anything else fails, on both sides of each boundary.
@Suite struct PowerRuleTests {
    static let powers = [
        Power(code: "P-1", name: "对某违法行为的处罚", category: .penalty, basis: "某法第一条", from: day("2024-03-01"), to: day("2024-12-31")),
        Power(code: "L-1", name: "某许可", category: .license),
        Power(code: "O-1", name: "其他权力", category: .other)
    ]

    static func auditor(powers: [Power] = powers) -> CaseAuditor {
        var registry = Fixture.registry
        registry.agencies[0].powers = powers
        return try! CaseAuditor(checklist: Fixture.national, calendar: Fixture.calendar, registry: registry, benchmarks: Fixture.benchmarks)
    }

    static func decided(_ date: String, power: String?, type: CaseType = .penalty) -> EnforcementCase {
        var c = penalty([.e(.decision, date, "A B")], fine: "1000", type: type)
        c.power = power
        return c
    }

    static func finding(_ c: EnforcementCase, powers: [Power] = powers) -> Finding? {
        auditor(powers: powers).audit(c, asOf: day("2026-11-22")).findings.first { $0.rule == "POWER-SCOPE" }
    }

    @Test func aPowerInForceFromTheDecisionDayThroughItsLastDayPasses() {
        #expect(Self.finding(Self.decided("2024-03-01", power: "P-1"))?.status == .pass)
        #expect(Self.finding(Self.decided("2024-12-31", power: "P-1"))?.status == .pass)
        let before = Self.finding(Self.decided("2024-02-29", power: "P-1"))
        #expect(before?.status == .fail && before?.message.contains("不在有效期内（2024-03-01至2024-12-31）") == true)
        #expect(Self.finding(Self.decided("2025-01-01", power: "P-1"))?.status == .fail)
    }

    @Test func aPowerTheAgencyDoesNotHoldFailsAndVetoes() throws {
        let c = Self.decided("2024-06-01", power: "SJ-999")
        let audit = Self.auditor().audit(c, asOf: day("2026-11-22"))
        let finding = try #require(audit.findings.first { $0.rule == "POWER-SCOPE" })
        #expect(finding.status == .fail && finding.veto == true && finding.message.contains("不在某局的权责清单之内"))
        #expect(audit.grade == "不合格")
    }

    @Test func aPowerOfAnotherCategoryFailsAndOtherMatchesAny() {
        #expect(Self.finding(Self.decided("2024-06-01", power: "L-1"))?.status == .fail)
        #expect(Self.finding(Self.decided("2024-06-01", power: "L-1", type: .license))?.status == .pass)
        #expect(Self.finding(Self.decided("2024-06-01", power: "O-1"))?.status == .pass)
        // A type outside the four categories may exercise any of them.
        #expect(Self.finding(Self.decided("2024-06-01", power: "L-1", type: .confirmation))?.status == .pass)
    }

    @Test func aCaseNamingNoPowerNeedsAPersonOnlyWhereThereIsAList() {
        #expect(Self.finding(Self.decided("2024-06-01", power: nil))?.status == .manual)
        #expect(Self.finding(Self.decided("2024-06-01", power: nil), powers: [])?.status == .notApplicable)
        // Named, but the agency has no list to hold it against: a person decides.
        #expect(Self.finding(Self.decided("2024-06-01", power: "P-1"), powers: [])?.status == .manual)
        // Undecided: nothing to judge yet.
        var open = Self.decided("2024-06-01", power: "SJ-999")
        open.events = [.e(.filed, "2024-06-01", "A B")]
        #expect(Self.finding(open)?.status == .notApplicable)
    }
}
