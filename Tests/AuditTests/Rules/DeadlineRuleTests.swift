import Audit
import CaseModel
import Testing

/// LICENSE-DEADLINE, SEIZURE-DEADLINE, and what any deadline does with a year the calendar lacks.
@Suite struct DeadlineRuleTests {
    func license(_ decided: String?, extended: Bool = false) -> EnforcementCase {
        var events: [Event] = [.e(.accepted, "2024-09-20", "A B")]
        if extended { events.append(.e(.extension, "2024-10-15")) }
        if let decided { events.append(.e(.decision, decided, "A B")) }
        return EnforcementCase(
            id: "L", agency: "X", type: .license, party: Party(kind: .organisation, name: "甲"), events: events,
            outcome: Outcome(grant: .granted))
    }

    @Test func licenseIsDecidedWithinTwentyWorkingDaysOrThirtyWhenExtended() {
        #expect(status("LICENSE-DEADLINE", license("2024-10-23")) == .pass)
        #expect(status("LICENSE-DEADLINE", license("2024-10-24")) == .fail)
        #expect(status("LICENSE-DEADLINE", license("2024-10-24", extended: true)) == .pass)
        #expect(status("LICENSE-DEADLINE", license(nil), asOf: "2024-10-23") == .pass)
        #expect(status("LICENSE-DEADLINE", license(nil), asOf: "2024-10-24") == .fail)
        #expect(status("LICENSE-DEADLINE", penalty([.e(.accepted, "2024-09-20")])) == .notApplicable)
    }

    func seizure(released: String?, until: String? = "2024-02-14", extended: String? = nil) -> EnforcementCase {
        var events: [Event] = [.e(.seizure, "2024-01-15", "A B", records: [.text, .audioVideo]) { $0.until = until.map(day) }]
        if let extended { events.append(.e(.seizureExtended, "2024-02-10", "A B", records: [.text, .audioVideo]) { $0.until = day(extended) }) }
        if let released { events.append(.e(.seizureReleased, released, "A B")) }
        return EnforcementCase(id: "S", agency: "X", type: .coercion, party: Party(kind: .individual, name: "甲"), events: events)
    }

    @Test func seizureEndsAfterThirtyDaysMovedPastSpringFestival() {
        #expect(status("SEIZURE-DEADLINE", seizure(released: "2024-02-18")) == .pass)
        let late = findings("SEIZURE-DEADLINE", seizure(released: "2024-02-19"))
        #expect(late.first?.status == .fail)
        #expect(late.first?.deadline == day("2024-02-18"))
    }

    @Test func seizureMayLastSixtyDaysWhenExtended() {
        #expect(status("SEIZURE-DEADLINE", seizure(released: "2024-03-15", extended: "2024-03-15")) == .pass)
        #expect(status("SEIZURE-DEADLINE", seizure(released: "2024-03-18", extended: "2024-03-15")) == .fail)
        #expect(status("SEIZURE-DEADLINE", seizure(released: nil, until: "2024-03-01")) == .fail)
        #expect(status("SEIZURE-DEADLINE", seizure(released: nil, until: nil), asOf: "2024-02-18") == .pass)
        #expect(status("SEIZURE-DEADLINE", seizure(released: nil, until: nil), asOf: "2024-02-19") == .fail)
    }

    @Test func aDeadlineInAYearTheCalendarLacksIsLeftToAPersonNeverPassed() {
        let c = penalty([.e(.decision, "2026-12-28", "A B")], disclosure: Disclosure(date: day("2026-12-30")))
        let found = findings("DISCLOSE-LATE", c, asOf: "2026-12-31")
        #expect(found.map(\.status) == [.manual])
        #expect(found.first?.message.contains("2027") == true)
    }
}

/// "As of D" is the case as it stood on D: later events do not exist yet (issue 13).
@Suite struct AsOfTests {
    @Test func laterEventsDoNotExistYetAndAreCounted() {
        let license = EnforcementCase(
            id: "L", agency: "X", type: .license, procedure: .general, declaredMajor: false, party: Party(kind: .organisation, name: "某"),
            matter: nil, events: [.e(.accepted, "2024-09-20"), .e(.decision, "2024-10-24", "A B")], outcome: nil,
            disclosure: Disclosure(date: day("2024-10-25"), withdrawn: day("2024-11-01")))
        let then = license.asOf(day("2024-10-22"))
        #expect(then.eventsSetAside == 1)
        #expect(then.enforcementCase.decision == nil && then.enforcementCase.disclosure == nil)
        #expect(license.asOf(day("2024-10-24")).enforcementCase.decision != nil)
        #expect(license.asOf(day("2024-10-30")).enforcementCase.disclosure?.withdrawn == nil)
        #expect(license.asOf(day("2024-11-01")).eventsSetAside == 0)
        // The license due 2024-10-23 is still open on 2024-10-22, though decided (late) on 2024-10-24.
        let audit = Fixture.auditor().audit(license, asOf: day("2024-10-22"))
        #expect(audit.eventsSetAside == 1)
        #expect(audit.findings.first { $0.rule == "LICENSE-DEADLINE" }?.status == .pass)
        #expect(Fixture.auditor().audit(license, asOf: day("2024-10-24")).findings.first { $0.rule == "LICENSE-DEADLINE" }?.status == .fail)
    }
}
