import CaseModel
import CaseStore
import CaseXML
import Documents
import Foundation
import Hummingbird
import MultipartKit
import WorkCalendar

/// The forms that create and extend a case. Each builds the changed case and stores it through
/// `CaseStore.save`, which holds it to the interchange schema and journals it under the user's name.
struct CaseFormRoutes {
    let app: WebApp

    func register(on router: Router<WebRequestContext>) {
        let clerks = router.group().add(middleware: RequirePermission(.createCases))
        clerks.get("cases/new") { _, context in
            let user = try context.user()
            let reference = try await app.reference()
            let sets = reference.benchmarks
            let today = app.today()
            let powers = reference.registry.agencies.first { $0.code == user.agency }?.powers.filter { $0.inForce(on: today) } ?? []
            return app.pages.render(
                "case-new",
                NewCaseView(
                    chrome: Chrome(title: "登记案件", context: context), agency: user.agency ?? "",
                    idPrefix: "\(user.agency ?? "")-\(app.today().year)-",
                    types: Option.all(CaseType.self, selected: .penalty),
                    procedures: Option.all(Procedure.self, selected: .general),
                    partyKinds: Option.all(PartyKind.self, selected: .organisation),
                    items: NewCaseView.items(of: sets.filter { $0.agency == user.agency }),
                    powers: powers.map { Option(value: $0.code, label: "\($0.code) \($0.name)（\($0.category.chineseName)）", selected: false) }))
        }
        clerks.post("cases/new") { request, context -> Response in
            let user = try context.user()
            guard let agency = user.agency else { throw WebError.forbidden(Permission.createCases.refusal) }
            let form = try await decodeForm(NewCaseForm.self, request, limit: app.configuration.maxRequestBytes)
            try context.checkCSRF(form.csrf)
            let enforcementCase = try form.enforcementCase(agency: agency)
            guard try await app.store.reading({ [id = enforcementCase.id] in try await $0.cases.agency(ofCase: id) }) == nil else {
                throw WebError.invalid(["案件编号 \(enforcementCase.id) 已被使用，请换一个编号。"])
            }
            try await save(enforcementCase, by: user)
            context.flash("立案登记")
            return redirect(to: CaseRoutes.href(enforcementCase.id))
        }
        edit("events", EventForm.self, on: router) { c, form in
            let event = try form.event()
            // Kept in date order; an event on the same day as others goes after them.
            let index = c.events.lastIndex { $0.date <= event.date }.map { $0 + 1 } ?? 0
            c.events.insert(event, at: index)
            return "\(event.kind.chineseName) \(event.date)"
        }
        edit("outcome", OutcomeForm.self, on: router) { c, form in
            c.outcome = try form.outcome()
            return "处理结果"
        }
        edit("disclosure", DisclosureForm.self, on: router) { c, form in
            c.disclosure = try form.disclosure()
            return "公示信息"
        }
        router.post("cases/{id}/records") { request, context -> Response in
            let user = try context.user()
            var c = try await app.writableCase(try context.caseId(), for: user)
            let form = try await decodeMultipart(RecordForm.self, request, limit: app.configuration.maxUploadBytes)
            try context.checkCSRF(form.csrf)
            guard let position = Int(form.event), position >= 1, position <= c.events.count else {
                throw WebError.invalid(["请选择记录所属的执法环节。"])
            }
            var record = try form.record()
            if let upload = form.file, upload.body.readableBytes > 0 {
                let stored = try app.evidence.store(upload.body, originalName: upload.fileName)
                try await app.store.recordUpload(
                    sha256: stored.sha256, agency: c.agency, name: stored.file,
                    size: Int64(upload.body.readableBytes), actor: user.name)
                record.file = stored.file
                record.sha256 = stored.sha256
                // The server hashed the bytes it received: nothing left to verify.
                record.evidence = .ok
                // A document's text is read once, as it arrives, for the document rules and the case page.
                if record.kind == .text, let url = app.evidence.file(named: stored.file) {
                    record.document = await DocumentReader().readApart(url)
                }
            }
            c.events[position - 1].records.append(record)
            try await save(c, by: user)
            context.flash("记录 \(record.title)")
            return redirect(to: CaseRoutes.href(c.id))
        }
    }

