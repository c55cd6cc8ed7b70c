import Audit
import CaseModel
import Testing

/// PROCEDURE-ORDER, -DEADLINE, -NOTICE, -HEARING, -DELIVERY, -COLLECTIVE, -SIMPLE, -LIMITATION.
@Suite struct ProcedureRuleTests {
    @Test func orderWantsDatesToRunForward() {
        #expect(status("PROCEDURE-ORDER", penalty([.e(.decision, "2024-01-10", "A B"), .e(.delivery, "2024-01-10")])) == .pass)
        let backwards = findings("PROCEDURE-ORDER", penalty([.e(.delivery, "2024-01-08"), .e(.decision, "2024-01-10", "A B")]))
        #expect(backwards.map(\.status) == [.fail])
        #expect(backwards.first?.event?.kind == "delivery")
        #expect(status("PROCEDURE-ORDER", penalty([.e(.filed, "2024-01-10", "A B")], violation: "2024-01-11")) == .fail)
        #expect(status("PROCEDURE-ORDER", penalty([.e(.filed, "2024-01-10", "A B")])) == .notApplicable)
    }

    @Test func deadlineIsNinetyCalendarDaysMovedOffTheWeekend() {
        // 2024-04-01 + 90 days = Sunday 6/30 → Monday 7/1.
        #expect(status("PROCEDURE-DEADLINE", penalty([.e(.filed, "2024-04-01", "A B"), .e(.decision, "2024-07-01", "A B")])) == .pass)
        let late = findings("PROCEDURE-DEADLINE", penalty([.e(.filed, "2024-04-01", "A B"), .e(.decision, "2024-07-02", "A B")]))
        #expect(late.first?.status == .fail)
        #expect(late.first?.deadline == day("2024-07-01"))
        #expect(late.first?.calendarRule?.contains("顺延") == true)
    }

    @Test func deadlineAddsApprovedExtensionsAndWarnsOfUndecidedCases() {
        let extended = { (decided: String) in
            penalty([.e(.filed, "2024-04-01", "A B"), .e(.extension, "2024-06-20") { $0.days = 30 }, .e(.decision, decided, "A B")])
        }
        #expect(status("PROCEDURE-DEADLINE", extended("2024-07-30")) == .pass)
        #expect(status("PROCEDURE-DEADLINE", extended("2024-07-31")) == .fail)
        let open = penalty([.e(.filed, "2024-04-01", "A B")])
        #expect(status("PROCEDURE-DEADLINE", open, asOf: "2024-07-01") == .pass)
        #expect(status("PROCEDURE-DEADLINE", open, asOf: "2024-07-02") == .fail)
        #expect(status("PROCEDURE-DEADLINE", penalty([.e(.decision, "2024-07-02", "A B")])) == .manual)
        #expect(status("PROCEDURE-DEADLINE", penalty([.e(.filed, "2024-04-01", "A B")], procedure: .simple)) == .notApplicable)
    }

    func noticed(_ decided: String, fine: String = "100", answer: EventKind? = nil, hearingRights: Bool = false) -> EnforcementCase {
        var events: [Event] = [.e(.notice, "2024-03-20", "A B") { $0.hearingRights = hearingRights }]
        if let answer { events.append(.e(answer, "2024-03-21")) }
        return penalty(events + [.e(.decision, decided, "A B")], fine: fine)
    }

    @Test func noticeGivesFiveWorkingDaysUnlessThePartyAnswered() {
        #expect(status("PROCEDURE-NOTICE", noticed("2024-03-27")) == .pass)
        #expect(status("PROCEDURE-NOTICE", noticed("2024-03-26")) == .fail)
        #expect(status("PROCEDURE-NOTICE", noticed("2024-03-26", answer: .waiver)) == .pass)
        #expect(status("PROCEDURE-NOTICE", noticed("2024-03-26", answer: .statement)) == .pass)
        // With hearing rights, a statement does not end the five days for asking a hearing.
        #expect(status("PROCEDURE-NOTICE", noticed("2024-03-26", fine: "100000", answer: .statement, hearingRights: true)) == .fail)
        #expect(status("PROCEDURE-NOTICE", penalty([.e(.decision, "2024-03-26", "A B")], fine: "100")) == .fail)
        #expect(status("PROCEDURE-NOTICE", penalty([.e(.decision, "2024-03-26", "A B")], fine: nil, level: "不予处罚")) == .notApplicable)
    }

    /// docs/rules.md (amended): simple and fast procedures need a notice too, the same day sufficing.
    @Test func noticeIsNeededUnderEveryProcedure() {
        for procedure in [Procedure.simple, .fast] {
            let onTheSpot = penalty([.e(.notice, "2024-03-26", "A"), .e(.decision, "2024-03-26", "A")], procedure: procedure, fine: "100")
            #expect(status("PROCEDURE-NOTICE", onTheSpot) == .pass, "\(procedure)")
            let none = penalty([.e(.decision, "2024-03-26", "A")], procedure: procedure, fine: "100")
            #expect(status("PROCEDURE-NOTICE", none) == .fail, "\(procedure)")
            let after = penalty([.e(.decision, "2024-03-26", "A"), .e(.notice, "2024-03-27", "A")], procedure: procedure, fine: "100")
            #expect(status("PROCEDURE-NOTICE", after) == .fail, "\(procedure)")
        }
    }

