import Audit
import AuditRuns
import CaseStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WorkCalendar

@testable import WebService

/// A campaign on the web: the bureau sees every campaign and its results, each reviewer the cases
/// given to them; nobody else sees either, on the pages or the API.
@Suite struct CampaignPageTests {
    static let name = "2024年度评查"

    /// The fixture with a second reviewer and a campaign drawing every decided case for the two.
    static func fixture() async throws -> (WebFixture, CampaignDrawResult) {
        let fixture = try await WebFixture()
        try await fixture.store.addAccount(name: "吴评查", role: .reviewer, agency: nil, passwordHash: Accounts.hash, actor: "test")
        let drawn = try fixture.web.runner.createCampaign(
            CampaignRequest(name: name, asOf: CalendarDate("2024-12-31")!, scope: CampaignScope(), size: SampleSize(share: 1), seed: 5),
            actor: Accounts.supervisor)
        return (fixture, drawn)
    }

    @Test func aReviewerSeesTheirQueueAndTheBureauTheResults() async throws {
        let (fixture, drawn) = try await Self.fixture()
        try await fixture.test { client in
            let reviewer = try await Browser.signIn(client, as: Accounts.reviewer)
            let supervisor = try await Browser.signIn(client, as: Accounts.supervisor)
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)

            let queue = try await reviewer.get("/review")
            #expect(queue.status == .ok && queue.text.contains("href=\"/review\"") && !queue.text.contains("href=\"/campaigns\""))
            let mine = drawn.assignments.filter { $0.reviewer == Accounts.reviewer || $0.checker == Accounts.reviewer }
            #expect(mine.count == drawn.assignments.count, "two reviewers: each case has both")
            #expect(queue.text.components(separatedBy: "<td>\(Self.name)</td>").count - 1 == mine.count)
            #expect(queue.text.contains("待人工评查 4 项，共24分") && queue.text.contains("<td>复核人</td>") && queue.text.contains("<td>吴评查</td>"))

            let list = try await supervisor.get("/campaigns")
            #expect(list.status == .ok && list.text.contains("href=\"/campaigns/") && list.text.contains("<td>\(drawn.assignments.count)</td>"))
            let page = try await supervisor.get(CampaignRoutes.href(Self.name))
            #expect(page.status == .ok && page.text.contains("芜湖市市场监督管理局") && page.text.contains("常见问题与不合格案卷"), "\(page.status)")
            #expect(try await supervisor.get(CampaignRoutes.href("没有的活动")).status == .notFound)

            for (browser, path) in [(supervisor, "/review"), (reviewer, "/campaigns"), (clerk, "/review")] {
                #expect(try await browser.get(path).status == .forbidden, "\(path)")
            }
            #expect(try await clerk.get(CampaignRoutes.href(Self.name)).status == .notFound, "a clerk sees nothing before it is published")

            // The same through the API.
            let results = try await supervisor.get("/api/v1/campaigns/\(CampaignRoutes.href(Self.name).dropFirst("/campaigns/".count))/results")
            #expect(results.status == .ok)
            let decoded = try JSONDecoder().decode(CampaignResults.self, from: Data(buffer: results.body))
            #expect(decoded.seed == "5" && decoded.agencies.reduce(0) { $0 + $1.drawn } == drawn.assignments.count)
            #expect(try await reviewer.get("/api/v1/campaigns/x/results").status == .forbidden)
            let apiQueue = try await reviewer.get("/api/v1/review-queue")
            let rows = try JSONDecoder().decode([QueueRow].self, from: Data(buffer: apiQueue.body))
            #expect(apiQueue.status == .ok && rows.count == mine.count && rows.allSatisfy { !$0.done })
            #expect(try await supervisor.get("/api/v1/review-queue").status == .forbidden)
        }
    }
}

