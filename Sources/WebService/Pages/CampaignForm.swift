import Audit
import AuditRuns
import CaseModel
import CaseStore
import Foundation
import Hummingbird
import WorkCalendar

/// The campaigns page's form: a new campaign, drawn as a job because the draw reads every case.
struct CampaignForm: Decodable {
    var csrf: String?
    var name: String
    var asOf: String?
    /// Cases per agency, or a percentage of them: one of the two.
    var sample: String?
    var percent: String?
    var withVetoed: String?
    var agency: String?
    var decidedFrom: String?
    var decidedTo: String?
    var type: String?
    var seed: String?
    /// Reviewer account names, separated by commas or spaces; empty: every reviewer.
    var reviewers: String?

    /// The job's settings, or the form's problems in Chinese.
    func spec(today: CalendarDate, agencies: [String]) throws -> (asOf: CalendarDate, spec: CampaignSpec) {
        var problems: [String] = []
        func filled(_ text: String?) -> String? { text.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 } }
        func date(_ text: String?, _ label: String) -> CalendarDate? {
            guard let text = filled(text) else { return nil }
            guard let day = CalendarDate(text) else {
                problems.append("\(label)“\(text)”不是 YYYY-MM-DD 形式的日期。")
                return nil
            }
            return day
        }
        let name = self.name.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty || name.count > 200 { problems.append("评查活动的名称不能为空，不超过 200 字。") }
        let asOf = date(asOf, "评查基准日") ?? today
        var size = SampleSize(everyVetoed: withVetoed != nil)
        if let sample = filled(sample) {
            guard let count = Int(sample) else { throw WebError.invalid(["每个机关抽取的件数须为整数。"]) }
            size.count = count
        }
        if let percent = filled(percent) {
            guard let value = Double(percent), value.isFinite else { throw WebError.invalid(["抽取比例须为 0 到 100 之间的数。"]) }
            size.share = value / 100
        }
        if let problem = size.problem { problems.append(problem) }
        let agency = filled(agency)
        if let agency, !agencies.contains(agency) { problems.append("没有执法主体 \(agency)。") }
        let type = filled(type)
        if let type, CaseType(rawValue: type) == nil { problems.append("没有“\(type)”这类案件。") }
        let scope = CampaignScope(
            agencies: agency.map { [$0] } ?? [], decidedFrom: date(decidedFrom, "决定日期起"), decidedTo: date(decidedTo, "决定日期止"),
            types: type.flatMap(CaseType.init(rawValue:)).map { [$0] } ?? [])
        if let problem = scope.problem { problems.append(problem) }
        let seed = filled(seed) ?? String(CampaignRequest.randomSeed())
        if UInt64(seed) == nil { problems.append("抽样种子须为 0 到 18446744073709551615 之间的整数。") }
        guard problems.isEmpty else { throw WebError.invalid(problems) }
        let pool = (reviewers ?? "").split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" || $0.isWhitespace }).map(String.init)
        return (asOf, CampaignSpec(name: name, scope: scope, size: size, seed: seed, pool: pool))
    }
}

extension CampaignRoutes {
    /// `POST /campaigns`: checks the form, refuses a name taken, and queues the draw as a job.
    func create(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.user()
        let form = try await decodeForm(CampaignForm.self, request, limit: app.configuration.maxRequestBytes)
        try context.checkCSRF(form.csrf)
        let agencies = try await app.reference().registry.agencies.map(\.code)
        let (asOf, spec) = try form.spec(today: app.today(), agencies: agencies)
        if try await app.store.reading({ try await $0.campaigns.campaign(named: spec.name) }) != nil {
            throw WebError.invalid([StoreError.campaignExists(spec.name).description])
        }
        let parameters = try JobParameters(asOf: asOf.description, campaign: spec).stored()
        let job = try await app.store.writingJobs { try await $0.create(kind: .campaign, parameters: parameters, owner: user.name) }
        return redirect(to: JobRoutes.href(job.id))
    }
}
