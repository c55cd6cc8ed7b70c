import Audit
import CaseModel
import CaseStore
import Foundation
import Hummingbird
import WorkCalendar

/// Where a case stands today, for the list: its result, its stage and how late its most overdue
/// obligation is. Computed by the engine as the case page computes it.
struct CaseListStanding {
    /// `95分 · 优秀`, or `办理中`.
    var result: String
    /// Nil for a case in progress: it has no score to sort by.
    var score: Double?
    var stage: CaseStage
    /// Calendar days past the deadline of the most overdue open obligation; 0 when none is.
    var overdueDays: Int

    init(_ c: EnforcementCase, auditor: CaseAuditor, asOf: CalendarDate) {
        let audit = auditor.audit(c, asOf: asOf, keepPassing: false)
        result = audit.resultText
        score = audit.isInProgress ? nil : audit.score
        // 办理中 is the engine's judgment (no decision and not closed on the day); the rest is the last step.
        stage = audit.isInProgress ? .inProgress : (c.events.contains(.closed) ? .closed : .decided)
        overdueDays = DueScanner(auditor: auditor).obligations(of: c, asOf: asOf).map { $0.daysOverdue(asOf: asOf) }.max() ?? 0
    }
}

/// How far a case has gone, as the list shows it.
enum CaseStage {
    /// No decision and not closed on the day: the engine's judgment (`CaseStanding.inProgress`).
    case inProgress
    case decided
    case closed

    var label: String {
        switch self {
        case .inProgress: CaseStanding.inProgress.label
        case .decided: "已决定"
        case .closed: "已结案"
        }
    }
}

/// `/cases`: the listing, filtered and paged by the store, with each case's standing; sortable by
/// the store's columns, by the newest run's scores and by days overdue (the due index).
struct CaseListPage {
    let app: WebApp
    let request: Request
    let context: WebRequestContext
    /// The orders a person can pick: the store's columns, and two that what was judged of the cases gives.
    enum Order: String, CaseIterable {
        case date, id, party, agency, score, overdue

        var label: String {
            switch self {
            case .date: "决定日期"
            case .id: "案件编号"
            case .party: "当事人"
            case .agency: "执法主体"
            case .score: "得分"
            case .overdue: "逾期天数"
            }
        }
    }

