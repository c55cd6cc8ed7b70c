import AuditRuns
import Foundation
import Hummingbird
import Reports
import WorkCalendar

/// The bureau's dashboard and the annual figures, for reviewers and supervisors: printable
/// pages whose figures link to the cases behind them, and the annual figures as a workbook.
struct DashboardRoutes {
    let app: WebApp

    func register(on router: Router<WebRequestContext>) {
        let dashboardReaders = router.group().add(middleware: RequirePermission(.readDashboard))
        dashboardReaders.get("dashboard") { request, context -> HTML in
            let user = try context.user()
            let today = app.today()
            let year = try await year(request, today: today)
            let dashboard = try await app.longWork.run { try DashboardBuilder(runner: app.runner).build(year: year, today: today, actor: user.name) }
            return HTML(DashboardReport.html(dashboard, links: true), inlineStyle: true)
        }
        // The year's figures are read from the store's sums, or counted when they are behind: as
        // long work, like the dashboard's.
        dashboardReaders.get("annual") { request, _ -> HTML in
            let year = try await year(request, today: app.today())
            let html = try await app.longWork.run { try AnnualReport.html(year: year, store: app.store, links: true) }
            return HTML(html, inlineStyle: true)
        }
        dashboardReaders.get("annual.xlsx") { request, _ -> Response in
            let year = try await year(request, today: app.today())
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("zhifa-annual-\(UUID().uuidString).xlsx")
            defer { try? FileManager.default.removeItem(at: url) }
            try await app.longWork.run { try AnnualReport.workbook(year: year, store: app.store, to: url) }
            return download(try Data(contentsOf: url), name: "\(year)年度行政执法数据.xlsx", contentType: ExportFormat.xlsx.contentType)
        }
    }

    /// `?year=2024`, bounded; by default the complete year with the most decisions.
    private func year(_ request: Request, today: CalendarDate) async throws -> Int {
        if let year = try requestedYear(request) { return year }
        return try await app.store.reportingYear(today: today)
    }
}

/// `?year=2024` within the reporting years, or nil when the query gives none.
func requestedYear(_ request: Request) throws -> Int? {
    guard let text = request.uri.queryParameters["year"], !text.isEmpty else { return nil }
    guard let year = Int(text), CalendarDate.reportingYears.contains(year) else {
        throw WebError.invalid(["年份须为 \(CalendarDate.reportingYears.lowerBound) 到 \(CalendarDate.reportingYears.upperBound) 之间的整数。"])
    }
    return year
}
