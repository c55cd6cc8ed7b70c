import Audit
import CaseModel
import CaseStore
import Foundation
import Hummingbird
import WorkCalendar

/// Long work started from the web: the request answers at once with the job's page (the API with
/// `202 Accepted` and the job's address); the page shows its progress and refreshes itself until
/// the result is there. A user sees and cancels their own jobs; a supervisor sees every job.
struct JobRoutes {
    let app: WebApp

    func register(on router: Router<WebRequestContext>) {
        router.post("jobs") { request, context -> Response in
            let user = try context.user()
            let form = try await decodeForm(JobForm.self, request, limit: app.configuration.maxRequestBytes)
            try context.checkCSRF(form.csrf)
            let job = try await start(
                kind: form.kind, asOf: form.asOf, agency: form.agency, format: form.format, user: user,
                due: DueJobForm(within: form.within, obligation: form.obligation, state: form.state))
            return redirect(to: Self.href(job.id))
        }
        router.get("jobs/{job}") { _, context -> HTML in
            let job = try await visibleJob(context)
            return app.pages.render("job", JobView(job, context: context, mayCancel: job.owner == context.identity?.name))
        }
        router.post("jobs/{job}/cancel") { request, context -> Response in
            let job = try await visibleJob(context)
            let form = try await decodeForm(CSRFForm.self, request, limit: app.configuration.maxRequestBytes)
            try context.checkCSRF(form.csrf)
            guard job.owner == (try context.user()).name else { throw WebError.forbidden("只能取消自己发起的任务。") }
            try await app.store.writingJobs { [id = job.id] in try await $0.cancel(id: id) }
            return redirect(to: Self.href(job.id))
        }
        router.get("jobs/{job}/result") { _, context -> Response in
            try await result(of: try await visibleJob(context))
        }
    }

    static func href(_ id: Int64) -> String { "/jobs/\(id)" }

    /// Queues a job after checking that the user may start it and that its parameters are sound.
    func start(
        kind: String?, asOf: String?, agency: String?, format: String?, user: WebUser, due: DueJobForm = DueJobForm()
    ) async throws -> JobRecord {
        guard let kind = kind.flatMap(JobRecord.Kind.init(rawValue:)) else {
            throw WebError.badRequest("kind 只能是 audit（评查）、violations（导出违法问题清单）或 due（导出到期预警）。")
        }
        switch kind {
        case .audit: try user.require(.runAudits)
        case .violations: try user.require(.export)
        // Whoever reads the due list may take it whole: a clerk, their own agency's.
        case .due: break
        // A ledger comes with its file, from the case list's upload form (`LedgerRoutes`).
        case .ledger: throw WebError.badRequest("台账请在案件列表页上传。")
        // Case XML comes with its document, posted to /api/v1/cases.
        case .cases: throw WebError.badRequest("案件 XML 请提交到 /api/v1/cases。")
        // A campaign comes with its settings, from the campaigns page (`CampaignRoutes`).
        case .campaign: throw WebError.badRequest("评查活动请在评查活动页面抽取。")
        }
        // A due list is as of today, as its page is.
        let day = kind == .due ? app.today().description : asOf.flatMap { $0.isEmpty ? nil : $0 } ?? app.today().description
        guard CalendarDate(day) != nil else { throw WebError.badRequest("asOf“\(day)”不是 YYYY-MM-DD 形式的日期。") }
        let given = agency.flatMap { $0.isEmpty ? nil : $0 }
        let agency = kind == .due ? user.visibleAgency ?? given : given
        if let agency, try await !app.reference().registry.agencies.contains(where: { $0.code == agency }) {
            throw WebError.badRequest("没有执法主体 \(agency)。")
        }
        var parameters = JobParameters(asOf: day, agency: agency)
        if kind == .due {
            parameters.within = try withinDays(due.within)
            if let obligation = due.obligation.flatMap({ $0.isEmpty ? nil : $0 }) {
                guard DueObligation.Kind(rawValue: obligation) != nil else { throw WebError.badRequest("没有“\(obligation)”这类到期事项。") }
                parameters.obligation = obligation
            }
            guard let state = DuePage.Standing(rawValue: due.state ?? "") else { throw WebError.badRequest("state 只能是 overdue 或 upcoming。") }
            parameters.overdue = state.overdue
        }
        if kind == .violations || kind == .due {
            let chosen = format.flatMap { $0.isEmpty ? nil : $0 } ?? "xlsx"
            guard chosen == "xlsx" || chosen == "csv" else { throw WebError.badRequest("format 只能是 csv 或 xlsx。") }
            parameters.format = chosen
        }
        let text = try parameters.stored()
        let owner = user.name
        return try await app.store.writingJobs { try await $0.create(kind: kind, parameters: text, owner: owner) }
    }

