import CaseStore
import CaseXML
import Foundation
import Hummingbird
import Ledger

/// A clerk uploads the agency's Excel or CSV ledger: all of its cases or none, and only cases of
/// the clerk's own agency (the same scope as every other write of a clerk). The upload becomes a
/// job (`JobRunner.importLedger`), whose page says what was stored or why nothing was.
struct LedgerRoutes {
    let app: WebApp

    func register(on router: Router<WebRequestContext>) {
        let clerks = router.group().add(middleware: RequirePermission(.createCases))
        clerks.post("cases/ledger") { request, context -> Response in
            let user = try context.user()
            guard let agency = user.agency else { throw WebError.forbidden(Permission.createCases.refusal) }
            let form = try await decodeMultipart(ImportForm.self, request, limit: app.configuration.maxUploadBytes)
            try context.checkCSRF(form.csrf)
            let name = (form.file.fileName ?? "台账.xlsx").replacingOccurrences(of: "/", with: "_")
            guard LedgerFiles.isLedger(name) else { throw WebError.invalid(["\(name) 不是 .xlsx 或 .csv 台账文件。"]) }
            // Read and written as a job, not inside the request: a large ledger takes a while.
            let today = app.today().description
            let parameters = JobParameters(asOf: today, agency: agency, fileName: name)
            let text = try parameters.stored()
            let (owner, file) = (user.name, Data(buffer: form.file.body))
            let job = try await app.store.writingJobs { try await $0.create(kind: .ledger, parameters: text, owner: owner, input: file) }
            return redirect(to: JobRoutes.href(job.id))
        }
    }

    /// What an import of `what` (a ledger, posted case XML) did, in words for its job's page.
    static func saved(_ what: String, _ counts: ImportCounts) -> String {
        var saved = "\(what)：新增 \(counts.newCases) 件、替换 \(counts.replacedCases) 件、未变 \(counts.unchangedCases) 件"
        if !counts.warnings.isEmpty { saved += "；提醒 \(counts.warnings.count) 条：" + counts.warnings.prefix(3).map(\.description).joined(separator: "；") }
        return saved
    }
}