    func render() async throws -> HTML {
        let user = try context.user()
        let parameters = request.uri.queryParameters
        let text = parameters["q"].map(String.init) ?? ""
        let type = parameters["type"].flatMap { CaseType(rawValue: String($0)) }
        let requestedAgency = parameters["agency"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        let agency = user.visibleAgency ?? requestedAgency
        var order = parameters["sort"].flatMap { Order(rawValue: String($0)) } ?? .date
        // A decision-date range, as the dashboard's figures link to the cases behind them.
        let from = parameters["from"].flatMap { CalendarDate(String($0)) }
        let to = parameters["to"].flatMap { CalendarDate(String($0)) }
        // Any page number is answered: past the last page is an empty page, never an overflow.
        let page = Paging.page(request)
        let reference = try await app.reference()
        let today = app.today()
        var query = CaseQuery(
            agency: agency, type: type, text: text, sort: CaseSort(rawValue: order.rawValue) ?? .decisionDate,
            limit: Paging.size, offset: (page - 1) * Paging.size)
        query.decidedFrom = from
        query.decidedTo = to
        // "下一页" carries the key of the page's last row (`CaseCursor`); a page asked by number alone is counted off.
        query.after = parameters["after"].flatMap { CaseCursor(token: String($0)) }
        var notice: String?
        let found: (page: CasePage, cases: [EnforcementCase])
        switch order {
        case .score:
            let environmentHash = reference.environmentHash
            if let ranked = try await searchRanked({ [query] in try await $0.byScore(query, environmentHash: environmentHash, today: today) }) {
                found = (ranked.0.page, ranked.1)
                notice = "按 \(ranked.0.asOf) 评查的得分排序，低分在前、办理中的案件在后；此后导入或修改的案件以评查时为准，未评查的不在其中。"
            } else {
                notice = "尚无全部案件的评查结果，按得分排序前请先评查；以下按决定日期排列。"
                order = .date
                query.sort = .decisionDate
                found = try await search { [query] in try await $0.search(query) }
            }
        case .overdue:
            // The order comes from the due index, brought up to date first (a long-work thread,
            // only when it is behind).
            _ = try await app.currentDueIndex()
            found = try await search { [query] in try await $0.byLateness(query, today: today, kinds: DueObligation.Kind.allCases.count) }
        default:
            found = try await search { [query] in try await $0.search(query) }
        }
        let total = found.page.total
        let totalIsAtLeast = found.page.totalIsAtLeast
        let rows = standings(found, reference: reference, today: today)
        func link(page: Int, sort: Order, after: CaseCursor? = nil) -> String {
            var items = ["page=\(page)"]
            if let after { items.append("after=\(after.token)") }
            if !text.isEmpty { items.append("q=\(text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")") }
            if let type { items.append("type=\(type.rawValue)") }
            if let requestedAgency, user.visibleAgency == nil {
                items.append("agency=\(requestedAgency.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
            }
            if sort != .date { items.append("sort=\(sort.rawValue)") }
            if let from { items.append("from=\(from)") }
            if let to { items.append("to=\(to)") }
            return "/cases?" + items.joined(separator: "&")
        }
        let pages = Paging.pages(total)
        let names = reference.names
        let view = CaseListView(
            chrome: Chrome(title: "案件", context: context), query: text, total: total, totalIsAtLeast: totalIsAtLeast, notice: notice,
            range: from != nil || to != nil ? "决定日期 \(from?.description ?? "")至\(to?.description ?? "")" : nil,
            saved: context.takeNotice(), mayUploadLedger: user.may(.createCases),
            agencyFilter: user.visibleAgency == nil
                ? reference.registry.agencies.map { Option(value: $0.code, label: $0.name, selected: $0.code == requestedAgency) } : nil,
            showAgencyFilter: user.visibleAgency == nil,
            types: Option.all(CaseType.self, selected: type),
            sorts: Order.allCases.map { CaseListView.Sort(label: $0.label, href: link(page: 1, sort: $0), active: $0 == order) },
            rows: rows.map { summary, standing in
                CaseListView.Row(
                    id: summary.id, href: CaseRoutes.href(summary.id), agency: names.agency(summary.agency),
                    type: summary.type.chineseName, decisionDate: summary.decisionDate?.description ?? "",
                    decisionNumber: summary.decisionNumber ?? "", party: summary.party,
                    result: standing?.result ?? "—", stage: standing?.stage.label ?? "",
                    open: standing?.stage == .inProgress,
                    overdue: (standing?.overdueDays ?? 0) > 0 ? "逾期\(standing!.overdueDays)天" : "")
            },
            page: page, pages: pages, previous: page > 1 ? link(page: page - 1, sort: order) : nil,
            next: page < pages ? link(page: page + 1, sort: order, after: nextKey(found.page.cases, order: order)) : nil)
        return app.pages.render("cases", view)
    }

    /// The key the next page follows, in an order of the store's columns; score and lateness pages are counted off.
    private func nextKey(_ cases: [CaseSummary], order: Order) -> CaseCursor? {
        guard cases.count == Paging.size, let sort = CaseSort(rawValue: order.rawValue), let last = cases.last else { return nil }
        return CaseCursor(after: last, sort: sort)
    }

    /// A page of the listing and its cases, read in one transaction.
    private func search(_ page: (CaseRepository) async throws -> CasePage) async throws -> (page: CasePage, cases: [EnforcementCase]) {
        try await app.store.reading { reader in
            let found = try await page(reader.cases)
            return await (found, try reader.cases.loadSome(found.cases.map(\.id)))
        }
    }

    /// A page ranked by a run, with its cases, read in one transaction; nil without a run to rank by.
    private func searchRanked(
        _ page: (CaseRepository) async throws -> RankedPage?
    ) async throws -> (RankedPage, [EnforcementCase])? {
        try await app.store.reading { reader in
            guard let found = try await page(reader.cases) else { return nil }
            return await (found, try reader.cases.loadSome(found.page.cases.map(\.id)))
        }
    }

    /// Each summary with its standing; a case that cannot be read shows without one.
    private func standings(_ found: (page: CasePage, cases: [EnforcementCase]), reference: WebApp.Reference, today: CalendarDate) -> [(
        CaseSummary, CaseListStanding?
    )] {
        let cases = Dictionary(found.cases.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return found.page.cases.map { summary in
            (summary, cases[summary.id].map { CaseListStanding($0, auditor: reference.auditor, asOf: today) })
        }
    }
}

struct CaseListView: Encodable {
    var chrome: Chrome
    var query: String
    var total: Int
    /// The total counted only so far: "超过 N 件".
    var totalIsAtLeast: Bool
    var notice: String?
    var range: String?
    var saved: String?
    var mayUploadLedger: Bool
    var agencyFilter: [Option]?
    var showAgencyFilter: Bool
    var types: [Option]
    var sorts: [Sort]
    var rows: [Row]
    var page: Int
    var pages: Int
    var previous: String?
    var next: String?

    struct Sort: Encodable {
        var label, href: String
        var active: Bool
    }

    struct Row: Encodable {
        var id: String
        var href: String
        var agency: String
        var type: String
        var decisionDate: String
        var decisionNumber: String
        var party: String
        var result: String
        var stage: String
        var open: Bool
        var overdue: String
    }
}