extension CampaignPageTests {
    /// In a campaign only the case's 评查人 submits (signs) and only its 复核人 passes or returns it;
    /// a return voids the signature until the 评查人 signs again.
    @Test func theCasesReviewerSubmitsAndItsCheckerPassesOrReturns() async throws {
        let (fixture, drawn) = try await Self.fixture()
        let a = try #require(drawn.assignments.first)
        try await fixture.test { client in
            let browsers = [
                Accounts.reviewer: try await Browser.signIn(client, as: Accounts.reviewer),
                "吴评查": try await Browser.signIn(client, as: "吴评查", password: Accounts.password)
            ]
            let reviewer = try #require(browsers[a.reviewer])
            let checker = try #require(browsers[a.checker])
            let page = "/cases/\(a.caseId)"
            for item in ["FACTS", "EVIDENCE", "LAW", "DOCUMENTS"] {
                #expect(try await reviewer.post("\(page)/review", [("item", item), ("deduct", "0"), ("note", "")]).status == .seeOther)
            }
            let byChecker = try await checker.post("\(page)/review/sign", [("note", "")])
            #expect(byChecker.status == .forbidden && byChecker.text.contains("由\(a.reviewer)评查，评查结论由其签署提交"))
            #expect(try await checker.post("\(page)/review/check", [("decision", "pass")]).text.contains("尚未签署评查结论"))
            #expect(try await reviewer.post("\(page)/review/sign", [("note", "规范")]).status == .seeOther)
            #expect(try await reviewer.post("\(page)/review/check", [("decision", "pass")]).text.contains("由\(a.checker)复核"))

            let noReason = try await checker.post("\(page)/review/check", [("decision", "return"), ("reason", "")])
            #expect(noReason.status == .unprocessableContent && noReason.text.contains("退回须写明理由"))
            #expect(try await checker.post("\(page)/review/check", [("decision", "return"), ("reason", "文书扣分偏轻")]).status == .seeOther)
            let returned = try await reviewer.get(page).text
            #expect(returned.contains("复核退回：文书扣分偏轻（\(a.checker) ") && returned.contains("初评 "))
            #expect(try await reviewer.get("/review").text.contains("复核退回：文书扣分偏轻"))

            #expect(try await reviewer.post("\(page)/review/sign", [("note", "已复查")]).status == .seeOther)
            #expect(try await checker.post("\(page)/review/check", [("decision", "pass")]).status == .seeOther)
            let passed = try await checker.get(page).text
            #expect(passed.contains("已复核通过：\(a.checker) ") && !passed.contains("初评 "))
            #expect(try await checker.get("\(page)/form").text.contains("复核：\(a.checker) "))
        }
    }
}

extension CampaignPageTests {
    /// The bureau draws a campaign from its page: the form is checked at once, the draw runs as a
    /// job, and the job's result is the campaign's page.
    @Test func aSupervisorDrawsACampaignThroughAJob() async throws {
        let fixture = try await WebFixture()
        try await fixture.store.addAccount(name: "吴评查", role: .reviewer, agency: nil, passwordHash: Accounts.hash, actor: "test")
        try await fixture.test { client in
            let supervisor = try await Browser.signIn(client, as: Accounts.supervisor)
            let reviewer = try await Browser.signIn(client, as: Accounts.reviewer)
            let form = [("name", "专项评查"), ("asOf", "2024-12-31"), ("percent", "50"), ("agency", "WH-SJJ"), ("seed", "77")]
            #expect(try await supervisor.get("/campaigns").text.contains("id=\"campaign-form\""))
            #expect(try await reviewer.post("/campaigns", form).status == .forbidden)
            let bad = try await supervisor.post("/campaigns", [("name", " "), ("sample", "3"), ("percent", "10"), ("decidedFrom", "2024-13-01")])
            #expect(bad.status == .unprocessableContent && bad.text.contains("名称不能为空") && bad.text.contains("只能指定一种") && bad.text.contains("不是 YYYY-MM-DD"))

            let started = try await supervisor.post("/campaigns", form)
            #expect(started.status == .seeOther)
            let job = try #require(started.headers[.location])
            fixture.web.runQueuedJobs()
            let done = try await supervisor.get(job).text
            #expect(done.contains("已抽取评查活动“专项评查”") && done.contains("抽样种子 77"), "\(done)")
            let result = try await supervisor.get(job + "/result")
            #expect(result.status == .seeOther && result.headers[.location] == CampaignRoutes.href("专项评查"))
            let (campaign, cases) = try #require(try fixture.store.campaign(named: "专项评查"))
            #expect(campaign.seed == "77" && campaign.createdBy == Accounts.supervisor && cases.allSatisfy { $0.agency == "WH-SJJ" })
            #expect(cases.count == 11, "half of 22 decided cases")
            let again = try await supervisor.post("/campaigns", form)
            #expect(again.status == .unprocessableContent && again.text.contains("已存在"))
        }
    }
}

