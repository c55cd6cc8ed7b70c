import Audit
import CaseModel
import Testing

/// DISCRETION-MISSING, DISCRETION-RANGE, DISCRETION-STATUTORY, DISCRETION-REASON, DISCRETION-FIRST-MINOR.
@Suite struct DiscretionRuleTests {
    func fined(
        _ fine: String, item: String? = "FOOD", goodsValue: String? = "20000", level: String? = "一般",
        party: PartyKind = .organisation, bases: [BaseAmount]? = nil
    ) -> EnforcementCase {
        penalty(
            [.e(.decision, "2024-05-20", "A B")], party: party, item: item, fine: fine,
            bases: bases ?? (goodsValue.map { [BaseAmount(name: "goods-value", amount: yuan($0))] } ?? []), level: level)
    }

    @Test func missingWhenTheItemOrTheLevelIsNotThere() {
        #expect(status("DISCRETION-MISSING", fined("300000")) == .pass)
        #expect(status("DISCRETION-MISSING", fined("300000", item: "NO-SUCH")) == .fail)
        #expect(status("DISCRETION-MISSING", fined("300000", item: nil)) == .fail)
        #expect(status("DISCRETION-MISSING", fined("300000", level: nil)) == .fail)
        #expect(status("DISCRETION-MISSING", penalty([.e(.decision, "2024-05-20", "A B")], penalties: [Penalty(kind: .warning)])) == .notApplicable)
        #expect(status("DISCRETION-MISSING", penalty([], type: .license)) == .notApplicable)
    }

    @Test func anItemNotYetInForceSaysSoWithTheDayItTookEffect() throws {
        let later = BenchmarkSet(
            agency: "X", title: "某局裁量基准（2024年修订）", effective: day("2024-06-01"),
            items: [
                BenchmarkItem(
                    code: "NEW", name: "新增事项",
                    tiers: [
                        Tier(
                            statutory: Band(min: .amount(yuan("0")), max: .amount(yuan("5000"))),
                            levels: [Level(name: "一般", band: Band(min: .amount(yuan("0")), max: .amount(yuan("5000"))))])
                    ], implicitTier: true)
            ])
        let auditor = try CaseAuditor(
            checklist: Fixture.national, calendar: Fixture.calendar, registry: Fixture.registry,
            benchmarks: Fixture.benchmarks + [later])
        func decided(_ date: String) -> Finding? {
            let c = penalty([.e(.decision, date, "A B")], item: "NEW", fine: "1000", level: "一般")
            return auditor.audit(c, asOf: day("2026-11-22")).findings.first { $0.rule == "DISCRETION-MISSING" }
        }
        // The day before the revision took effect: the item exists, but not yet.
        #expect(decided("2024-05-31")?.status == .fail)
        #expect(decided("2024-05-31")?.message == "事项NEW所在的某局裁量基准自2024-06-01起施行，决定日2024-05-31尚未施行，当时没有可适用的裁量基准事项")
        // On the day it took effect it applies.
        #expect(decided("2024-06-01")?.status == .pass)
        // An item no set holds at all is named with the agency's name, not its code.
        #expect(findings("DISCRETION-MISSING", fined("300000", item: "NO-SUCH")).first?.message == "某局的裁量基准中没有事项NO-SUCH")
    }

    @Test func rangeIsInclusiveAtBothEndsOfTheMultipleBand() {
        // goods value 20,000 → tier two, 一般 = 13–17 × = 260,000–340,000.
        #expect(status("DISCRETION-RANGE", fined("260000")) == .pass)
        // docs/rules.md (amended): 不予处罚 with any penalty fails; with none it passes.
        #expect(status("DISCRETION-RANGE", fined("500", level: "不予处罚")) == .fail)
        #expect(status("DISCRETION-RANGE", penalty([.e(.decision, "2024-03-26", "A B")], fine: nil, level: "不予处罚")) == .pass)
        #expect(status("DISCRETION-RANGE", penalty([.e(.decision, "2024-03-26", "A B")], penalties: [Penalty(kind: .warning)], level: "不予处罚")) == .fail)
        #expect(status("DISCRETION-RANGE", fined("259999.99")) == .fail)
        #expect(status("DISCRETION-RANGE", fined("340000")) == .pass)
        #expect(status("DISCRETION-RANGE", fined("340000.01")) == .fail)
        #expect(findings("DISCRETION-RANGE", fined("200000")).first?.amount == "200000")
    }

