import CaseModel
import CaseStore
import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing
import WorkCalendar

@testable import WebService

/// The case list says where each case stands and sorts by it; the 评查表 prints from the case
/// page; the due list says how late; and paper carries no navigation or forms.
@Suite struct ListAndPrintTests {
    /// Rows of the case list: id, result, stage, overdue.
    private func rows(_ html: String) -> [(id: String, result: String, stage: String, overdue: String)] {
        let pattern =
            #"<tr><td class="nowrap"><a href="[^"]+">([^<]+)</a></td>.*?<td class="result">([^<]*)</td><td class="nowrap[^"]*">([^<]*)</td><td class="nowrap bad">([^<]*)</td></tr>"#
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { match in
            let group = { (i: Int) in String(html[Range(match.range(at: i), in: html)!]) }
            return (group(1), group(2), group(3), group(4))
        }
    }

    /// The service's today in this test, set through its one clock.
    private static let today = CalendarDate("2026-11-22")!
    /// Days from the 90-day limit of WH-SJJ-2024-0902 (filed 2024-09-02, due 2024-12-02) to today.
    private var daysLate: Int { Int(Self.today.dayNumber) - Int(CalendarDate("2024-12-02")!.dayNumber) }

    @Test func theListShowsResultStageAndLatenessAndSortsByThem() async throws {
        let fixture = try await WebFixture(today: .fixed(Self.today))
        try await fixture.test { client in
            let reviewer = try await Browser.signIn(client, as: Accounts.reviewer)
            let plain = rows(try await reviewer.get("/cases").text)
            #expect(plain.count == Repository.sampleCaseCount)
            let open = try #require(plain.first { $0.id == "WH-SJJ-2024-0902" })
            #expect(open.result == "办理中" && open.stage == "办理中" && open.overdue == "逾期\(daysLate)天")
            #expect(plain.first { $0.id == "WH-CGJ-2024-0910" }?.result.hasPrefix("初评 85分 · 不合格 · 否决") == true)
            #expect(plain.filter { $0.id != "WH-SJJ-2024-0902" }.allSatisfy { $0.stage == "已结案" || $0.stage == "已决定" })

            // Before any run, by score is by date, and says so.
            let unranked = try await reviewer.get("/cases?sort=score").text
            #expect(unranked.contains("尚无全部案件的评查结果") && rows(unranked).map(\.id) == plain.map(\.id))
            // Lowest score first by the latest run, cases in progress last.
            _ = try fixture.web.runner.run(asOf: Self.today, actor: "t")
            let ranked = try await reviewer.get("/cases?sort=score").text
            #expect(ranked.contains("按 2026-11-22 评查的得分排序"))
            let byScore = rows(ranked)
            let scores = byScore.compactMap { Double($0.result.replacingOccurrences(of: "初评 ", with: "").prefix { $0.isNumber || $0 == "." }) }
            #expect(scores.count == Repository.decidedSampleCaseCount && scores == scores.sorted())
            #expect(byScore.last?.id == "WH-SJJ-2024-0902")
            // Most overdue first: WH-SJJ-2024-1010's disclosure was due 2024-10-18, before 0902's
            // decision; WH-CGJ-2025-0102's withdrawal was due 2025-09-18.
            let byLateness = rows(try await reviewer.get("/cases?sort=overdue").text)
            #expect(byLateness.prefix(3).map(\.id) == ["WH-SJJ-2024-1010", "WH-SJJ-2024-0902", "WH-CGJ-2025-0102"])
            #expect(byLateness.dropFirst(3).allSatisfy { $0.overdue.isEmpty })
            // By id, through the store.
            let byId = rows(try await reviewer.get("/cases?sort=id").text).map(\.id)
            #expect(byId == byId.sorted())
            // The sort survives paging links and a bad sort name is the default order.
            #expect(rows(try await reviewer.get("/cases?sort=nonsense").text).map(\.id) == plain.map(\.id))
        }
    }

