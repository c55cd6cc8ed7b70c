import Audit
import AuditRuns
import CaseModel
import CaseStore
import Foundation
import Hummingbird
import Reports
import WorkCalendar

/// Audit runs with their scores, manual scoring, the due-date warning list and violation exports:
/// the pages of reviewers and the supervision bureau.
struct AuditRoutes {
    let app: WebApp
    /// A run page lists this many cases; the export has them all.
    static let listed = 500

    func register(on router: Router<WebRequestContext>) {
        let exporters = router.group().add(middleware: RequirePermission(.export))
        let dueReaders = router.group().add(middleware: RequirePermission(.readDueList))
        let auditors = router.group().add(middleware: RequirePermission(.runAudits))
        let reviewers = router.group().add(middleware: RequirePermission(.scoreManualItems))
        auditors.get("audit") { request, context -> Response in
            let user = try context.user()
            let asOf = try asOfDate(request, today: app.today())
            let agency = request.uri.queryParameters["agency"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
            let selection = AuditSelection(agency: agency)
            // More than a few hundred cases not yet audited for these inputs: a job, not this request.
            let selected = try await app.store.reading { try await $0.cases.search(CaseQuery(agency: agency, limit: 1, offset: 0)).total }
            if selected > app.configuration.inlineAuditLimit,
                try await !app.runner.hasCompleteRun(asOf: asOf, selection: selection)
            {
                let job = try await JobRoutes(app: app).start(kind: "audit", asOf: asOf.description, agency: agency, format: nil, user: user)
                return redirect(to: JobRoutes.href(job.id))
            }
            let summary = try await app.runAudit(asOf: asOf, selection: selection, actor: user.name)
            // The run's totals are stored with it (`auditRunGrades`), and its list is read as far
            // as it goes: no request walks a run's every result.
            let runId = summary.run.id!
            let (tallies, failing, final) = try await app.longWork.run {
                (
                    try app.store.auditRunGrades(runId: runId, agency: agency),
                    try app.store.failingAuditResults(runId: runId, agency: agency, limit: Self.listed),
                    try AuditRunner.finalCases(in: app.store, runId: runId, agency: agency)
                )
            }
            var grades: [String: Int] = [:]
            var total = 0.0
            var decided = 0
            var graded = 0
            for tally in tallies {
                grades[tally.grade, default: 0] += tally.cases
                if CaseStanding(storedGrade: tally.grade) != .inProgress {
                    decided += tally.cases
                    total += tally.scoreSum
                }
                if CaseStanding(storedGrade: tally.grade).isGraded { graded += tally.cases }
            }
            let names = try await app.reference().names
            let rows = failing.map { result in
                let standing = CaseStanding(storedGrade: result.grade)
                return AuditView.Row(
                    id: result.caseId, href: CaseRoutes.href(result.caseId), agency: names.agency(result.agency),
                    score: standing == .inProgress ? "—" : result.score.readableText,
                    grade: final.isProvisional(caseId: result.caseId, grade: result.grade) ? "初评 \(result.grade)" : result.grade,
                    veto: result.veto, failures: result.failures)
            }
            let count = summary.run.caseCount
            let view = AuditView(
                chrome: Chrome(title: "评查", context: context), asOf: asOf.description, runId: Int(summary.run.id ?? 0),
                reused: summary.reused, checklist: summary.run.checklistTitle, cases: count,
                average: decided == 0 ? "—" : String(format: "%.1f", total / Double(decided)), provisional: graded - final.count,
                grades: app.runner.checklist.gradeNames.map { AuditView.GradeCount(name: $0, count: grades[$0] ?? 0) },
                rows: rows, truncated: rows.count == Self.listed,
                agencies: try await app.reference().registry.agencies.map { Option(value: $0.code, label: $0.name, selected: $0.code == agency) })
            return try app.pages.render("audit", view).response(from: request, context: context)
        }
        reviewers.post("cases/{id}/review") { request, context -> Response in
            let user = try context.user()
            let c = try await app.readableCase(try context.caseId(), for: user)
            let form = try await decodeForm(ReviewForm.self, request, limit: app.configuration.maxRequestBytes)
            try context.checkCSRF(form.csrf)
            guard let item = app.runner.checklist.manualItems.first(where: { $0.id == form.item }) else {
                throw WebError.invalid(["评查表中没有人工评查项 \(form.item)。"])
            }
            guard let deduction = Double(form.deduct.trimmingCharacters(in: .whitespaces)) else {
                throw WebError.invalid(["\(item.title)的扣分须为数字。"])
            }
            if let problem = item.problem(deduction: deduction, note: form.note ?? "") { throw WebError.invalid([problem]) }
            try await app.store.recordManualScore(caseId: c.id, item: item.id, deduction: deduction, note: form.note ?? "", reviewer: user.name)
            context.flash("人工评查 \(item.title)")
            return redirect(to: CaseRoutes.href(c.id))
        }
        // 签署评查结论: only once every manual item is scored; the score is final from then on.
        reviewers.post("cases/{id}/review/sign") { request, context -> Response in
            let user = try context.user()
            let c = try await app.readableCase(try context.caseId(), for: user)
            let form = try await decodeForm(SignForm.self, request, limit: app.configuration.maxRequestBytes)
            try context.checkCSRF(form.csrf)
            let (scores, assignment) = try await app.store.reading { [id = c.id] in
                (try await $0.audits.manualScores(caseId: id), try await $0.campaigns.assignment(caseId: id))
            }
            if let problem = ReviewDuty.signingProblem(by: user.name, assignedReviewer: assignment?.reviewer) { throw WebError.forbidden(problem) }
            let review = ManualReview.of(scores, items: app.runner.checklist.manualItems)
            guard review.openItems == 0 else {
                throw WebError.invalid(["尚有 \(review.openItems) 项人工评查项（共\(review.openPoints.readableText)分）未评分，评完后才能签署评查结论。"])
            }
            try await app.store.recordManualScore(
                caseId: c.id, item: ManualScore.conclusionItem, deduction: 0, note: form.note ?? "", reviewer: user.name)
            context.flash("签署评查结论")
            return redirect(to: CaseRoutes.href(c.id))
        }
        // 复核: the second reviewer passes the signed review or sends it back with the reason.
        reviewers.post("cases/{id}/review/check") { request, context -> Response in
            let user = try context.user()
            let c = try await app.readableCase(try context.caseId(), for: user)
            let form = try await decodeForm(CheckForm.self, request, limit: app.configuration.maxRequestBytes)
            try context.checkCSRF(form.csrf)
            let (scores, assignment) = try await app.store.reading { [id = c.id] in
                (try await $0.audits.manualScores(caseId: id), try await $0.campaigns.assignment(caseId: id))
            }
            let review = ManualReview.of(scores, items: app.runner.checklist.manualItems)
            let passes = form.decision == "pass"
            let reason = passes ? nil : (form.reason ?? "")
            if let problem = ReviewDuty.checkingProblem(by: user.name, review: review, assignedChecker: assignment?.checker, returning: reason) {
                throw WebError.invalid([problem])
            }
            try await app.store.recordManualScore(
                caseId: c.id, item: passes ? ManualScore.checkPassedItem : ManualScore.checkReturnedItem, deduction: 0,
                note: reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "", reviewer: user.name)
            context.flash(passes ? "复核通过" : "退回评查人重新签署")
            return redirect(to: CaseRoutes.href(c.id))
        }
        // 确认 / 更正 of a machine finding (`FindingVerdict`): a correction needs its reason.
        reviewers.post("cases/{id}/findings") { request, context -> Response in
            let user = try context.user()
            let c = try await app.readableCase(try context.caseId(), for: user)
            let form = try await decodeForm(VerdictForm.self, request, limit: app.configuration.maxRequestBytes)
            try context.checkCSRF(form.csrf)
            guard let verdict = FindingVerdict(rawValue: form.verdict) else { throw WebError.invalid(["请选择确认或更正。"]) }
            let scores = try await app.store.reading { [id = c.id] in try await $0.audits.manualScores(caseId: id) }
            let audit = try await app.auditor().audit(c, asOf: app.today(), manualScores: scores, keepPassing: false)
            let reason = (form.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if let problem = FindingVerdict.problem(verdict, rule: form.rule, reason: reason, in: audit) { throw WebError.invalid([problem]) }
            try await app.store.recordManualScore(caseId: c.id, item: verdict.item(rule: form.rule), deduction: 0, note: reason, reviewer: user.name)
            context.flash("\(verdict.rawValue)机器评查结果 \(form.rule)")
            return redirect(to: CaseRoutes.href(c.id))
        }
        dueReaders.get("due") { request, context in
            try await DuePage(app: app, request: request, context: context).render()
        }
        exporters.get("export") { _, context in
            let agencies = try await app.reference().registry.agencies
            return app.pages.render(
                "export",
                ExportView(
                    chrome: Chrome(title: "导出", context: context), today: app.today().description,
                    agencies: agencies.map { Option(value: $0.code, label: $0.name, selected: false) }, saved: context.takeNotice()))
        }
        router.get("export/violations") { request, context -> Response in
            let user = try context.user()
            return try await exportViolations(request, user: user)
        }
    }

    /// The violation list as a file download; shared with the API.
    func exportViolations(_ request: Request, user: WebUser) async throws -> Response {
        try await app.longWork.run { try exportViolationsNow(request, user: user) }
    }

    private func exportViolationsNow(_ request: Request, user: WebUser) throws -> Response {
        try user.require(.export)
        let formatName = request.uri.queryParameters["format"].map(String.init) ?? "csv"
        guard let format = ExportFormat(rawValue: formatName), format != .json else {
            throw WebError.badRequest("format 只能是 csv 或 xlsx。")
        }
        let asOf = try asOfDate(request, today: app.today())
        let agency = request.uri.queryParameters["agency"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        let summary = try app.metrics.auditRun { try app.runner.run(asOf: asOf, actor: user.name) }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("zhifa-export-\(UUID().uuidString).\(format.rawValue)")
        defer { try? FileManager.default.removeItem(at: url) }
        try ViolationExport.write(run: summary.run, store: app.store, filter: ViolationFilter(agency: agency), format: format, to: url)
        return download(try Data(contentsOf: url), name: "违法问题清单-\(asOf).\(format.rawValue)", contentType: format.contentType)
    }
}

func asOfDate(_ request: Request, today: CalendarDate) throws -> CalendarDate {
    guard let text = request.uri.queryParameters["asOf"].map(String.init), !text.isEmpty else { return today }
    guard let date = CalendarDate(text) else { throw WebError.badRequest("asOf“\(text)”不是 YYYY-MM-DD 形式的日期。") }
    return date
}

func withinDays(_ request: Request) throws -> Int {
    try withinDays(request.uri.queryParameters["within"].map(String.init))
}

/// Working days ahead that a due list looks, as a form or a query gives them: 5 when absent.
func withinDays(_ text: String?) throws -> Int {
    guard let text, !text.isEmpty else { return 5 }
    guard let days = Int(text), days >= 0, days <= 366 else { throw WebError.badRequest("within 须为 0 到 366 之间的工作日数。") }
    return days
}

struct ReviewForm: Decodable {
    var csrf: String?
    var item: String
    var deduct: String
    var note: String?
}

struct CheckForm: Decodable {
    var csrf: String?
    /// `pass` or `return`.
    var decision: String
    var reason: String?
}

struct VerdictForm: Decodable {
    var csrf: String?
    var rule: String
    var verdict: String
    var reason: String?
}

struct SignForm: Decodable {
    var csrf: String?
    var note: String?
}

struct AuditView: Encodable {
    var chrome: Chrome
    var asOf: String
    var runId: Int
    var reused: Bool
    var checklist: String
    var cases: Int
    var average: String
    /// Of the graded cases, those whose score is still 初评.
    var provisional: Int
    var grades: [GradeCount]
    var rows: [Row]
    var truncated: Bool
    var agencies: [Option]

    struct GradeCount: Encodable {
        var name: String
        var count: Int
    }
    struct Row: Encodable {
        var id, href, agency, score, grade: String
        var veto: Bool
        var failures: Int
    }
}

struct ExportView: Encodable {
    var chrome: Chrome
    var today: String
    var agencies: [Option]
    /// What the last published list's import found.
    var saved: String?
}
