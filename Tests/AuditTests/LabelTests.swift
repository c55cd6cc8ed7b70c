import Audit
import CaseModel
import Testing

/// One table of Chinese labels: every code a person reads has one, and no two codes of a kind
/// share a label (a reader could not tell them apart).
@Suite struct LabelTests {
    private func check<Code: ChineseLabelled>(_ type: Code.Type) {
        let labels = Code.allCases.map(\.chineseName)
        #expect(labels.allSatisfy { !$0.isEmpty && $0 != "" }, "\(Code.self)")
        #expect(Set(labels).count == labels.count, "\(Code.self): \(labels)")
        // A label is Chinese, not the code echoed back.
        for code in Code.allCases {
            #expect(code.chineseName != code.rawValue, "\(Code.self).\(code.rawValue)")
            #expect(code.chineseName.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, "\(code.rawValue)")
        }
    }

    @Test func everyCodeOfEveryKindHasItsOwnChineseLabel() {
        check(CaseType.self)
        check(Procedure.self)
        check(PartyKind.self)
        check(EventKind.self)
        check(Record.Kind.self)
        check(Record.Evidence.self)
        check(ReviewResult.self)
        check(DeliveryMethod.self)
        check(RevokedBy.self)
        check(PenaltyKind.self)
        check(GrantResult.self)
        check(PersonRole.self)
        check(Certificate.Status.self)
        check(RuleFamily.self)
        check(FindingStatus.self)
        check(Severity.self)
        check(DueObligation.Kind.self)
    }

    @Test func theLabelsPeopleAskedForAreTheWebsWords() {
        #expect(Procedure.general.chineseName == "普通程序")
        #expect(PartyKind.individual.chineseName == "自然人" && PartyKind.organisation.chineseName == "法人或其他组织")
        #expect(Record.Kind.text.chineseName == "文字记录")
        #expect(FindingStatus.notApplicable.chineseName == "不适用")
    }

    @Test func quantityBasesCarryTheirUnitNotYuan() {
        #expect(BaseMeasure("volume-m3").text(yuan("50")) == "体积50立方米")
        #expect(BaseMeasure("goods-value").text(yuan("20000")) == "货值金额20,000元")
        #expect(BaseMeasure("pieces-pcs").unit == "件")
        #expect(BaseMeasure("something").unit == "元" && BaseMeasure("something").label == "something")
    }
}
