import Audit
import AuditRuns
import CaseModel
import CaseStore
import Foundation
import TestSupport
import Testing
import WorkCalendar

/// Where certificates stand (renewals chained, the boundary days on both sides), the warnings of
/// their end, and the officers' review over a store: training hours, uncertified acts, auxiliaries
/// acting alone.
@Suite struct OfficerReviewTests {
    static func cert(_ number: String, _ issued: String, _ expires: String, _ status: Certificate.Status = .valid, since: String? = nil) -> Certificate {
        Certificate(number: number, issued: day(issued), expires: day(expires), status: status, since: since.map(day))
    }

    @Test func aCertificateEndingOnTheDayStillCoversItAndLapsesTheNext() {
        let certificates = [Self.cert("C1", "2020-01-01", "2025-06-30")]
        #expect(CertificateStanding(certificates: certificates, on: day("2025-06-30")) == .certified(through: day("2025-06-30"), number: "C1"))
        #expect(CertificateStanding(certificates: certificates, on: day("2025-06-30")).daysLeft(from: day("2025-06-30")) == 0)
        #expect(CertificateStanding(certificates: certificates, on: day("2025-07-01")) == .lapsed(since: day("2025-07-01")))
        #expect(CertificateStanding(certificates: certificates, on: day("2019-12-31")) == .lapsed(since: nil))
        #expect(CertificateStanding(certificates: [], on: day("2025-01-01")) == .lapsed(since: nil))
    }

    @Test func aRenewalFromTheNextDayCarriesTheCoverOnAndOneDayLaterDoesNot() {
        let renewed = [Self.cert("OLD", "2020-01-01", "2025-06-30"), Self.cert("NEW", "2025-07-01", "2031-06-30")]
        #expect(CertificateStanding(certificates: renewed, on: day("2025-06-20")) == .certified(through: day("2031-06-30"), number: "NEW"))
        let gap = [Self.cert("OLD", "2020-01-01", "2025-06-30"), Self.cert("NEW", "2025-07-02", "2031-06-30")]
        #expect(CertificateStanding(certificates: gap, on: day("2025-06-20")) == .certified(through: day("2025-06-30"), number: "OLD"))
        #expect(CertificateStanding(certificates: gap, on: day("2025-07-01")) == .lapsed(since: day("2025-07-01")))
    }

    @Test func aSuspensionEndsTheCoverTheDayBeforeItTakesEffect() {
        let suspended = [Self.cert("S", "2020-01-01", "2030-12-31", .suspended, since: "2024-06-01")]
        #expect(CertificateStanding(certificates: suspended, on: day("2024-05-31")) == .certified(through: day("2024-05-31"), number: "S"))
        #expect(CertificateStanding(certificates: suspended, on: day("2024-06-01")) == .lapsed(since: day("2024-06-01")))
    }

