import CaseStore
import Foundation
import Hummingbird

/// Jobs through the API: `POST /api/v1/jobs` answers `202 Accepted` with the job's address at
/// once; `GET` on that address says how far it is; `DELETE` cancels it; `…/result` is the result.
struct JobAPIRoutes {
    let app: WebApp

    struct Started: Decodable {
        var kind: String?
        var asOf: String?
        var agency: String?
        var format: String?
        /// For a due list: working days ahead, the kind of obligation, `overdue` or `upcoming`.
        var within: Int?
        var obligation: String?
        var state: String?
    }

    func register(on group: RouterGroup<WebRequestContext>) {
        let jobs = JobRoutes(app: app)
        group.post("jobs") { request, context -> Response in
            let user = try context.user()
            var request = request
            let body = try await collectBody(&request, limit: app.configuration.maxRequestBytes)
            guard let started = try? JSONDecoder().decode(Started.self, from: Data(buffer: body)) else {
                throw WebError.badRequest("请求体须为 {\"kind\": \"audit\"、\"violations\" 或 \"due\", \"asOf\": …, \"agency\": …, \"format\": …}。")
            }
            let job = try await jobs.start(
                kind: started.kind, asOf: started.asOf, agency: started.agency, format: started.format, user: user,
                due: DueJobForm(within: started.within.map(String.init), obligation: started.obligation, state: started.state))
            var response = try Response.json(Self.status(job), status: .accepted)
            response.headers[.location] = Self.href(job.id)
            return response
        }
        group.get("jobs/{job}") { _, context -> Response in
            try .json(Self.status(try await jobs.visibleJob(context)))
        }
        group.delete("jobs/{job}") { _, context -> Response in
            let job = try await jobs.visibleJob(context)
            guard job.owner == (try context.user()).name else { throw WebError.forbidden("只能取消自己发起的任务。") }
            let cancelled = try await app.store.writingJobs { [id = job.id] in
                try await $0.cancel(id: id)
                return try await $0.job(id: id)
            }
            return try .json(Self.status(cancelled ?? job))
        }
        group.get("jobs/{job}/result") { _, context -> Response in
            let job = try await jobs.visibleJob(context)
            guard job.kind != .audit else {
                guard job.state == .done, let run = job.runId else { throw WebError.notFound("任务尚未完成，还没有结果。") }
                return try .json(["runId": run])
            }
            return try await jobs.result(of: job)
        }
    }

    static func href(_ id: Int64) -> String { "/api/v1/jobs/\(id)" }

    /// The job as the API shows it, its result at the API's own address.
    static func status(_ job: JobRecord) -> JobStatus {
        var status = JobStatus(job)
        status.resultPath = status.resultPath.map { _ in href(job.id) + "/result" }
        return status
    }
}