    @Test func rangeChoosesTheTierByBaseAmountAtItsBoundary() {
        // 9,999.99 is still tier one (below 10,000): 一般 is 65,000–85,000 there.
        #expect(status("DISCRETION-RANGE", fined("70000", goodsValue: "9999.99")) == .pass)
        #expect(status("DISCRETION-RANGE", fined("70000", goodsValue: "10000")) == .fail)
        #expect(status("DISCRETION-RANGE", fined("130000", goodsValue: "10000")) == .pass)
    }

    @Test func rangeSplitsQuantityTiersByPartyKind() {
        let volume = { (m3: String) in [BaseAmount(name: "volume-m3", amount: yuan(m3))] }
        #expect(status("DISCRETION-RANGE", fined("15000", item: "WASTE", bases: volume("9"))) == .pass)
        #expect(status("DISCRETION-RANGE", fined("15000", item: "WASTE", bases: volume("10"))) == .fail)
        #expect(status("DISCRETION-RANGE", fined("35000", item: "WASTE", bases: volume("10"))) == .pass)
        #expect(status("DISCRETION-RANGE", fined("150", item: "WASTE", party: .individual, bases: [])) == .pass)
        #expect(status("DISCRETION-RANGE", fined("151", item: "WASTE", party: .individual, bases: [])) == .fail)
    }

    @Test func rangeFailsALevelTheTierLacksAndAsksWhenTheBaseIsMissing() {
        #expect(status("DISCRETION-RANGE", fined("300000", level: "从重")) == .fail)
        #expect(status("DISCRETION-RANGE", fined("300000", goodsValue: nil)) == .manual)
        #expect(status("DISCRETION-RANGE", penalty([.e(.decision, "2024-05-20", "A B")], penalties: [Penalty(kind: .warning)])) == .notApplicable)
    }

    @Test func statutoryAllowsTheMaximumAndBelowTheMinimumOnlyAs减轻() {
        #expect(status("DISCRETION-STATUTORY", fined("400000")) == .pass)
        #expect(status("DISCRETION-STATUTORY", fined("400000.01")) == .fail)
        #expect(status("DISCRETION-STATUTORY", fined("200000")) == .pass)
        #expect(status("DISCRETION-STATUTORY", fined("199999.99")) == .fail)
        #expect(status("DISCRETION-STATUTORY", fined("199999.99", level: "减轻")) == .pass)
        #expect(findings("DISCRETION-STATUTORY", fined("400000.01")).first?.veto == true)
    }

    @Test func reasonIsNeededForEveryLevelBut一般() {
        #expect(status("DISCRETION-REASON", penalty([], fine: "100", level: "一般", reason: nil)) == .pass)
        #expect(status("DISCRETION-REASON", penalty([], fine: "100", level: "从轻", reason: nil)) == .fail)
        #expect(status("DISCRETION-REASON", penalty([], fine: "100", level: "从重", reason: "  ")) == .fail)
        #expect(status("DISCRETION-REASON", penalty([], fine: "100", level: "从重", reason: "屡教不改")) == .pass)
        #expect(status("DISCRETION-REASON", penalty([], fine: "100", level: nil)) == .notApplicable)
    }

    @Test func firstMinorFailsOnlyWhenEveryConditionHoldsAndAPenaltyIsImposed() {
        func c(first: Bool = true, corrected: Bool = true, harm: Bool = false, fine: String? = "2000", item: String = "LICENCE") -> EnforcementCase {
            penalty(
                [.e(.decision, "2024-04-15", "A B")], item: item, fine: fine,
                configureParty: {
                    $0.firstOffence = first
                    $0.corrected = corrected
                    $0.harm = harm
                })
        }
        #expect(status("DISCRETION-FIRST-MINOR", c()) == .fail)
        #expect(status("DISCRETION-FIRST-MINOR", c(first: false)) == .pass)
        #expect(status("DISCRETION-FIRST-MINOR", c(corrected: false)) == .pass)
        #expect(status("DISCRETION-FIRST-MINOR", c(harm: true)) == .pass)
        #expect(status("DISCRETION-FIRST-MINOR", c(fine: nil)) == .pass)
        #expect(status("DISCRETION-FIRST-MINOR", c(item: "FOOD")) == .notApplicable)
    }
}
