import Audit
import CaseModel
import Testing

/// DISCLOSE-LATE, DISCLOSE-MISSING, DISCLOSE-WITHDRAW, DISCLOSE-PRIVACY.
@Suite struct DisclosureRuleTests {
    func decided(_ date: String, disclosure: Disclosure?, type: CaseType = .penalty, extra: [Event] = []) -> EnforcementCase {
        penalty([.e(.decision, date, "A B")] + extra, disclosure: disclosure, type: type)
    }

    @Test func lateCountsSevenWorkingDaysAcrossSpringFestival() {
        // 2024-02-05 + 7 working days = 2024-02-20, counting the 调休 Sunday 2/18.
        #expect(status("DISCLOSE-LATE", decided("2024-02-05", disclosure: Disclosure(date: day("2024-02-20")))) == .pass)
        let late = findings("DISCLOSE-LATE", decided("2024-02-05", disclosure: Disclosure(date: day("2024-02-21"))))
        #expect(late.map(\.status) == [.fail])
        #expect(late.first?.deadline == day("2024-02-20"))
        #expect(late.first?.calendarRule?.contains("2024") == true)
        #expect(late.first?.event?.kind == "decision")
    }

    @Test func lateGivesOtherDecisionsTwentyWorkingDays() {
        #expect(status("DISCLOSE-LATE", decided("2024-01-15", disclosure: Disclosure(date: day("2024-02-09")), type: .coercion)) == .pass)
        #expect(status("DISCLOSE-LATE", decided("2024-01-15", disclosure: Disclosure(date: day("2024-02-18")), type: .coercion)) == .fail)
    }

    @Test func lateFollowsTheMarketRegulationChecklistsTwentyDays() throws {
        let market = try Fixture.loader.load("market-regulation")
        let c = decided("2024-02-05", disclosure: Disclosure(date: day("2024-03-08")))
        #expect(status("DISCLOSE-LATE", c) == .fail)
        #expect(status("DISCLOSE-LATE", c, checklist: market) == .pass)
        #expect(status("DISCLOSE-LATE", decided("2024-02-05", disclosure: Disclosure(date: day("2024-03-11"))), checklist: market) == .fail)
    }

    @Test func lateIsNotApplicableWithoutADecisionOrADisclosure() {
        #expect(status("DISCLOSE-LATE", penalty([.e(.filed, "2024-01-02", "A B")])) == .notApplicable)
        #expect(status("DISCLOSE-LATE", decided("2024-02-05", disclosure: nil)) == .notApplicable)
    }

    @Test func missingFailsOnlyOnceTheDeadlineHasPassed() {
        let undisclosed = decided("2024-02-05", disclosure: nil)
        #expect(status("DISCLOSE-MISSING", undisclosed, asOf: "2024-02-20") == .pass)
        #expect(status("DISCLOSE-MISSING", undisclosed, asOf: "2024-02-21") == .fail)
        #expect(status("DISCLOSE-MISSING", decided("2024-02-05", disclosure: Disclosure(exempt: "涉及国家秘密"))) == .pass)
        #expect(status("DISCLOSE-MISSING", decided("2024-02-05", disclosure: Disclosure(exempt: " "))) == .fail)
        #expect(status("DISCLOSE-MISSING", penalty([.e(.filed, "2024-01-02", "A B")])) == .notApplicable)
    }

