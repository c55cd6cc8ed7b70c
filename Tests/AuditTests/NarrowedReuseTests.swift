import AuditRuns
import CaseModel
import Foundation
import TestSupport
import Testing
import WorkCalendar

@testable import CaseStore

extension RunOnBaseTests {
    /// A run compares with the latest run only the cases the journal names since that run began,
    /// the results whose reuse lapses and the cases with manual scores (`ReuseCandidates`): what it
    /// leaves to audit is what comparing every case gives, on the latest run's day and after, for
    /// the store and for one agency. Before that day, and after a run of part of the store, every
    /// case is compared.
    @Test(arguments: StoreKind.allCases)
    func comparingTheCandidatesLeavesWhatComparingEveryCaseDoes(_ kind: StoreKind) throws {
        let folder = try TemporaryFolder()
        let (store, runner, ids, _) = try audited(kind, folder)
        try rename(ids[3], in: store)
        let latest = try runner.run(asOf: asOf, actor: "test", reuse: false).run
        #expect(latest.baseRun != nil && latest.journalSeq != nil)
        try rename(ids[5], in: store)
        _ = try store.recordManualScore(caseId: ids[9], item: "FACTS", deduction: 1, note: "复核", reviewer: "评查员")
        let digests = try store.manualScores().mapValues { AuditResultKeys.digest(of: $0) }
        var everyCase = latest
        everyCase.journalSeq = nil

        func leftToAudit(_ latest: AuditRunRecord, _ day: CalendarDate, _ agency: String?) throws -> [String] {
            var record = AuditRunRecord(
                createdAt: "2026-12-08T00:00:00Z", asOf: day, checklistName: latest.checklistName, checklistTitle: latest.checklistTitle,
                checklistHash: latest.checklistHash, inputsHash: "test", actor: "test")
            record.environmentHash = latest.environmentHash
            record.coversStore = agency == nil
            return try store.beginAuditRun(
                record, reusing: latest, named: nil, day: day, agency: agency, manualDigests: digests, mayBuildOnBase: true
            ).toAudit
        }

        // On the latest run's day nothing lapses: the case changed since and the case scored.
        #expect(try leftToAudit(latest, asOf, nil) == [ids[5], ids[9]].sorted())
        var lapsed = 0
        for days: Int32 in [0, 1, 40, 4000, -1] {
            let day = CalendarDate(dayNumber: asOf.dayNumber + days)
            #expect((ReuseCandidates.changedSince(latest: latest, day: day) != nil) == (days >= 0))
            for agency in [nil, "WH-SJJ"] {
                let compared = try leftToAudit(everyCase, day, agency)
                #expect(try leftToAudit(latest, day, agency) == compared, "\(day) \(agency ?? "every agency")")
                if agency == nil { lapsed = max(lapsed, compared.count - 2) }
            }
        }
        #expect(lapsed > 0, "some result's reuse lapsed on a later day")
        var partial = latest
        partial.coversStore = false
        #expect(ReuseCandidates.changedSince(latest: partial, day: asOf) == nil)
    }
}
