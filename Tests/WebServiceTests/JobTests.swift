import CaseStore
import CaseXML
import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing
import WorkCalendar

@testable import WebService

/// Long work started from the web runs as a job (issue 32): the request answers at once, the job's
/// page and the API say how far it is, the result is there when it is done, its owner may cancel
/// it, and a node that stops renewing its lease leaves it to another.
@Suite struct JobTests {
    struct Status: Decodable {
        var id: Int64
        var state: String
        var done: Int
        var total: Int?
        var resultPath: String?
        var message: String?
    }

    @Test func anExportThroughTheAPIIsAcceptedAtOnceAndItsResultIsTheExport() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let supervisor = try await APITests.signInJSON(client, Accounts.supervisor)
            let accepted = try await supervisor.send(
                "/api/v1/jobs", contentType: "application/json",
                body: #"{"kind":"violations","asOf":"2024-12-31","format":"csv"}"#)
            #expect(accepted.status == .accepted)
            let location = try #require(accepted.headers[.location])
            let queued = try JSONDecoder().decode(Status.self, from: Data(buffer: accepted.body))
            #expect(queued.state == "queued" && location == "/api/v1/jobs/\(queued.id)")
            // Nothing has run yet: a clerk may not even know the job exists.
            let clerk = try await APITests.signInJSON(client, Accounts.clerk)
            #expect(try await clerk.get(location).status == .notFound)

            fixture.web.runQueuedJobs()
            let done = try JSONDecoder().decode(Status.self, from: Data(buffer: try await supervisor.get(location).body))
            #expect(done.state == "done" && done.total == Repository.sampleCaseCount && done.resultPath == location + "/result", "\(done)")
            let file = try await supervisor.get(location + "/result")
            let direct = try await supervisor.get("/api/v1/export/violations?format=csv&asOf=2024-12-31")
            #expect(file.status == .ok && file.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(Data(buffer: file.body) == Data(buffer: direct.body), "the job's file is the export itself")
            #expect(
                try await clerk.send(
                    "/api/v1/jobs", contentType: "application/json",
                    body: #"{"kind":"violations","asOf":"2024-12-31"}"#
                ).status == .forbidden)
        }
    }

    @Test func theAuditPageHandsALargeSelectionToAJobWhosePageShowsItsProgress() async throws {
        let fixture = try await WebFixture()
        var configuration = fixture.configuration
        configuration.inlineAuditLimit = 10
        let node = try await WebApp(store: fixture.store, configuration: configuration)
        try await fixture.test(node) { client in
            let reviewer = try await Browser.signIn(client, as: Accounts.reviewer)
            let started = try await reviewer.get("/audit?asOf=2025-06-30")
            #expect(started.status == .seeOther)
            let page = try #require(started.headers[.location])
            let waiting = try await reviewer.get(page)
            #expect(waiting.text.contains("排队中") && waiting.text.contains("http-equiv=\"refresh\""), "\(waiting.text.prefix(2000))")
            node.runQueuedJobs()
            let finished = try await reviewer.get(page)
            #expect(finished.text.contains("已完成") && finished.text.contains("评查完成：共 \(Repository.sampleCaseCount) 件") && !finished.text.contains("http-equiv"))
            let result = try await reviewer.get(page + "/result")
            #expect(result.status == .seeOther && result.headers[.location] == "/audit?asOf=2025-06-30")
            // The run is stored: the page now shows it within the request.
            let run = try await reviewer.get("/audit?asOf=2025-06-30")
            #expect(run.status == .ok && run.text.contains("共 \(Repository.sampleCaseCount) 件"))
            // Another reviewer may neither see nor cancel it; a supervisor sees it.
            let supervisor = try await Browser.signIn(client, as: Accounts.supervisor)
            #expect(try await supervisor.get(page).status == .ok)
            #expect(try await supervisor.post(page + "/cancel", []).status == .forbidden)
        }
    }

    @Test func theOwnerCancelsAndAJobWhoseNodeDiedIsTakenOver() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let reviewer = try await APITests.signInJSON(client, Accounts.reviewer)
            let queued = try await reviewer.send("/api/v1/jobs", contentType: "application/json", body: #"{"kind":"audit","asOf":"2025-01-31"}"#)
            let location = try #require(queued.headers[.location])
            let cancelled = try await reviewer.send(location, method: .delete, contentType: "", body: "")
            #expect(cancelled.status == .ok && cancelled.text.contains(#""state":"cancelled""#), "\(cancelled.text)")
            fixture.web.runQueuedJobs()
            #expect(try await reviewer.get(location).text.contains(#""state":"cancelled""#))

            // A job claimed by a node that then died (its lease ran out) is claimed by the next node.
            let orphan = try await reviewer.send("/api/v1/jobs", contentType: "application/json", body: #"{"kind":"audit","asOf":"2025-02-28"}"#)
            let orphanAt = try #require(orphan.headers[.location])
            let claimed = try #require(try fixture.store.claimJob(node: "dead-node", lease: -1))
            #expect(try fixture.store.claimJob(node: "other", lease: 300)?.id == claimed.id, "an expired lease is claimed again")
            // …and one claimed by a live node is not.
            #expect(try fixture.store.claimJob(node: "third", lease: 300) == nil)
            _ = orphanAt
        }
    }

    @Test func aRunningJobCancelledByItsOwnerStopsAtItsNextReport() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let reviewer = try await APITests.signInJSON(client, Accounts.reviewer)
            let queued = try await reviewer.send("/api/v1/jobs", contentType: "application/json", body: #"{"kind":"audit","asOf":"2025-03-31"}"#)
            let location = try #require(queued.headers[.location])
            // Claimed by a node that died at once; its owner cancels it while it counts as running.
            _ = try #require(try fixture.store.claimJob(node: "dead-node", lease: -1))
            #expect(try await reviewer.send(location, method: .delete, contentType: "", body: "").status == .ok)
            fixture.web.runQueuedJobs()
            let status = try JSONDecoder().decode(Status.self, from: Data(buffer: try await reviewer.get(location).body))
            #expect(status.state == "cancelled" && status.message == "已取消", "\(status)")
        }
    }

    /// 到期预警 downloaded whole: the form on the due page starts a job whose file lists every item
    /// the page's filters select (a clerk's, their own agency's only), in either format.
    @Test func theDueListDownloadsWholeThroughAJob() async throws {
        let fixture = try await WebFixture(today: .fixed(CalendarDate("2026-11-22")!))
        try await fixture.test { client in
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            let page = try await clerk.get("/due?within=366&state=overdue")
            #expect(page.text.contains(#"<input type="hidden" name="kind" value="due">"#) && page.text.contains(#"name="state" value="overdue""#))
            let listed = try JSONDecoder().decode([DueItem].self, from: Data(buffer: try await clerk.get("/api/v1/due?within=366").body))
            for format in ["csv", "xlsx"] {
                let started = try await clerk.post(
                    "/jobs", [("kind", "due"), ("within", "366"), ("state", "overdue"), ("obligation", ""), ("agency", "WH-CGJ"), ("format", format)])
                #expect(started.status == .seeOther)
                let job = try #require(started.headers[.location])
                fixture.web.runQueuedJobs()
                let finished = try await clerk.get(job).text
                #expect(finished.contains("导出到期预警") && finished.contains("已完成"))
                let file = try await clerk.get(job + "/result")
                #expect(file.status == .ok)
                if format == "csv" {
                    let lines = file.text.split(whereSeparator: \.isNewline).map(String.init)
                    #expect(lines.first?.hasPrefix("\u{FEFF}期限,状态,执法主体,案件编号,当事人") == true, "with the mark Excel reads UTF-8 by")
                    // Another agency asked for: the clerk's own list all the same, overdue only.
                    let rows = lines.dropFirst()
                    #expect(rows.count == listed.count { $0.overdue } && rows.count > 0, "\(rows)")
                    #expect(rows.allSatisfy { $0.contains("WH-SJJ-") && $0.contains(",逾期") })
                } else {
                    #expect(file.headers[.contentType]?.contains("spreadsheetml") == true)
                    #expect(Array(Data(buffer: file.body).prefix(2)) == Array("PK".utf8))
                }
            }
            // Through the API: the file, not a run.
            let api = try await APITests.signInJSON(client, Accounts.clerk)
            let accepted = try await api.send(
                "/api/v1/jobs", contentType: "application/json", body: #"{"kind":"due","format":"csv","within":366,"state":"overdue"}"#)
            #expect(accepted.status == .accepted)
            fixture.web.runQueuedJobs()
            let file = try await api.get(try #require(accepted.headers[.location]) + "/result")
            #expect(
                file.headers[.contentType]?.hasPrefix("text/csv") == true
                    && file.text.split(whereSeparator: \.isNewline).count == listed.count { $0.overdue } + 1)
            #expect(try await clerk.post("/jobs", [("kind", "due"), ("within", "9999"), ("format", "csv")]).status == .badRequest)
            #expect(try await clerk.post("/jobs", [("kind", "due"), ("obligation", "nonsense"), ("format", "csv")]).status == .badRequest)
        }
    }

    /// Case XML larger than a request stores at once is posted as a job: `202 Accepted`, and the
    /// job stores all of it, or nothing when one case is not the clerk's agency's.
    @Test func aLargeCaseDocumentPostedThroughTheAPIIsStoredByAJob() async throws {
        let fixture = try await WebFixture()
        // Without its records: their files were never uploaded through the service.
        var sample = try #require(try fixture.store.loadCase(id: "WH-SJJ-2024-0117"))
        for index in sample.events.indices { sample.events[index].records = [] }
        let plain = sample
        @Sendable func document(_ count: Int, foreignAt foreign: Int? = nil, first: Int) -> String {
            var text = CaseXMLWriter.casesDocumentStart
            for index in 0..<count {
                var c = plain
                c.id = String(format: "WH-SJJ-2026-%04d", first + index)
                if index == foreign {
                    c.id = String(format: "WH-CGJ-2026-%04d", first + index)
                    c.agency = "WH-CGJ"
                }
                text += CaseXMLWriter.element(c)
            }
            return text + CaseXMLWriter.casesDocumentEnd
        }
        try await fixture.test { client in
            let clerk = try await APITests.signInJSON(client, Accounts.clerk)
            let large = document(60, first: 5000)
            try #require(large.utf8.count > 64 << 10 && large.utf8.count < 256 << 10)
            let accepted = try await clerk.send("/api/v1/cases", contentType: "application/xml", body: large)
            #expect(accepted.status == .accepted, "\(accepted.text)")
            let location = try #require(accepted.headers[.location])
            #expect(try JSONDecoder().decode(Status.self, from: Data(buffer: accepted.body)).state == "queued")
            #expect(try fixture.store.loadCase(id: "WH-SJJ-2026-5000") == nil, "nothing stored within the request")
            fixture.web.runQueuedJobs()
            let done = try JSONDecoder().decode(Status.self, from: Data(buffer: try await clerk.get(location).body))
            #expect(done.state == "done" && done.message?.contains("新增 60 件") == true, "\(done)")
            #expect(try fixture.store.loadCase(id: "WH-SJJ-2026-5059")?.party == plain.party)

            // One case of another agency among sixty: the job fails, naming its line, and stores nothing.
            let refused = try await clerk.send(
                "/api/v1/cases", contentType: "application/xml", body: document(60, foreignAt: 30, first: 6000))
            #expect(refused.status == .accepted)
            fixture.web.runQueuedJobs()
            let failed = try JSONDecoder().decode(
                Status.self, from: Data(buffer: try await clerk.get(try #require(refused.headers[.location])).body))
            #expect(failed.state == "failed" && failed.message?.contains("未保存任何内容") == true, "\(failed)")
            #expect(failed.message?.contains("只能提交本机关的案件") == true, "\(failed)")
            #expect(try fixture.store.loadCase(id: "WH-SJJ-2026-6000") == nil)

            // A small document is still stored within its request.
            let small = try await clerk.send("/api/v1/cases", contentType: "application/xml", body: document(2, first: 7000))
            #expect(small.status == .created, "\(small.text)")
        }
    }
}
