import Audit
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
        router.get("cases/{id}") { request, context in
            let user = try context.user()
            let id = try context.caseId()
            let reference = try await app.reference()
            let today = app.today()
            // One read for the whole page: the case, its manual scores, its stored audit, its uploads.
            guard
                let page = try await app.runner.caseForPage(
                    id: id, asOf: today, auditor: reference.auditor, environmentHash: reference.environmentHash),
                user.mayRead(caseOf: page.enforcementCase.agency)
            else {
                throw WebError.notFound("没有编号为 \(id) 的案件。")
            }
            let saved = context.takeNotice()
            return app.pages.render(
                "case",
                CasePageBuilder(app: app, user: user, context: context).view(of: page, reference: reference, asOf: today, saved: saved))
        }
        // The printable 案卷评查表, for anyone who may read the case.
        router.get("cases/{id}/form") { _, context -> HTML in
            let user = try context.user()
            let c = try await app.readableCase(try context.caseId(), for: user)
            let reference = try await app.reference()
            let today = app.today()
            let manual = try await app.store.reading { [id = c.id] in try await $0.audits.manualScores(caseId: id) }
            let audit = reference.auditor.audit(c, asOf: today, manualScores: manual, keepPassing: true)
            return HTML(
                CaseEvaluationForm.html(case: c, audit: audit, checklist: app.runner.checklist, names: reference.names, asOf: today),
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
        "/cases/" + (id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? id)
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
