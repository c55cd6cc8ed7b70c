import Audit
import AuditRuns
import CaseModel
import CaseStore
import Checklists
import Foundation
import Hummingbird
import Reports

/// Review campaigns on the web: the bureau's list and each campaign's results (drawn on the
/// command line, `zhifa campaign create`), and each reviewer's queue of the cases given to them.
struct CampaignRoutes {
    let app: WebApp

    func register(on router: Router<WebRequestContext>) {
        let supervisors = router.group().add(middleware: RequirePermission(.manageCampaigns))
        let readers = router.group().add(middleware: RequirePermission(.readCampaignResults))
        let reviewers = router.group().add(middleware: RequirePermission(.scoreManualItems))
        readers.get("campaigns") { _, context in
            let user = try context.user()
            let (campaigns, counts) = try await app.store.reading { reader in
                (try await reader.campaigns.campaigns(), try await reader.campaigns.caseCounts())
            }
            let manages = user.may(.manageCampaigns)
            return app.pages.render(
                "campaigns",
                CampaignsView(
                    chrome: Chrome(title: "评查活动", context: context), manages: manages, today: app.today().description,
                    agencies: try await app.reference().registry.agencies.map { Option(value: $0.code, label: $0.name, selected: false) },
                    types: Option.all(CaseType.self),
                    campaigns: campaigns.filter { manages || $0.publishedAt != nil }.map {
                        CampaignsView.Row(
                            name: $0.name, href: Self.href($0.name), asOf: $0.asOf, seed: $0.seed, cases: counts[$0.id ?? 0] ?? 0,
                            createdBy: $0.createdBy, createdAt: $0.createdAt, published: $0.publishedAt ?? "未公布")
                    }))
        }
        supervisors.post("campaigns") { request, context -> Response in try await create(request, context: context) }
        readers.get("campaigns/{name}") { _, context in
            let user = try context.user()
            let results = try await results(of: try Self.name(context), for: user)
            return app.pages.render(
                "campaign", CampaignView(chrome: Chrome(title: "评查活动 \(results.name)", context: context), results, manages: user.may(.manageCampaigns)))
        }
        supervisors.post("campaigns/{name}/publish") { request, context -> Response in
            let user = try context.user()
            let name = try Self.name(context)
            try context.checkCSRF(try await decodeForm(CSRFForm.self, request, limit: app.configuration.maxRequestBytes).csrf)
            guard try await app.store.publishCampaign(named: name, actor: user.name) else { throw WebError.notFound("没有名为“\(name)”的评查活动。") }
            context.flash("公布评查结果")
            return redirect(to: Self.href(name))
        }
        reviewers.get("review") { _, context in
            let user = try context.user()
            let queue = try await queue(of: user.name)
            return app.pages.render("queue", QueueView(chrome: Chrome(title: "我的评查", context: context), rows: queue))
        }
    }

    /// The results of campaign `name` as `user` may see them (`CampaignResults.visible`), worked out
    /// on a long-work thread under the campaign's own checklist; not found when there is no such
    /// campaign, or none they may see.
    func results(of name: String, for user: WebUser) async throws -> CampaignResults {
        let notFound = WebError.notFound("没有名为“\(name)”的评查活动。")
        guard let campaign = try await app.store.reading({ try await $0.campaigns.campaign(named: name) })?.campaign,
            user.may(.manageCampaigns) || campaign.publishedAt != nil
        else { throw notFound }
        guard let visible = try await results(of: name).visible(to: user) else { throw notFound }
        return visible
    }

    private func results(of name: String) async throws -> CampaignResults {
        guard let campaign = try await app.store.reading({ try await $0.campaigns.campaign(named: name) })?.campaign else {
            throw WebError.notFound("没有名为“\(name)”的评查活动。")
        }
        let runner =
            campaign.checklist == app.runner.checklist.name
            ? app.runner : AuditRunner(store: app.store, checklist: try ChecklistLoader.bundled().load(campaign.checklist), calendar: app.runner.calendar)
        guard let results = try await app.longWork.run({ try runner.campaignResults(named: name) }) else {
            throw WebError.notFound("没有名为“\(name)”的评查活动。")
        }
        return results
    }