    @Test func withdrawWithinThreeWorkingDaysOfRevocation() {
        let revoked = Event.e(.revoked, "2024-11-04")
        #expect(
            status("DISCLOSE-WITHDRAW", decided("2024-03-18", disclosure: Disclosure(date: day("2024-03-20"), withdrawn: day("2024-11-07")), extra: [revoked]))
                == .pass)
        #expect(
            status("DISCLOSE-WITHDRAW", decided("2024-03-18", disclosure: Disclosure(date: day("2024-03-20"), withdrawn: day("2024-11-08")), extra: [revoked]))
                == .fail)
        let notWithdrawn = decided("2024-03-18", disclosure: Disclosure(date: day("2024-03-20")), extra: [revoked])
        #expect(status("DISCLOSE-WITHDRAW", notWithdrawn, asOf: "2024-11-07") == .pass)
        #expect(status("DISCLOSE-WITHDRAW", notWithdrawn, asOf: "2024-11-08") == .fail)
        #expect(status("DISCLOSE-WITHDRAW", decided("2024-03-18", disclosure: Disclosure(date: day("2024-03-20")))) == .notApplicable)
    }

    /// 行政处罚法 第四十八条第二款 names 变更、撤销、确认违法、确认无效: a 复议 decision or judgment
    /// with any of those starts the three working days, one that upholds, dismisses or orders
    /// performance does not; a 复议 decision on the withdrawal deadline day moves nothing.
    @Test func aRulingThatEndsTheDecisionAsksForItsWithdrawal() {
        func ruled(_ kind: EventKind, _ ruling: Ruling, withdrawn: String? = nil) -> EnforcementCase {
            decided(
                "2024-03-18", disclosure: Disclosure(date: day("2024-03-20"), withdrawn: withdrawn.map(day)),
                extra: [.e(kind, "2024-11-04") { $0.ruling = ruling }])
        }
        for ruling in [Ruling.revoked, .changed, .unlawful] {
            #expect(status("DISCLOSE-WITHDRAW", ruled(.reconsiderationDecided, ruling, withdrawn: "2024-11-07")) == .pass, "\(ruling)")
            #expect(status("DISCLOSE-WITHDRAW", ruled(.reconsiderationDecided, ruling, withdrawn: "2024-11-08")) == .fail, "\(ruling)")
        }
        for ruling in [Ruling.revoked, .changed, .unlawful, .void] {
            #expect(status("DISCLOSE-WITHDRAW", ruled(.judgment, ruling), asOf: "2024-11-07") == .pass, "\(ruling)")
            #expect(status("DISCLOSE-WITHDRAW", ruled(.judgment, ruling), asOf: "2024-11-08") == .fail, "\(ruling)")
        }
        for ruling in [Ruling.upheld, .dismissed, .ordered] {
            #expect(status("DISCLOSE-WITHDRAW", ruled(.reconsiderationDecided, ruling)) == .notApplicable, "\(ruling)")
        }
        let message = findings("DISCLOSE-WITHDRAW", ruled(.judgment, .unlawful)).first?.message
        #expect(message?.hasPrefix("2024-11-04判决确认违法，至2026-11-22仍未撤回公示") == true, "\(message ?? "")")
        // The earlier of a revocation and a ruling counts.
        let both = decided(
            "2024-03-18", disclosure: Disclosure(date: day("2024-03-20"), withdrawn: day("2024-11-07")),
            extra: [.e(.reconsiderationDecided, "2024-11-04") { $0.ruling = .changed }, .e(.revoked, "2024-11-20")])
        #expect(status("DISCLOSE-WITHDRAW", both) == .pass)
    }

    @Test func aRulingIsRequiredWhereItBelongsAndRefusedElsewhere() {
        #expect(Ruling.problem(nil, on: .judgment) != nil && Ruling.problem(nil, on: .reconsiderationDecided) != nil)
        #expect(Ruling.problem(.void, on: .reconsiderationDecided) != nil && Ruling.problem(.void, on: .judgment) == nil)
        #expect(Ruling.problem(.upheld, on: .judgment) != nil && Ruling.problem(.upheld, on: .reconsiderationDecided) == nil)
        #expect(Ruling.problem(.revoked, on: .decision) != nil && Ruling.problem(nil, on: .decision) == nil)
        #expect(Ruling.problem(nil, on: .reconsiderationApplied) == nil && Ruling.problem(nil, on: .litigationFiled) == nil)
    }

    @Test func privacyFindsWholeIdentityAndMobileNumbersOnly() {
        func text(_ body: String) -> FindingStatus? {
            status("DISCLOSE-PRIVACY", decided("2024-02-05", disclosure: Disclosure(date: day("2024-02-06"), text: body)))
        }
        #expect(text("身份证号3402021988****1234，电话139****5678") == .pass)
        #expect(text("身份证号340202198805061248") == .fail)
        #expect(text("身份证号340202198805061234") == .pass, "the check digit does not match: not an identity number")
        #expect(text("身份证号34020219880506123X。") == .fail)
        #expect(text("联系电话13912345678") == .fail)
        #expect(text("统一社会信用代码913402001234567890，账号139123456789") == .pass)
        #expect(text("电话0553-1234567") == .pass)
        let found = findings("DISCLOSE-PRIVACY", decided("2024-02-05", disclosure: Disclosure(date: day("2024-02-06"), text: "340202198805061248 13912345678")))
        #expect(found.count == 2)
        #expect(found.allSatisfy { !$0.message.contains("340202198805061248") && !$0.message.contains("13912345678") })
        #expect(status("DISCLOSE-PRIVACY", decided("2024-02-05", disclosure: Disclosure(date: day("2024-02-06")))) == .notApplicable)
    }

    /// docs/rules.md (amended): full-width digits, and numbers grouped by spaces or hyphens.
    @Test func privacySeesFullWidthAndGroupedNumbers() {
        func text(_ body: String) -> FindingStatus? {
            status("DISCLOSE-PRIVACY", decided("2024-02-05", disclosure: Disclosure(date: day("2024-02-06"), text: body)))
        }
        #expect(text("联系电话１３９０５５３１２３４") == .fail)
        #expect(text("联系电话139 0553 1234。") == .fail)
        #expect(text("联系电话139-0553-1234") == .fail)
        #expect(text("联系电话１３９－０５５３－１２３４") == .fail)
        #expect(text("身份证号340202 19880506 1248") == .fail)
        #expect(text("身份证号３４０２０２１９８８０５０６１２４８") == .fail)
        // The other side: grouped numbers that are not whole mobile or identity numbers.
        #expect(text("联系电话139 0553 123") == .pass)
        #expect(text("联系电话129-0553-1234") == .pass)
        #expect(text("电话0553-1234-5678") == .pass)
        #expect(text("编号 2139 0553 12345") == .pass)
        #expect(text("身份证号340202 19880506 1234") == .pass, "check digit wrong")
        #expect(text("2024-03-05 处罚，电话139****1234") == .pass)
        let found = findings("DISCLOSE-PRIVACY", decided("2024-02-05", disclosure: Disclosure(date: day("2024-02-06"), text: "电话139 0553 1234")))
        #expect(found.count == 1 && !found[0].message.contains("0553"))
    }
}
