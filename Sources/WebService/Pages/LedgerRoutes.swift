import CaseStore
import CaseXML
import Foundation
import Hummingbird
import Ledger

/// A clerk uploads the agency's Excel or CSV ledger: all of its cases or none, and only cases of
/// the clerk's own agency (the same scope as every other write of a clerk).
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
            // The reader works on a file: a private temporary one, named by a fresh UUID, removed at once.
            let ext = (name as NSString).pathExtension.lowercased()
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("zhifa-ledger-\(UUID().uuidString).\(ext)")
            // Removed however the write ends: a full temporary folder leaves no partial file behind.
            defer { try? FileManager.default.removeItem(at: url) }
            try Data(buffer: form.file.body).write(to: url, options: .withoutOverwriting)
            do {
                let counts = try app.store.importLedger(url, displayName: name, actor: user.name, agencyScope: agency)
                var saved = "台账 \(name)：新增 \(counts.newCases) 件、替换 \(counts.replacedCases) 件、未变 \(counts.unchangedCases) 件"
                if !counts.warnings.isEmpty { saved += "；提醒 \(counts.warnings.count) 条：" + counts.warnings.prefix(3).map(\.description).joined(separator: "；") }
                context.flash(saved)
                return redirect(to: "/cases")
            } catch let error as CaseXMLError {
                throw WebError.invalid(error.diagnostics.map(\.description))
            }
        }
    }
}