    /// The cases given to `reviewer` in every campaign, with what is left on each.
    func queue(of reviewer: String) async throws -> [QueueRow] {
        let (assignments, scores) = try await app.store.reading { reader in
            let assignments = try await reader.campaigns.assignments(of: reviewer)
            var scores: [String: [ManualScore]] = [:]
            for id in Set(assignments.map(\.assignment.caseId)) { scores[id] = try await reader.audits.manualScores(caseId: id) }
            return (assignments, scores)
        }
        let names = try await app.reference().names
        return assignments.map { campaign, row in
            let review = ManualReview.of(scores[row.caseId] ?? [], items: app.runner.checklist.manualItems)
            return QueueRow(
                campaign: campaign.name, caseId: row.caseId, href: CaseRoutes.href(row.caseId), agency: names.agency(row.agency),
                role: row.reviewer == reviewer ? "评查人" : "复核人", other: row.reviewer == reviewer ? row.checker : row.reviewer,
                state: review.pendingText ?? "已签署（\(review.signedBy ?? "")）", done: review.isFinal)
        }
    }

    static func name(_ context: WebRequestContext) throws -> String {
        try context.pathText("name") { "没有名为“\($0)”的评查活动。" }
    }

    static func href(_ name: String) -> String {
        pathHref("/campaigns/", name)
    }
}

/// One case of a reviewer's queue: as the page shows it and the API gives it.
struct QueueRow: Codable {
    var campaign: String
    var caseId: String
    var href: String
    var agency: String
    /// 评查人 or 复核人.
    var role: String
    /// The other reviewer of the case.
    var other: String
    /// What is left (待人工评查 N 项…, 待签署评查结论) or who signed.
    var state: String
    var done: Bool
}

struct QueueView: Encodable {
    var chrome: Chrome
    var rows: [QueueRow]
}

struct CampaignsView: Encodable {
    var chrome: Chrome
    /// A supervisor: every campaign, and the form that draws one.
    var manages: Bool
    var today: String
    var agencies: [Option]
    var types: [Option]
    var campaigns: [Row]

    struct Row: Encodable {
        var name, href, asOf, seed: String
        var cases: Int
        var createdBy, createdAt: String
        var published: String
    }
}

struct CampaignView: Encodable {
    var chrome: Chrome
    var name, checklist, asOf, seed, createdBy: String
    var publishedAt: String?
    /// A supervisor, who may publish the results while they are not.
    var mayPublish: Bool
    var publishHref: String
    var grades: [String]
    var agencies: [Agency]
    var reviewers: [CampaignResults.ReviewerProgress]
    var hasReviewers: Bool

    struct Agency: Encodable {
        var name: String
        var candidates, drawn, scored, signed: Int
        var average: String
        var grades: [Int]
        var problems: [String]
        var failing: [String]
    }

    init(chrome: Chrome, _ r: CampaignResults, manages: Bool) {
        self.chrome = chrome
        publishedAt = r.publishedAt
        mayPublish = manages && r.publishedAt == nil
        publishHref = CampaignRoutes.href(r.name) + "/publish"
        name = r.name
        checklist = r.checklist
        asOf = r.asOf
        seed = r.seed
        createdBy = r.createdBy
        grades = r.grades
        reviewers = r.reviewers
        hasReviewers = !r.reviewers.isEmpty
        agencies = r.agencies.map { a in
            Agency(
                name: a.name, candidates: a.candidates, drawn: a.drawn, scored: a.scored, signed: a.signed, average: CampaignReport.average(a),
                grades: r.grades.map { a.gradeCounts[$0] ?? 0 }, problems: a.problems.map { "\($0.title)（\($0.cases) 件）" },
                failing: a.failing.map { "\($0.caseId) \($0.provisional ? "初评 " : "")\($0.score.readableText)分：\($0.reasons.joined(separator: "、"))" })
        }
    }
}

extension CampaignResults {
    /// What `user` may see of these results: a supervisor all of them; a clerk, once published,
    /// their own agency's row and nothing of the reviewers; anyone else nothing (nil).
    func visible(to user: WebUser) -> CampaignResults? {
        if user.may(.manageCampaigns) { return self }
        guard user.may(.readCampaignResults), publishedAt != nil, let agency = user.visibleAgency else { return nil }
        var own = self
        own.agencies = agencies.filter { $0.agency == agency }
        own.reviewers = []
        return own
    }
}