    @Test func aCasePageShowsTheNewestRunsResultWhileItHolds() async throws {
        let fixture = try await WebFixture(today: .fixed(Self.today))
        try await fixture.test { client in
            let reviewer = try await Browser.signIn(client, as: Accounts.reviewer)
            let summary = { (html: String) in html.range(of: #"<strong>[^<]*</strong>"#, options: .regularExpression).map { String(html[$0]) } }
            let before = try await reviewer.get("/cases/WH-CGJ-2024-0910").text
            #expect(!before.contains("id=\"stored-run\""))
            let run = try fixture.web.runner.run(asOf: Self.today, actor: "t").run.id!
            let after = try await reviewer.get("/cases/WH-CGJ-2024-0910").text
            #expect(after.contains("沿用第 \(run) 号评查记录的结果"))
            #expect(summary(after) == summary(before) && summary(after) != nil, "the stored result says what auditing says")
            // A changed case is audited for the page again.
            _ = try await fixture.store.recordManualScore(caseId: "WH-CGJ-2024-0910", item: "FACTS", deduction: 2, note: "依据不足", reviewer: Accounts.reviewer)
            #expect(!(try await reviewer.get("/cases/WH-CGJ-2024-0910").text.contains("id=\"stored-run\"")))
        }
    }

    @Test func theEvaluationFormPrintsFromTheCasePageForWhoeverMayReadTheCase() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let reviewer = try await Browser.signIn(client, as: Accounts.reviewer)
            #expect(try await reviewer.get("/cases/WH-CGJ-2024-0910").text.contains(#"href="/cases/WH-CGJ-2024-0910/form""#))
            let form = try await reviewer.get("/cases/WH-CGJ-2024-0910/form")
            #expect(form.status == .ok)
            #expect(form.text.contains("行政执法案卷评查表") && form.text.contains("评查人（签名）") && form.text.contains("一票否决"))
            let policy = form.headers[.contentSecurityPolicy] ?? ""
            #expect(policy.contains("style-src 'self' 'unsafe-inline'") && !policy.contains("script"))
            // Another agency's clerk meets the same 404 as for the case itself.
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            #expect(try await clerk.get("/cases/WH-CGJ-2024-0910/form").status == .notFound)
            #expect(try await clerk.get("/cases/WH-SJJ-2024-0117/form").status == .ok)
        }
    }

    @Test func theDueListSaysHowManyDaysLateAndPaperHasNoNavigation() async throws {
        let fixture = try await WebFixture(today: .fixed(Self.today))
        try await fixture.test { client in
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            let due = try await clerk.get("/due").text
            #expect(due.contains("<td class=\"nowrap\">逾期\(daysLate)天</td>"))
            #expect(due.contains("芜湖市市场监督管理局") && !due.contains("<td>WH-SJJ</td>"))
            let css = try await clerk.get("/static/zhifa.css").text
            #expect(css.contains("@media print") && css.contains("header.top, footer, nav, form, button, .forms"))
            #expect(css.contains("size: A4"))
        }
    }
}

/// A clerk uploads the agency's ledger on the web: a job, all or nothing, own agency only.
@Suite struct LedgerUploadTests {
    static let ledger = Repository.root.appendingPathComponent("Tests/Fixtures/ledgers/libreoffice-ledger.xlsx")

    @Test func aClerksLedgerIsImportedAsAJobAndNoOtherAgencysCases() async throws {
        let fixture = try await WebFixture()
        let bytes = Array(try Data(contentsOf: Self.ledger))
        try await fixture.test { client in
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            #expect(try await clerk.get("/cases").text.contains("id=\"ledger-form\""))
            // The request answers at once with the job's page; nothing is stored until the job runs.
            let stored = try await clerk.upload("/cases/ledger", [], file: bytes, fileName: "台账.xlsx")
            #expect(stored.status == .seeOther)
            let job = try #require(stored.headers[.location])
            #expect(job.hasPrefix("/jobs/"))
            #expect(try fixture.store.loadCase(id: "WH-SJJ-2025-0301") == nil)
            #expect(try await clerk.get(job).text.contains("导入台账 · 任务"))
            fixture.web.runQueuedJobs()
            #expect(try fixture.store.loadCase(id: "WH-SJJ-2025-0301")?.decision?.officers == ["O-1001", "O-1002"])
            let done = try await clerk.get(job).text
            #expect(done.contains("已完成：台账 台账.xlsx：新增 "), "\(done)")
            #expect(try await clerk.get(job + "/result").headers[.location] == "/cases")
            // The uploaded file is kept only while the job lasts.
            let id = try #require(Int64(job.dropFirst("/jobs/".count)))
            #expect(try fixture.store.jobInput(id: id) == nil)

            // The same ledger from 城管局's clerk: every row is another agency's case, nothing is
            // stored, and the job's page names the row.
            let other = try await Browser.signIn(client, as: Accounts.otherClerk)
            let before = try fixture.store.caseCount()
            let refused = try await other.upload("/cases/ledger", [], file: bytes, fileName: "台账.xlsx")
            let refusedJob = try #require(refused.headers[.location])
            // Another clerk's job is not even known to exist.
            #expect(try await clerk.get(refusedJob).status == .notFound)
            fixture.web.runQueuedJobs()
            let failed = try await other.get(refusedJob).text
            #expect(failed.contains("失败：") && failed.contains("台账.xlsx 第2行"), "\(failed)")
            #expect(try fixture.store.caseCount() == before)
            // A reviewer has no ledger to upload.
            let reviewer = try await Browser.signIn(client, as: Accounts.reviewer)
            #expect(!(try await reviewer.get("/cases").text.contains("id=\"ledger-form\"")))
            #expect(try await reviewer.upload("/cases/ledger", [], file: bytes, fileName: "台账.xlsx").status == .forbidden)
            // Not a ledger by its name: refused before anything is queued.
            #expect(try await clerk.upload("/cases/ledger", [], file: [1, 2, 3], fileName: "x.exe").status == .unprocessableContent)
            #expect(try fixture.store.jobs(owner: nil).count == 2)
        }
    }