extension CampaignPageTests {
    /// Until the bureau publishes a campaign no clerk sees it; then each clerk sees their own
    /// agency's results and nothing of the reviewers.
    @Test func clerksSeeTheirOwnAgencysResultsOncePublished() async throws {
        let (fixture, _) = try await Self.fixture()
        try await fixture.test { client in
            let supervisor = try await Browser.signIn(client, as: Accounts.supervisor)
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)  // WH-SJJ
            let page = CampaignRoutes.href(Self.name)
            let api = "/api/v1/campaigns/\(page.dropFirst("/campaigns/".count))/results"
            #expect(try await clerk.get("/campaigns").text.contains("尚无评查活动"))
            #expect(try await clerk.get(page).status == .notFound)
            #expect(try await clerk.get(api).status == .notFound)
            #expect(try await clerk.post(page + "/publish", []).status == .forbidden)
            let before = try await supervisor.get(page).text
            #expect(before.contains("尚未公布") && before.contains("id=\"publish-form\""))

            #expect(try await supervisor.post(page + "/publish", []).status == .seeOther)
            #expect(try await fixture.store.journal().last?.action == "campaign.publish")
            let after = try await supervisor.get(page).text
            #expect(after.contains("已于 ") && !after.contains("id=\"publish-form\"") && after.contains("芜湖市城市管理局"))

            let own = try await clerk.get(page).text
            #expect(own.contains("芜湖市市场监督管理局") && !own.contains("芜湖市城市管理局") && !own.contains("<h2>评查人员</h2>"))
            #expect(!own.contains("id=\"campaign-form\"") && !own.contains("id=\"publish-form\""))
            let results = try JSONDecoder().decode(CampaignResults.self, from: Data(buffer: try await clerk.get(api).body))
            #expect(results.agencies.map(\.agency) == ["WH-SJJ"] && results.reviewers.isEmpty && results.publishedAt != nil)
            #expect(try await clerk.get("/campaigns").text.contains(Self.name))
        }
    }
}

extension CampaignPageTests {
    /// A deduction without its reason is refused; the 评查表 of a campaign's case names its two
    /// reviewers on the lines where they sign.
    @Test func aDeductionNeedsItsReasonAndTheFormNamesTheCampaignsReviewers() async throws {
        let (fixture, drawn) = try await Self.fixture()
        let a = try #require(drawn.assignments.first)
        try await fixture.test { client in
            let reviewer = try await Browser.signIn(client, as: a.reviewer)
            let refused = try await reviewer.post("/cases/\(a.caseId)/review", [("item", "FACTS"), ("deduct", "2"), ("note", "")])
            #expect(refused.status == .unprocessableContent && refused.text.contains("扣 2 分须写明理由"))
            let form = try await reviewer.get("/cases/\(a.caseId)/form").text
            #expect(form.contains("评查人（签名）：\(a.reviewer)</div>") && form.contains("复核人（签名）：\(a.checker)</div>"))
            let other = try #require(try fixture.store.caseIds().first { id in !drawn.assignments.contains { $0.caseId == id } })
            #expect(try await reviewer.get("/cases/\(other)/form").text.contains("<div>评查人（签名）：</div>"), "a case no campaign drew")
        }
    }
}
