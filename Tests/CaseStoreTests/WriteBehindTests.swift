import Foundation
import Testing
import WorkCalendar

@testable import CaseStore

/// Results written on a thread of their own while the next batch is audited: every batch handed
/// over is written, in order; a failed write or a failed audit ends the exchange with its error,
/// and nothing waits forever.
@Suite struct WriteBehindTests {
    private func run(_ store: CaseStore) throws -> Int64 {
        let record = AuditRunRecord(
            createdAt: "2026-11-23T00:00:00Z", asOf: CalendarDate("2026-11-23")!, checklistName: "national",
            checklistTitle: "测试", checklistHash: "h", inputsHash: "i", actor: "test")
        return try store.beginAuditRun(record).id!
    }

    private func batch(_ runId: Int64, _ ids: ClosedRange<Int>) -> AuditResultBatch {
        ids.map { n in
            (
                AuditResultRecord(
                    runId: runId, caseId: String(format: "C-%05d", n), agency: "WH-SJJ", score: 100, grade: "优秀",
                    veto: false, failures: 0, audit: "{}"), nil
            )
        }
    }

    private func storedIds(_ store: CaseStore, _ runId: Int64) throws -> [String] {
        var ids: [String] = []
        try store.forEachAuditResult(runId: runId) { ids.append($0.caseId) }
        return ids
    }

    @Test(arguments: Backend.allCases)
    func everyBatchHandedOverIsWritten(_ backend: Backend) throws {
        let store = try backend.storeWithSampleRegistry()
        let runId = try run(store)
        try store.appendingAuditResultsBehind { append in
            for start in stride(from: 1, through: 991, by: 10) { try append(batch(runId, start...(start + 9))) }
        }
        #expect(try storedIds(store, runId) == (1...1000).map { String(format: "C-%05d", $0) })
    }

    @Test(arguments: Backend.allCases)
    func aFailedWriteStopsTheAuditWithItsError(_ backend: Backend) throws {
        let store = try backend.storeWithSampleRegistry()
        let runId = try run(store)
        var handed = 0
        #expect(throws: (any Error).self) {
            try store.appendingAuditResultsBehind { append in
                try append(batch(runId, 1...10))
                // The same cases again: the run's key refuses them.
                try append(batch(runId, 1...10))
                for start in stride(from: 11, through: 100_000, by: 10) {
                    try append(batch(runId, start...(start + 9)))
                    handed += 1
                }
            }
        }
        // The writer's failure reached the auditing side long before it had handed everything over.
        #expect(handed < 9_000)
        #expect(try storedIds(store, runId).first == "C-00001")
    }

    struct AuditFailed: Error {}

    @Test func aFailedAuditEndsTheWriterToo() throws {
        let store = try Backend.sqlite.storeWithSampleRegistry()
        let runId = try run(store)
        #expect(throws: AuditFailed.self) {
            try store.appendingAuditResultsBehind { append in
                try append(batch(runId, 1...10))
                throw AuditFailed()
            }
        }
        // The batch handed over before the failure was written; the store takes the next write.
        #expect(try storedIds(store, runId).count == 10)
        try store.appendAuditResults(batch(runId, 11...11))
        #expect(try storedIds(store, runId).count == 11)
    }
}
