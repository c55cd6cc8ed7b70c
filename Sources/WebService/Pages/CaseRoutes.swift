import Audit
import AuditRuns
import CaseModel
import CaseStore
import CaseXML
import Foundation
import Hummingbird
import Reports
import WorkCalendar

/// The case list and the case page.
struct CaseRoutes {
    let app: WebApp

    func register(on router: Router<WebRequestContext>) {
        router.get("cases") { request, context in
            try await CaseListPage(app: app, request: request, context: context).render()
        }
        router.get("cases/{id}") { _, context in
            let user = try context.user()
            let id = try context.caseId()
            let reference = try await app.reference()
            let today = app.today()
            let notFound = WebError.notFound("没有编号为 \(id) 的案件。")
            let key = CaseSkeletonKey(id: id, day: today, environmentHash: reference.environmentHash, role: user.role, agency: user.agency)
            // The page as rendered for this role and agency since the store last changed, with
            // this user's name and form token put in; rendered now when there is none.
            let kept = try await app.caseSkeletons.value(for: key, stamp: app.store.changeStamp()) { () -> CaseSkeleton? in
                guard let page = try await app.caseForPage(id: id, asOf: today, reference: reference), user.mayRead(caseOf: page.enforcementCase.agency)
                else { return nil }
                let chrome = Chrome.standIn(title: CasePageBuilder.title(of: page), for: user)
                let view = CasePageBuilder(app: app, user: user, chrome: chrome).view(of: page, reference: reference, asOf: today, saved: nil)
                return app.pages.skeleton("case", view).map { CaseSkeleton(agency: page.enforcementCase.agency, page: $0) }
            }
            // The skeleton's agency is checked for every user, not only for the one it was made for.
            guard let kept, user.mayRead(caseOf: kept.agency) else { throw notFound }
            guard let saved = context.takeNotice() else { return HTML(kept.page.filled(Chrome.standInValues(context))) }
            // What a form saved is said once, on a page rendered for this request alone.
            guard let page = try await app.caseForPage(id: id, asOf: today, reference: reference) else { throw notFound }
            let chrome = Chrome(title: CasePageBuilder.title(of: page), context: context)
            return app.pages.render(
                "case", CasePageBuilder(app: app, user: user, chrome: chrome).view(of: page, reference: reference, asOf: today, saved: saved))
        }
        // The printable 案卷评查表, for anyone who may read the case.
        router.get("cases/{id}/form") { _, context -> HTML in
            let user = try context.user()
            let c = try await app.readableCase(try context.caseId(), for: user)
            let reference = try await app.reference()
            let today = app.today()
            let (manual, assignment) = try await app.store.reading { [id = c.id] in
                (try await $0.audits.manualScores(caseId: id), try await $0.campaigns.assignment(caseId: id))
            }
            let audit = reference.auditor.audit(c, asOf: today, manualScores: manual, keepPassing: true)
            return HTML(
                CaseEvaluationForm.html(
                    case: c, audit: audit, checklist: app.runner.checklist, names: reference.names, asOf: today,
                    assigned: assignment.map { ($0.reviewer, $0.checker) }),
                inlineStyle: true)
        }
        Self.registerEvidence(on: router, app: app)
    }

    static func registerEvidence(on router: Router<WebRequestContext>, app: WebApp) {
        // An uploaded record's file, for anyone who may read the case.
        router.get("cases/{id}/evidence/{event}/{record}") { _, context -> Response in
            let user = try context.user()
            let c = try await app.readableCase(try context.caseId(), for: user)
            // Positions are 1-based and checked as ranges, never computed with: any number is safe.
            guard let event = Int(try context.parameters.require("event")), event >= 1, event <= c.events.count,
                let index = Int(try context.parameters.require("record")), index >= 1, index <= c.events[event - 1].records.count,
                let name = c.events[event - 1].records[index - 1].file,
                let url = try await app.downloadableEvidence(named: name, agency: c.agency)
            else {
                throw WebError.notFound("该记录没有保存在本系统的文件。")
            }
            return download(try Data(contentsOf: url), name: name, contentType: "application/octet-stream")
        }
    }

    static func href(_ id: String) -> String {
        pathHref("/cases/", id)
    }
}

struct Option: Encodable {
    var value: String
    var label: String
    var selected: Bool

    /// One option per code, labelled from the shared table, so a form offers what the case page shows.
    static func all<Code: ChineseLabelled>(_ type: Code.Type, selected: Code? = nil) -> [Option] {
        Code.allCases.map { Option(value: $0.rawValue, label: $0.chineseName, selected: $0.rawValue == selected?.rawValue) }
    }
}

/// Which skeleton of a case page (`PageSkeleton`) serves a request: the page differs by the day,
/// what the audit is judged under, and the role and agency of whoever reads it.
struct CaseSkeletonKey: Hashable, Sendable {
    var id: String
    var day: CalendarDate
    var environmentHash: String
    var role: AccountRole
    var agency: String?
}

/// A case page's skeleton and the agency whose case it shows, which every reader is checked against.
struct CaseSkeleton: Sendable {
    var agency: String
    var page: PageSkeleton
}

extension WebApp {
    /// What case `id`'s page shows as of `day` (`AuditRunner.caseForPage`).
    func caseForPage(id: String, asOf day: CalendarDate, reference: Reference) async throws -> CaseForPage? {
        try await runner.caseForPage(id: id, asOf: day, auditor: reference.auditor, environmentHash: reference.environmentHash)
    }
}