    @Test func warningsListCoversEndingWithinTheDaysAndNotOneDayLater() {
        let asOf = day("2025-06-01")
        let officers = [
            Officer(id: "IN", name: "甲", agency: "X", roles: [.officer], certificates: [Self.cert("A", "2020-01-01", "2025-07-01")]),
            Officer(id: "OUT", name: "乙", agency: "X", roles: [.officer], certificates: [Self.cert("B", "2020-01-01", "2025-07-02")]),
            Officer(id: "TODAY", name: "丙", agency: "X", roles: [.officer], certificates: [Self.cert("C", "2020-01-01", "2025-06-01")]),
            Officer(
                id: "RENEWED", name: "丁", agency: "X", roles: [.officer],
                certificates: [Self.cert("D", "2020-01-01", "2025-06-10"), Self.cert("D2", "2025-06-11", "2031-06-10")]),
            Officer(id: "GONE", name: "戊", agency: "X", roles: [.officer], certificates: [Self.cert("E", "2020-01-01", "2025-05-31")]),
            Officer(id: "AUX", name: "己", agency: "X", roles: [.auxiliary], certificates: [Self.cert("F", "2020-01-01", "2025-06-05")])
        ]
        let warnings = CertificateWarning.list(officers, asOf: asOf, through: asOf.adding(days: 30))
        #expect(warnings.map(\.officer) == ["TODAY", "IN"])
        #expect(warnings.map(\.daysLeft) == [0, 30])

        // The due list counts working days as it does for a case's deadline: 2025-06-01 is a
        // Sunday and Monday 2 June is 端午节, so Friday 6 June is the fourth working day after
        // it and Monday 9 June the fifth.
        let calendar = Repository.calendar
        let week = [
            Officer(id: "FRI", name: "庚", agency: "X", roles: [.officer], certificates: [Self.cert("G", "2020-01-01", "2025-06-06")]),
            Officer(id: "MON", name: "辛", agency: "X", roles: [.officer], certificates: [Self.cert("H", "2020-01-01", "2025-06-09")])
        ]
        #expect(CertificateWarning.due(week, asOf: asOf, within: 4, calendar: calendar).map(\.officer) == ["FRI"])
        #expect(CertificateWarning.due(week, asOf: asOf, within: 5, calendar: calendar).map(\.officer) == ["FRI", "MON"])
    }

    // MARK: - Over a store

    static let registry = """
        <?xml version="1.0" encoding="UTF-8"?>
        <registry xmlns="urn:zhifa:registry:1">
          <agency code="X" name="某局"/>
          <agency code="Y" name="另一局"/>
          <officer id="FULL" name="甲" agency="X" role="officer">
            <certificate number="1" issued="2020-01-01" expires="2030-12-31" status="valid"/>
            <training year="2025" hours="40"/><training year="2025" hours="20"/><training year="2024" hours="10"/>
          </officer>
          <officer id="SHORT" name="乙" agency="X" role="officer">
            <certificate number="2" issued="2020-01-01" expires="2030-12-31" status="valid"/>
            <training year="2025" hours="59.5"/>
          </officer>
          <officer id="LAPSED" name="丙" agency="X" role="officer">
            <certificate number="3" issued="2020-01-01" expires="2025-03-31" status="valid"/>
            <training year="2025" hours="60"/>
          </officer>
          <officer id="AUX" name="丁" agency="X" role="auxiliary"/>
          <officer id="OTHER" name="戊" agency="Y" role="officer">
            <certificate number="5" issued="2020-01-01" expires="2030-12-31" status="valid"/>
            <training year="2025" hours="80"/>
          </officer>
        </registry>
        """

    static func act(_ id: String, _ date: String, _ officers: String) -> String {
        caseDocument(
            id: id, agency: "X",
            body: """
                <events><event kind="inspection" date="\(date)" officers="\(officers)"/></events>
                """)
    }

    enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, postgres
        var testDescription: String { rawValue }
    }

    static func store(_ kind: StoreKind = .sqlite) throws -> (CaseStore, TemporaryFolder) {
        let folder = try TemporaryFolder()
        try folder.write("registry.xml", registry)
        // The lapsed officer acts the day before the lapse (covered) and on and after it (not).
        try folder.write("c1.xml", act("C-1", "2025-03-31", "LAPSED FULL"))
        try folder.write("c2.xml", act("C-2", "2025-04-01", "LAPSED FULL"))
        try folder.write("c3.xml", act("C-3", "2025-05-10", "LAPSED FULL"))
        // The auxiliary alone twice this year (once with only another auxiliary's colleague who is
        // the lapsed officer: still an officer by role), once with an officer, once last year.
        try folder.write("c4.xml", act("C-4", "2025-02-01", "AUX"))
        try folder.write("c5.xml", act("C-5", "2025-02-02", "AUX SHORT"))
        try folder.write("c6.xml", act("C-6", "2024-12-31", "AUX"))
        try folder.write("c7.xml", act("C-7", "2025-06-15", "AUX"))
        let store = kind == .postgres ? try CaseStore(location: try ThrowawayPostgres.newDatabase()) : try CaseStore.inMemory()
        let report = store.importPaths([folder.url.path], actor: "test")
        #expect(report.failures.isEmpty, "\(report.failures)")
        return (store, folder)
    }

    @Test(arguments: StoreKind.allCases)
    func theReviewCountsTrainingCertificatesAndActsOnBothSidesOfEachBoundary(_ kind: StoreKind) throws {
        let (store, folder) = try Self.store(kind)
        defer { store.close() }
        _ = folder
        let review = try OfficerReview.make(store: store, parameters: AuditParameters(), asOf: day("2025-06-15"), year: 2025)
        let x = try #require(review.agencies.first { $0.agency == "X" })
        #expect(x.name == "某局" && x.officers == 3 && x.certified == 2 && x.auxiliaries == 1)
        #expect(x.certifiedShare == 2.0 / 3.0)
        // 60 hours is enough (two trainings of one year add up); 59.5 is not; another year's do not count.
        #expect(x.shortOfTraining.map(\.officer) == ["SHORT"])
        #expect(x.shortOfTraining.first?.hours == 59.5)
        // Acts from the lapse on: 1 April and 10 May, not 31 March.
        #expect(x.actingUncertified.map(\.officer) == ["LAPSED"])
        #expect(x.actingUncertified.first?.since == day("2025-04-01"))
        #expect(x.actingUncertified.first?.acts == 2 && x.actingUncertified.first?.last == day("2025-05-10"))
        // Alone this year through the as-of day: 1 February and 15 June, not with SHORT, not last year.
        #expect(x.auxiliariesAlone.map(\.acts) == [2] && x.auxiliariesAlone.first?.last == day("2025-06-15"))
        #expect(x.expiring.isEmpty)

        // The day before the last act: that act is not yet counted.
        let earlier = try OfficerReview.make(store: store, parameters: AuditParameters(), asOf: day("2025-06-14"), year: 2025)
        #expect(earlier.agencies.first { $0.agency == "X" }?.auxiliariesAlone.first?.acts == 1)
        // Before the lapse: no uncertified act, and the certificate warned of within 30 days.
        let march = try OfficerReview.make(store: store, parameters: AuditParameters(), asOf: day("2025-03-01"), year: 2025)
        let xMarch = try #require(march.agencies.first { $0.agency == "X" })
        #expect(xMarch.actingUncertified.isEmpty && xMarch.certified == 3)
        #expect(xMarch.expiring.map(\.officer) == ["LAPSED"] && xMarch.expiring.first?.daysLeft == 30)

        // One agency's review holds nothing of another's.
        let own = try OfficerReview.make(store: store, parameters: AuditParameters(), asOf: day("2025-06-15"), year: 2025, agency: "Y")
        #expect(own.agencies.map(\.agency) == ["Y"] && own.agencies.first?.officers == 1 && own.agencies.first?.shortOfTraining.isEmpty == true)
    }

    @Test func theChecklistSetsTheHoursAndTheWarningDays() throws {
        let (store, folder) = try Self.store()
        defer { store.close() }
        _ = folder
        var parameters = try AuditParameters(["training.hours": "59", "certificate.warning.days": "29"])
        var review = try OfficerReview.make(store: store, parameters: parameters, asOf: day("2025-03-01"), year: 2025)
        var x = try #require(review.agencies.first { $0.agency == "X" })
        #expect(x.shortOfTraining.isEmpty && x.expiring.isEmpty)
        parameters.trainingHours = 60
        parameters.certificateWarningDays = 30
        review = try OfficerReview.make(store: store, parameters: parameters, asOf: day("2025-03-01"), year: 2025)
        x = try #require(review.agencies.first { $0.agency == "X" })
        #expect(x.shortOfTraining.map(\.officer) == ["SHORT"] && x.expiring.map(\.officer) == ["LAPSED"])
        #expect(throws: AuditParameters.Invalid.self) { try AuditParameters(["training.hours": "-1"]) }
    }
}
