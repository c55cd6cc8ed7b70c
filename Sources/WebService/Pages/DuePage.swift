import Audit
import AuditRuns
import CaseStore
import Foundation
import Hummingbird
import Reports
import WorkCalendar

/// 到期预警: the open obligations due within N working days or overdue, fifty a page, from the due
/// index (`DueIndex`), filtered by agency, kind of obligation and whether overdue; the count is
/// the index's.
struct DuePage {
    let app: WebApp
    let request: Request
    let context: WebRequestContext

    enum Standing: String, CaseIterable {
        case all = ""
        case overdue
        case upcoming

        var label: String {
            switch self {
            case .all: "逾期及将到期"
            case .overdue: "已逾期"
            case .upcoming: "尚未逾期"
            }
        }

        var overdue: Bool? {
            switch self {
            case .all: nil
            case .overdue: true
            case .upcoming: false
            }
        }
    }

    func render() async throws -> HTML {
        let user = try context.user()
        let parameters = request.uri.queryParameters
        let within = try withinDays(request)
        let kind = parameters["kind"].flatMap { DueObligation.Kind(rawValue: String($0)) }
        let standing = parameters["state"].flatMap { Standing(rawValue: String($0)) } ?? .all
        let requestedAgency = parameters["agency"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        let agency = user.visibleAgency ?? requestedAgency
        let page = Paging.page(request)
        let today = app.today()
        let index = try await app.currentDueIndex()
        let filter = index.filter(today: today, within: within, agency: agency, kind: kind, overdue: standing.overdue)
        let offset = (page - 1) * Paging.size
        let (total, rows) = try await app.store.reading { reader in
            await (try reader.due.count(filter), try reader.due.page(filter, limit: Paging.size, offset: offset))
        }
        let reference = try await app.reference()
        let pages = Paging.pages(total)
        let people = reference.registry.officers.filter { agency == nil || $0.agency == agency }
        let certificates = CertificateWarning.due(people, asOf: today, within: within, calendar: reference.auditor.calendar)
        func link(_ page: Int) -> String {
            var items = ["within=\(within)", "page=\(page)"]
            if let kind { items.append("kind=\(kind.rawValue)") }
            if standing != .all { items.append("state=\(standing.rawValue)") }
            if let agency = requestedAgency, user.visibleAgency == nil {
                items.append("agency=\(agency.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
            }
            return "/due?" + items.joined(separator: "&")
        }
        let view = DueView(
            chrome: Chrome(title: "到期预警", context: context), asOf: today.description, within: within, count: total,
            kinds: DueObligation.Kind.allCases.map { Option(value: $0.rawValue, label: $0.chineseName, selected: $0 == kind) },
            states: Standing.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0 == standing) },
            agencyFilter: user.visibleAgency == nil
                ? reference.registry.agencies.map { Option(value: $0.code, label: $0.name, selected: $0.code == requestedAgency) } : nil,
            showAgencyFilter: user.visibleAgency == nil,
            items: rows.map { row in
                let due = index.obligation(row, today: today)
                return DueView.Item(
                    id: due.case, href: CaseRoutes.href(due.case), agency: reference.names.agency(due.agency), title: due.title,
                    deadline: due.deadline.description, overdue: due.overdue, left: due.standing(asOf: today), rule: due.rule)
            },
            certificates: certificates.isEmpty
                ? nil
                : DueView.Certificates(
                    items: certificates.map {
                        DueView.Certificate(
                            agency: reference.names.agency($0.agency), person: "\($0.name)（\($0.officer)）", number: $0.number,
                            through: $0.through.description, left: OfficerReport.left($0.daysLeft))
                    }),
            download: DueView.Download(
                within: within, state: standing.rawValue, obligation: kind?.rawValue ?? "", agency: user.visibleAgency == nil ? requestedAgency ?? "" : ""),
            page: page, pages: pages, previous: page > 1 ? link(page - 1) : nil, next: page < pages ? link(page + 1) : nil)
        return app.pages.render("due", view)
    }
}

struct DueView: Encodable {
    var chrome: Chrome
    var asOf: String
    var within: Int
    var count: Int
    var kinds: [Option]
    var states: [Option]
    var agencyFilter: [Option]?
    var showAgencyFilter: Bool
    var items: [Item]
    /// Officers' certificates whose cover ends within the window, renewals counted.
    var certificates: Certificates?
    /// The filters the download form sends with it: the whole list as a job (`JobRoutes`).
    var download: Download
    var page: Int
    var pages: Int
    var previous: String?
    var next: String?

    struct Download: Encodable {
        var within: Int
        var state, obligation, agency: String
    }

    struct Certificates: Encodable {
        var items: [Certificate]
    }

    struct Certificate: Encodable {
        var agency, person, number, through, left: String
    }

    struct Item: Encodable {
        var id, href, agency, title, deadline: String
        var overdue: Bool
        var left, rule: String
    }
}
