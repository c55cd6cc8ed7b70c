import Foundation
import Testing

@testable import CaseStore

/// Jobs kept in the store (migration v12), alike on both backends: claimed by one node at a time,
/// taken over when a node's lease runs out, cancelled by their owner, finished with a result file.
@Suite struct JobStorageTests {
    @Test(arguments: Backend.allCases)
    func aJobIsClaimedOnceReportedAndFinishedWithItsFile(_ backend: Backend) throws {
        let store = try backend.storeWithSampleRegistry()
        let job = try store.createJob(kind: .violations, parameters: #"{"asOf":"2024-12-31"}"#, owner: "周监督")
        #expect(job.state == .queued && !job.hasResult && job.owner == "周监督")
        let claimed = try #require(try store.claimJob(node: "a", lease: 300))
        #expect(claimed.id == job.id && claimed.state == .running && claimed.startedAt != nil)
        #expect(try store.claimJob(node: "b", lease: 300) == nil, "a job with a live lease is no other node's")
        #expect(try store.reportJob(id: job.id, node: "a", done: 7, total: 34, lease: 300) == false)
        #expect(try store.reportJob(id: job.id, node: "b", done: 9, total: 34, lease: 300) == true, "a node that lost the job stops")
        #expect(try store.job(id: job.id)?.done == 7)
        let bytes = Data((0..<70_000).map { UInt8($0 % 251) })
        try store.finishJob(
            id: job.id, node: "a", state: .done, message: "导出完成", runId: nil,
            result: JobResult(name: "清单.xlsx", contentType: "application/x", data: bytes))
        let finished = try #require(try store.job(id: job.id))
        #expect(finished.state == .done && finished.hasResult && finished.finishedAt != nil)
        #expect(try store.jobResult(id: job.id)?.data == bytes)
        #expect(try store.jobs(owner: "周监督").map(\.id) == [job.id])
        #expect(try store.jobs(owner: "别人").isEmpty)
    }

    @Test(arguments: Backend.allCases)
    func anExpiredLeaseIsTakenOverAndCancellingReachesTheRunningNode(_ backend: Backend) throws {
        let store = try backend.storeWithSampleRegistry()
        let queued = try store.createJob(kind: .audit, parameters: "{}", owner: "陈评查")
        try store.cancelJob(id: queued.id)
        #expect(try store.job(id: queued.id)?.state == .cancelled, "a queued job ends at once")
        #expect(try store.claimJob(node: "a", lease: 300) == nil)

        let job = try store.createJob(kind: .audit, parameters: "{}", owner: "陈评查")
        _ = try #require(try store.claimJob(node: "dead", lease: -1))
        let taken = try #require(try store.claimJob(node: "alive", lease: 300))
        #expect(taken.id == job.id)
        #expect(try store.reportJob(id: job.id, node: "dead", done: 1, total: 2, lease: 300) == true, "the dead node's word no longer counts")
        try store.cancelJob(id: job.id)
        #expect(try store.job(id: job.id)?.state == .running, "a running job ends at its node's next report")
        #expect(try store.reportJob(id: job.id, node: "alive", done: 1, total: 2, lease: 300) == true)
        try store.finishJob(id: job.id, node: "alive", state: .cancelled, message: "已取消")
        #expect(try store.job(id: job.id)?.state == .cancelled)
    }
}