    @Test func hearingNeedsRightsToldAndSevenWorkingDaysNotice() {
        func heard(_ date: String) -> EnforcementCase {
            penalty(
                [
                    .e(.notice, "2024-09-13", "A B") { $0.hearingRights = true }, .e(.hearingRequested, "2024-09-14"),
                    .e(.hearingNotice, "2024-09-25"), .e(.hearing, date, "A B"), .e(.decision, "2024-10-21", "A B")
                ], fine: "800000")
        }
        #expect(status("PROCEDURE-HEARING", heard("2024-10-10")) == .pass)
        let early = findings("PROCEDURE-HEARING", heard("2024-10-09"))
        #expect(early.map(\.status) == [.fail])
        #expect(early.first?.deadline == day("2024-10-10"))
        #expect(status("PROCEDURE-HEARING", noticed("2024-03-29", fine: "100000", hearingRights: false)) == .fail)
        #expect(status("PROCEDURE-HEARING", noticed("2024-03-29", fine: "99999.99", hearingRights: false)) == .notApplicable)
        let unheard = penalty(
            [
                .e(.notice, "2024-09-13", "A B") { $0.hearingRights = true }, .e(.hearingRequested, "2024-09-14"),
                .e(.decision, "2024-10-21", "A B")
            ], fine: "800000")
        #expect(status("PROCEDURE-HEARING", unheard) == .fail)
    }

    @Test func deliveryWithinSevenWorkingDaysAcrossNationalDay() {
        // 2024-09-27 + 7 working days = Saturday 10/12 (国庆调休).
        let delivered = { (date: String) in penalty([.e(.decision, "2024-09-27", "A B"), .e(.delivery, date)]) }
        #expect(status("PROCEDURE-DELIVERY", delivered("2024-10-12")) == .pass)
        #expect(status("PROCEDURE-DELIVERY", delivered("2024-10-14")) == .fail)
        let undelivered = penalty([.e(.decision, "2024-09-27", "A B")])
        #expect(status("PROCEDURE-DELIVERY", undelivered, asOf: "2024-10-12") == .pass)
        #expect(status("PROCEDURE-DELIVERY", undelivered, asOf: "2024-10-14") == .fail)
    }

    @Test func collectiveDiscussionOnOrBeforeAMajorDecision() {
        let discussed = { (date: String) in
            penalty([.e(.collectiveDiscussion, date), .e(.decision, "2024-05-20", "A B")], fine: "100000")
        }
        #expect(status("PROCEDURE-COLLECTIVE", discussed("2024-05-20")) == .pass)
        #expect(status("PROCEDURE-COLLECTIVE", discussed("2024-05-21")) == .fail)
        #expect(status("PROCEDURE-COLLECTIVE", penalty([.e(.decision, "2024-05-20", "A B")], fine: "99999")) == .notApplicable)
    }

    @Test func simpleProcedureOnlyForWarningsAndSmallFines() {
        let simple = { (party: PartyKind, fine: String?) in
            penalty([.e(.decision, "2024-11-05", "A")], party: party, procedure: .simple, fine: fine)
        }
        #expect(status("PROCEDURE-SIMPLE", simple(.individual, "200")) == .pass)
        #expect(status("PROCEDURE-SIMPLE", simple(.individual, "200.01")) == .fail)
        #expect(status("PROCEDURE-SIMPLE", simple(.organisation, "3000")) == .pass)
        #expect(status("PROCEDURE-SIMPLE", simple(.organisation, "3000.01")) == .fail)
        #expect(status("PROCEDURE-SIMPLE", penalty([], procedure: .simple, penalties: [Penalty(kind: .confiscateIncome, amount: yuan("10"))])) == .fail)
        #expect(status("PROCEDURE-SIMPLE", simple(.organisation, nil)) == .pass)
        #expect(status("PROCEDURE-SIMPLE", penalty([], fine: "5000")) == .notApplicable)
    }

    @Test func limitationIsTwoYearsOrFiveForHarmToLifeHealthOrFinance() {
        let found = { (violation: String, discovered: String, item: String, harm: Bool) in
            penalty([.e(.discovered, discovered)], item: item, violation: violation, fine: "100", configureParty: { $0.harm = harm })
        }
        #expect(status("PROCEDURE-LIMITATION", found("2022-03-01", "2024-03-01", "LICENCE", false)) == .pass)
        #expect(status("PROCEDURE-LIMITATION", found("2022-03-01", "2024-03-02", "LICENCE", false)) == .fail)
        #expect(status("PROCEDURE-LIMITATION", found("2020-03-01", "2025-03-01", "FOOD", true)) == .pass)
        #expect(status("PROCEDURE-LIMITATION", found("2020-03-01", "2025-03-02", "FOOD", true)) == .fail)
        #expect(status("PROCEDURE-LIMITATION", found("2020-03-01", "2022-03-02", "FOOD", false)) == .fail, "no harm: two years")
        #expect(status("PROCEDURE-LIMITATION", found("2020-02-29", "2022-02-28", "LICENCE", false)) == .pass)
        #expect(status("PROCEDURE-LIMITATION", found("2020-02-29", "2022-03-01", "LICENCE", false)) == .fail)
        #expect(status("PROCEDURE-LIMITATION", penalty([.e(.discovered, "2024-01-01")], fine: "100")) == .manual)
        #expect(findings("PROCEDURE-LIMITATION", found("2022-03-01", "2024-03-02", "LICENCE", false)).first?.veto == true)
    }
}
