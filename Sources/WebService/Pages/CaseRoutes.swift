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
    static let pageSize = 50
    /// Beyond any store's size (50 million cases), so that `(page - 1) * pageSize` cannot overflow.
    static let maxPage = 1_000_000

    func register(on router: Router<WebRequestContext>) {
        router.get("cases") { request, context in
            let user = try context.user()
            let parameters = request.uri.queryParameters
            let text = parameters["q"].map(String.init) ?? ""
            let type = parameters["type"].flatMap { CaseType(rawValue: String($0)) }
            let requestedAgency = parameters["agency"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
            let agency = user.visibleAgency ?? requestedAgency
            // Any page number is answered: past the last page is an empty page, never an overflow.
            let page = min(max(1, parameters["page"].flatMap { Int($0) } ?? 1), Self.maxPage)
            let result = try app.store.searchCases(CaseQuery(agency: agency, type: type, text: text,
                                                            limit: Self.pageSize, offset: (page - 1) * Self.pageSize))
            let reference = try app.reference()
            let agencies = reference.registry.agencies
            let names = reference.agencyNames
            func link(_ page: Int) -> String {
                var items = ["page=\(page)"]
                if !text.isEmpty { items.append("q=\(text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")") }
                if let type { items.append("type=\(type.rawValue)") }
                if let requestedAgency, user.visibleAgency == nil { items.append("agency=\(requestedAgency)") }
                return "/cases?" + items.joined(separator: "&")
            }
            let pages = max(1, (result.total + Self.pageSize - 1) / Self.pageSize)
            let view = CaseListView(
                chrome: Chrome(title: "案件", context: context), query: text, total: result.total,
                agencyFilter: user.visibleAgency == nil
                    ? agencies.map { Option(value: $0.code, label: $0.name, selected: $0.code == requestedAgency) } : nil,
                showAgencyFilter: user.visibleAgency == nil,
                types: Option.all(CaseType.self, selected: type),
                rows: result.cases.map { summary in
                    CaseListView.Row(id: summary.id, href: CaseRoutes.href(summary.id), agency: names[summary.agency] ?? summary.agency,
                                     type: summary.type.chineseName, decisionDate: summary.decisionDate?.description ?? "",
                                     decisionNumber: summary.decisionNumber ?? "", party: summary.party)
                },
                page: page, pages: pages, previous: page > 1 ? link(page - 1) : nil, next: page < pages ? link(page + 1) : nil)
            return app.pages.render("cases", view)
        }
        router.get("cases/{id}") { request, context in
            let user = try context.user()
            let id = try context.caseId()
            let enforcementCase = try app.readableCase(id, for: user)
            let saved = request.uri.queryParameters["saved"].map(String.init)
            return app.pages.render("case", try CasePageBuilder(app: app, user: user, context: context)
                .view(of: enforcementCase, saved: saved))
        }
        Self.registerEvidence(on: router, app: app)
    }

    static func registerEvidence(on router: Router<WebRequestContext>, app: WebApp) {
        // An uploaded record's file, for anyone who may read the case.
        router.get("cases/{id}/evidence/{event}/{record}") { _, context -> Response in
            let user = try context.user()
            let c = try app.readableCase(try context.caseId(), for: user)
            // Positions are 1-based and checked as ranges, never computed with: any number is safe.
            guard let event = Int(try context.parameters.require("event")), event >= 1, event <= c.events.count,
                  let index = Int(try context.parameters.require("record")), index >= 1, index <= c.events[event - 1].records.count,
                  let name = c.events[event - 1].records[index - 1].file,
                  let url = try app.downloadableEvidence(named: name, agency: c.agency) else {
                throw WebError.notFound("该记录没有保存在本系统的文件。")
            }
            return download(try Data(contentsOf: url), name: name, contentType: "application/octet-stream")
        }
    }

    static func href(_ id: String) -> String {
        "/cases/" + (id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? id)
    }
}

struct Option {
    var value: String
    var label: String
    var selected: Bool

    /// One option per code, labelled from the shared table, so a form offers what the case page shows.
    static func all<Code: ChineseLabelled>(_ type: Code.Type, selected: Code? = nil) -> [Option] {
        Code.allCases.map { Option(value: $0.rawValue, label: $0.chineseName, selected: $0.rawValue == selected?.rawValue) }
    }
}

struct CaseListView {
    var chrome: Chrome
    var query: String
    var total: Int
    var agencyFilter: [Option]?
    var showAgencyFilter: Bool
    var types: [Option]
    var rows: [Row]
    var page: Int
    var pages: Int
    var previous: String?
    var next: String?

    struct Row {
        var id: String
        var href: String
        var agency: String
        var type: String
        var decisionDate: String
        var decisionNumber: String
        var party: String
    }
}
