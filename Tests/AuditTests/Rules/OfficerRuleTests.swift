import Audit
import CaseModel
import Testing

/// OFFICER-COUNT, OFFICER-CERT.
@Suite struct OfficerRuleTests {
    func inspection(_ date: String, _ officers: String, procedure: Procedure = .general) -> EnforcementCase {
        penalty([.e(.inspection, date, officers, records: [.text, .audioVideo])], procedure: procedure)
    }

    @Test func countNeedsTwoCertifiedOfficersOrOneUnderSimpleProcedure() {
        #expect(status("OFFICER-COUNT", inspection("2024-03-01", "A B")) == .pass)
        #expect(status("OFFICER-COUNT", inspection("2024-03-01", "A")) == .fail)
        #expect(status("OFFICER-COUNT", inspection("2024-03-01", "A A")) == .fail)
        #expect(status("OFFICER-COUNT", inspection("2024-03-01", "A AUX")) == .fail)
        #expect(status("OFFICER-COUNT", inspection("2024-03-01", "A", procedure: .simple)) == .pass)
        #expect(status("OFFICER-COUNT", inspection("2024-03-01", "AUX", procedure: .simple)) == .fail)
        #expect(status("OFFICER-COUNT", inspection("2024-03-01", "")) == .fail, "an inspection with nobody named")
        #expect(status("OFFICER-COUNT", penalty([.e(.discovered, "2024-03-01")])) == .notApplicable)
    }

    @Test func certCoversTheLastValidDayButNotTheNext() {
        #expect(status("OFFICER-CERT", inspection("2024-03-31", "A EXPIRING")) == .pass)
        let expired = findings("OFFICER-CERT", inspection("2024-04-01", "A EXPIRING"))
        #expect(expired.map(\.status) == [.fail])
        #expect(expired.first?.officer == "EXPIRING")
        #expect(expired.first?.message.contains("2024-03-31") == true)
    }

    @Test func certEndsTheDayASuspensionTakesEffect() {
        #expect(status("OFFICER-CERT", inspection("2024-05-31", "A SUSPENDED")) == .pass)
        #expect(status("OFFICER-CERT", inspection("2024-06-01", "A SUSPENDED")) == .fail)
    }

    @Test func certRefusesTheNotYetIssuedAuxiliariesStrangersAndOtherAgencies() {
        #expect(status("OFFICER-CERT", inspection("2024-06-30", "A LATE")) == .fail)
        #expect(status("OFFICER-CERT", inspection("2024-07-01", "A LATE")) == .pass)
        #expect(status("OFFICER-CERT", inspection("2024-03-01", "A AUX")) == .fail)
        #expect(status("OFFICER-CERT", inspection("2024-03-01", "A NOBODY")) == .fail)
        #expect(status("OFFICER-CERT", inspection("2024-03-01", "A OTHER")) == .fail)
    }

    @Test func certCountsEachPersonEachTimeWithACap() {
        let c = penalty([.e(.filed, "2024-05-01", "AUX NOBODY"), .e(.inspection, "2024-05-01", "AUX A", records: [.text, .audioVideo])])
        let found = findings("OFFICER-CERT", c)
        #expect(found.count == 3)
        #expect(found.map(\.deduction) == [10, 0, 0], "10 for the first, 5 each after, capped at 10")
        #expect(found.allSatisfy { $0.veto == true })
    }
}