    @Test func aCancelledLedgerJobStoresNothingAndKeepsNoFile() async throws {
        let fixture = try await WebFixture()
        let bytes = Array(try Data(contentsOf: Self.ledger))
        try await fixture.test { client in
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            let job = try #require(try await clerk.upload("/cases/ledger", [], file: bytes, fileName: "台账.xlsx").headers[.location])
            let id = try #require(Int64(job.dropFirst("/jobs/".count)))
            #expect(try fixture.store.jobInput(id: id) == Data(bytes))
            #expect(try await clerk.post(job + "/cancel", []).status == .seeOther)
            fixture.web.runQueuedJobs()
            #expect(try fixture.store.job(id: id)?.state == .cancelled)
            #expect(try fixture.store.jobInput(id: id) == nil)
            #expect(try fixture.store.loadCase(id: "WH-SJJ-2025-0301") == nil)
            // Through the API a ledger cannot be started without its file.
            let api = try await APITests.signInJSON(client, Accounts.clerk)
            let refused = try await api.send("/api/v1/jobs", contentType: "application/json", body: #"{"kind":"ledger"}"#)
            #expect(refused.status == .badRequest)
        }
    }
}

/// The bureau's dashboard and annual figures: for reviewers and supervisors, every figure a link
/// to the cases behind it.
@Suite struct DashboardPageTests {
    @Test func theDashboardsFiguresOpenTheCasesBehindThem() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let supervisor = try await Browser.signIn(client, as: Accounts.supervisor)
            let page = try await supervisor.get("/dashboard?year=2024")
            #expect(page.status == .ok)
            #expect(page.text.contains("行政执法监督看板　2024年") && page.text.contains("<td>芜湖市城市管理局</td>"))
            // The year's count for 城管局 links to exactly those cases.
            let link = "/cases?agency=WH-CGJ&from=2024-01-01&to=2024-12-31"
            let count = try #require(page.text.firstMatch(of: /href="\/cases\?agency=WH-CGJ&amp;from=2024-01-01&amp;to=2024-12-31">(\d+)</)?.1)
            let listed = try await supervisor.get(link).text
            #expect(listed.contains("决定日期 2024-01-01至2024-12-31，共 \(count) 件"))
            #expect(page.text.contains("<svg"))
            // The default year is the complete year with the most decisions: the samples' 2024.
            #expect(try await supervisor.get("/dashboard").text.contains("行政执法监督看板　2024年"))
            #expect(try await supervisor.get("/dashboard?year=abc").status == .unprocessableContent)
            let annual = try await supervisor.get("/annual?year=2024")
            #expect(annual.status == .ok && annual.text.contains("2024年度行政执法总体情况"))
            let workbook = try await supervisor.get("/annual.xlsx?year=2024")
            #expect(workbook.status == .ok && Array(workbook.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            // A clerk sees one agency only: not the bureau's dashboard.
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            #expect(try await clerk.get("/dashboard").status == .forbidden)
            #expect(try await clerk.get("/annual").status == .forbidden)
            #expect(!(try await clerk.get("/cases").text.contains("href=\"/dashboard\"")))
            #expect(try await supervisor.get("/cases").text.contains("href=\"/dashboard\""))
        }
    }
}