    /// The job of the `{job}` path, if this user may see it; anything else is "not found".
    func visibleJob(_ context: WebRequestContext) async throws -> JobRecord {
        let user = try context.user()
        let raw = try context.parameters.require("job")
        guard let id = Int64(raw), id > 0, let job = try await app.store.readingPrimary({ try await $0.jobs.job(id: id) }),
            user.maySee(jobOf: job.owner)
        else {
            throw WebError.notFound("没有编号为 \(raw) 的任务。")
        }
        return job
    }

    /// A finished audit goes to its run's page, a ledger's import to the case list; an export
    /// downloads its file.
    func result(of job: JobRecord) async throws -> Response {
        guard job.state == .done else { throw WebError.notFound("任务尚未完成，还没有结果。") }
        switch job.kind {
        case .audit:
            let parameters = try JSONDecoder().decode(JobParameters.self, from: Data(job.parameters.utf8))
            var query = "asOf=\(parameters.asOf)"
            if let agency = parameters.agency { query += "&agency=" + (agency.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") }
            return redirect(to: "/audit?" + query)
        case .ledger, .cases:
            return redirect(to: "/cases")
        case .campaign:
            let parameters = try JSONDecoder().decode(JobParameters.self, from: Data(job.parameters.utf8))
            return redirect(to: parameters.campaign.map { CampaignRoutes.href($0.name) } ?? "/campaigns")
        case .violations, .due:
            guard let file = try await app.store.readingPrimary({ [id = job.id] in try await $0.jobs.result(id: id) }) else {
                throw WebError.notFound("任务的结果文件已不在库中。")
            }
            return download(file.data, name: file.name, contentType: file.contentType)
        }
    }
}

struct JobForm: Decodable {
    var kind: String?
    var asOf: String?
    var agency: String?
    var format: String?
    var within: String?
    var obligation: String?
    var state: String?
    var csrf: String?
}

/// A due list's filters, as its page's download form sends them.
struct DueJobForm {
    var within: String?
    var obligation: String?
    var state: String?
}

/// A job's page: what the API says of it (`JobStatus`), in words, with the owner's cancel button.
struct JobView: Encodable {
    var chrome: Chrome
    var job: JobStatus
    var elapsed: String?
    var estimate: String?
    var mayCancel: Bool

    init(_ record: JobRecord, context: WebRequestContext, mayCancel: Bool) {
        job = JobStatus(record)
        chrome = Chrome(title: "任务 \(record.id)", context: context, refresh: job.finished ? nil : 2)
        elapsed = job.elapsedSeconds.map(ElapsedText.of)
        estimate = job.estimateSeconds.map(ElapsedText.of)
        self.mayCancel = mayCancel && !job.finished
    }
}

/// What a job's page and the API say of it: one home for its words and figures.
struct JobStatus: Encodable {
    var id: Int64
    var kind: String
    var title: String
    var state: String
    var stateText: String
    var finished: Bool
    var done: Int
    var total: Int?
    var percent: Int?
    var elapsedSeconds: Int?
    var estimateSeconds: Int?
    var message: String?
    var resultPath: String?

    init(_ job: JobRecord, now: Double = Date().timeIntervalSince1970) {
        id = job.id
        kind = job.kind.rawValue
        title =
            switch job.kind {
            case .audit: "案卷评查"
            case .violations: "导出违法问题清单"
            case .due: "导出到期预警"
            case .ledger: "导入台账"
            case .cases: "导入案件"
            case .campaign: "抽取评查活动"
            }
        state = job.state.rawValue
        stateText =
            switch job.state {
            case .queued: "排队中"
            case .running: job.cancelRequested ? "正在取消" : "进行中"
            case .done: "已完成"
            case .failed: "失败"
            case .cancelled: "已取消"
            }
        finished = job.state.isFinished
        done = job.done
        total = job.total
        if let total, total > 0 { percent = min(100, job.done * 100 / total) }
        if let started = job.startedAt {
            let elapsed = max(0, (job.finishedAt ?? now) - started)
            elapsedSeconds = Int(elapsed)
            if job.state == .running, let total, job.done > 0, job.done < total {
                estimateSeconds = Int(elapsed * Double(total - job.done) / Double(job.done))
            }
        }
        message = job.message
        resultPath = job.state == .done ? JobRoutes.href(job.id) + "/result" : nil
    }
}
