import Audit
import CaseModel
import CaseStore
import CaseXML
import Foundation
import Hummingbird
import Ledger
import Reports

/// 双公示 downloads: the national template (`PublicityExport`) for a clerk's own agency, whose
/// clerks upload it to the credit platform, or for any agency a supervisor chooses; and the
/// supervisors' upload of a list as published, which the audit then holds disclosures against.
struct PublicityRoutes {
    let app: WebApp

    func register(on router: Router<WebRequestContext>) {
        let exporters = router.group().add(middleware: RequirePermission(.exportPublicity))
        let supervisors = router.group().add(middleware: RequirePermission(.export))
        supervisors.post("export/publicity/published") { request, context -> Response in
            let user = try context.user()
            let form = try await decodeMultipart(ImportForm.self, request, limit: app.configuration.maxUploadBytes)
            try context.checkCSRF(form.csrf)
            let name = (form.file.fileName ?? "公示清单.xlsx").replacingOccurrences(of: "/", with: "_")
            guard LedgerFiles.isLedger(name) else { throw WebError.invalid(["\(name) 不是 .xlsx 或 .csv 文件。"]) }
            let data = Data(buffer: form.file.body)
            let url = FileManager.default.temporaryDirectory.appendingPathComponent(
                "zhifa-published-\(UUID().uuidString).\((name as NSString).pathExtension.lowercased())")
            defer { try? FileManager.default.removeItem(at: url) }
            try data.write(to: url)
            let result: PublishedImport
            do {
                result = try await app.longWork.run {
                    let list = try PublishedListReader().read(url, displayName: name)
                    return try app.store.importPublishedList(list, file: name, contentHash: Hex.sha256(data), actor: user.name)
                }
            } catch let error as CaseXMLError {
                throw WebError.invalidDocument(error.diagnostics)
            }
            context.flash(
                result.unchanged
                    ? "公示清单 \(name) 此前已导入，未重复存入。"
                    : "已导入公示清单 \(name)：\(result.rows) 条，对应库中案件 \(result.matched) 条，未对应 \(result.unmatched.count) 条"
                        + result.unmatched.prefix(5).map { "；第\($0.row)行 \($0.number) \($0.reason)" }.joined())
            return redirect(to: "/export")
        }
        exporters.get("export/publicity") { request, context -> Response in
            let user = try context.user()
            let query = request.uri.queryParameters
            guard let kind = query["kind"].flatMap({ PublicityExport.Kind(rawValue: String($0)) }) else {
                throw WebError.badRequest("kind 须为 penalty（行政处罚）或 license（行政许可）。")
            }
            let format: ExportFormat = query["format"].map(String.init) == "csv" ? .csv : .xlsx
            func day(_ name: Substring) throws -> CalendarDate? {
                guard let text = query[name].map(String.init), !text.isEmpty else { return nil }
                guard let date = CalendarDate(text) else { throw WebError.badRequest("\(name)“\(text)”不是 YYYY-MM-DD 形式的日期。") }
                return date
            }
            let from = try day("from")
            let to = try day("to")
            let reference = try await app.reference()
            // A clerk's download is their own agency's, whatever the query asks.
            let requested = query["agency"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
            let agency = user.visibleAgency ?? requested
            if let agency, !reference.registry.agencies.contains(where: { $0.code == agency }) {
                throw WebError.badRequest("名录中没有代码为 \(agency) 的执法主体。")
            }
            let selection = PublicityExport.Selection(kind: kind, agency: agency, from: from, to: to)
            let auditor = reference.auditor
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("zhifa-publicity-\(UUID().uuidString).\(format.rawValue)")
            defer { try? FileManager.default.removeItem(at: url) }
            _ = try await app.longWork.run { try PublicityExport.write(selection, store: app.store, auditor: auditor, format: format, to: url) }
            let name = (agency.map { reference.names.agency($0) } ?? "全部机关") + (kind == .penalty ? "行政处罚" : "行政许可") + "双公示.\(format.rawValue)"
            return download(try Data(contentsOf: url), name: name, contentType: format.contentType)
        }
    }
}
