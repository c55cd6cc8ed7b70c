import Audit
import AuditRuns
import CaseModel
import Foundation
import Hummingbird
import Reports

/// 执法人员: the officers' review (`OfficerReview`) for supervisors, per agency, as of today
/// under the service's checklist; `?year=` chooses the training year, `?agency=` one agency.
struct OfficerRoutes {
    let app: WebApp

    func register(on router: Router<WebRequestContext>) {
        let readers = router.group().add(middleware: RequirePermission(.readOfficers))
        readers.get("officers") { request, context -> HTML in
            let today = app.today()
            let parameters = request.uri.queryParameters
            let year = try requestedYear(request) ?? today.year
            let reference = try await app.reference()
            let requested = parameters["agency"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
            if let requested, !reference.registry.agencies.contains(where: { $0.code == requested }) {
                throw WebError.badRequest("名录中没有代码为 \(requested) 的执法主体。")
            }
            let (registry, auditParameters) = (reference.registry, reference.auditor.parameters)
            let review = try await app.longWork.run {
                try OfficerReview.make(store: app.store, registry: registry, parameters: auditParameters, asOf: today, year: year, agency: requested)
            }
            let view = OfficersView(
                chrome: Chrome(title: "执法人员", context: context), review: review,
                agencyFilter: reference.registry.agencies.map { Option(value: $0.code, label: $0.name, selected: $0.code == requested) })
            return app.pages.render("officers", view)
        }
    }
}

struct OfficersView: Encodable {
    var chrome: Chrome
    var asOf: String
    var year: Int
    var requiredHours: Int
    var warningDays: Int
    var agencyFilter: [Option]
    var agencies: [Agency]

    struct Agency: Encodable {
        var name: String
        var officers, certified, auxiliaries: Int
        var share: String
        var shortOfTraining: [Line]
        var expiring: [Line]
        var actingUncertified: [Line]
        var auxiliariesAlone: [Line]
        var clean: Bool
        /// The counts the summary row shows.
        var counts: [Int]
    }

    /// One person's line: who, and what is wrong, with a case to look at.
    struct Line: Encodable {
        var person, detail: String
        var example: String?
        var href: String?
    }

    init(chrome: Chrome, review: OfficerReview, agencyFilter: [Option]) {
        self.chrome = chrome
        asOf = review.asOf.description
        year = review.year
        requiredHours = review.requiredHours
        warningDays = review.warningDays
        self.agencyFilter = agencyFilter
        agencies = review.agencies.map { a in
            func acting(_ p: OfficerReview.Acting, _ what: String) -> Line {
                Line(
                    person: "\(p.name)（\(p.officer)）", detail: "\(what)，\(p.acts) 次，最近 \(p.last?.description ?? "—")",
                    example: p.example, href: p.example.map(CaseRoutes.href))
            }
            let training = a.shortOfTraining.map { Line(person: "\($0.name)（\($0.officer)）", detail: "\($0.hours.readableText) 学时") }
            let expiring = a.expiring.map {
                Line(person: "\($0.name)（\($0.officer)）", detail: "证号 \($0.number) 有效至 \($0.through)，\(OfficerReport.left($0.daysLeft))")
            }
            let uncertified = a.actingUncertified.map { acting($0, OfficerReport.lapse($0.since) + "，此后参与执法") }
            let alone = a.auxiliariesAlone.map { acting($0, "\(review.year) 年无执法人员在场") }
            return Agency(
                name: a.name, officers: a.officers, certified: a.certified, auxiliaries: a.auxiliaries,
                share: OfficerReport.share(a.certifiedShare), shortOfTraining: training, expiring: expiring,
                actingUncertified: uncertified, auxiliariesAlone: alone,
                clean: training.isEmpty && expiring.isEmpty && uncertified.isEmpty && alone.isEmpty,
                counts: [training.count, expiring.count, uncertified.count, alone.count])
        }
    }
}