    /// A form that changes one part of a case: the case the user may change, the form with its
    /// token checked, the change applied and saved, then back to the case page saying what was saved.
    private func edit<Form: Decodable & CSRFCarrying & Sendable>(
        _ part: String, _ type: Form.Type, on router: Router<WebRequestContext>,
        change: @escaping @Sendable (inout EnforcementCase, Form) throws -> String
    ) {
        router.post("cases/{id}/\(part)") { request, context -> Response in
            let user = try context.user()
            var enforcementCase = try await app.writableCase(try context.caseId(), for: user)
            let form = try await decodeForm(Form.self, request, limit: app.configuration.maxRequestBytes)
            try context.checkCSRF(form.csrf)
            let saved = try change(&enforcementCase, form)
            try await save(enforcementCase, by: user)
            context.flash(saved)
            return redirect(to: CaseRoutes.href(enforcementCase.id))
        }
    }

    private func save(_ enforcementCase: EnforcementCase, by user: WebUser) async throws {
        do {
            try await app.store.save(enforcementCase, actor: user.name, source: "web:\(user.name)", agencyScope: user.agency)
        } catch let error as CaseXMLError {
            // The form shows what the case lacks as sentences; other failures (a scope refusal, a
            // busy store) answer with their own status through `WebError.from`.
            throw WebError.invalid(error.diagnostics.map(\.message))
        }
    }
}

protocol CSRFCarrying { var csrf: String? { get } }

struct NewCaseView: Encodable {
    var chrome: Chrome
    var agency: String
    var idPrefix: String
    var types: [Option]
    var procedures: [Option]
    var partyKinds: [Option]
    /// The agency's benchmark items, by name: a clerk chooses the matter rather than typing its code.
    var items: [Option]
    /// The matters of the agency's 权责清单 in force today (format 1.1), by name.
    var powers: [Option]

    /// Each item once, named as the newest set that holds it names it, in the order of the code.
    static func items(of sets: [BenchmarkSet]) -> [Option] {
        var names: [String: String] = [:]
        for set in sets.sorted(by: { ($0.effective?.dayNumber ?? .min) < ($1.effective?.dayNumber ?? .min) }) {
            for item in set.items { names[item.code] = item.name }
        }
        return names.sorted { $0.key < $1.key }.map { Option(value: $0.key, label: "\($0.value)（\($0.key)）", selected: false) }
    }
}

/// A multipart form within a size limit; a larger body is refused with 413 before it is parsed.
func decodeMultipart<Form: Decodable>(_ type: Form.Type, _ request: Request, limit: Int) async throws -> Form {
    guard let contentType = request.headers[.contentType], contentType.lowercased().hasPrefix("multipart/form-data"),
        let boundary = contentType.components(separatedBy: "boundary=").last?.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")),
        !boundary.isEmpty
    else {
        throw WebError.badRequest("上传表单须为 multipart/form-data。")
    }
    var request = request
    let buffer = try await collectBody(&request, limit: limit)
    do {
        return try FormDataDecoder().decode(Form.self, from: buffer, boundary: boundary)
    } catch {
        throw WebError.badRequest("上传表单内容不完整：\(error)")
    }
}

/// A file field of a multipart form: its bytes and the name the browser gave.
struct Upload: Decodable, MultipartPartConvertible {
    let part: MultipartPart

    var body: ByteBuffer { part.body }
    var multipart: MultipartPart? { part }

    init?(multipart: MultipartPart) { part = multipart }

    /// The form decoder builds uploads from their parts; any other decoder has no bytes to give.
    init(from decoder: any Decoder) throws {
        throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a file field must be a multipart part"))
    }

    /// The `filename` of the part's Content-Disposition, as the browser sent it.
    var fileName: String? {
        guard let disposition = part.headers.first(name: "Content-Disposition") else { return nil }
        for parameter in disposition.split(separator: ";") {
            let pair = parameter.trimmingCharacters(in: .whitespaces)
            if pair.hasPrefix("filename=") {
                return String(pair.dropFirst("filename=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }
}
