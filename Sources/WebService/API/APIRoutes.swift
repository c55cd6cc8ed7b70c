import Audit
import AuditRuns
import BundledFiles
import CaseModel
import CaseStore
import CaseXML
import Foundation
import Hummingbird
import Reports

/// The JSON API under /api/v1, on the same sessions, roles and store as the pages.
///
/// It has no CSRF token: the session cookie is SameSite=Strict, and every request with a body must
/// be application/json or application/xml, which no cross-site HTML form can send.
struct APIRoutes {
    let app: WebApp
    static let maxLimit = 1000
    /// Where the OpenAPI document of these routes lives in the repository.
    static let contract = "docs/api/openapi.json"

    func register(on group: RouterGroup<WebRequestContext>) {
        let clerks = group.group().add(middleware: RequirePermission(.createCases))
        let dueReaders = group.group().add(middleware: RequirePermission(.readDueList))
        let auditors = group.group().add(middleware: RequirePermission(.runAudits))
        group.add(middleware: APIGuard())
        // The contract itself (docs/api/openapi.json, carried in the binary), for anyone.
        group.get("openapi.json") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: BundledFiles.text(Self.contract) ?? "{}")))
        }
        group.post("login") { request, context -> Response in
            try APIGuard.require(request, ["application/json"])
            var request = request
            let body = try await collectBody(&request, limit: app.configuration.maxRequestBytes)
            guard let credentials = try? JSONDecoder().decode(Credentials.self, from: Data(buffer: body)) else {
                throw WebError.badRequest("请求体须为 {\"user\": …, \"password\": …}。")
            }
            let user = try await app.authenticate(name: credentials.user, password: credentials.password)
            await app.startSession(for: user, request: request, context: context)
            return try .json(SignedIn(user: user.name, role: user.role.rawValue, agency: user.agency))
        }
        group.get("cases") { request, context -> Response in
            let user = try context.user()
            let parameters = request.uri.queryParameters
            let limit = parameters["limit"].flatMap { Int($0) } ?? 100
            let offset = parameters["offset"].flatMap { Int($0) } ?? 0
            guard (1...Self.maxLimit).contains(limit), offset >= 0 else {
                throw WebError.badRequest("limit 须在 1 到 \(Self.maxLimit) 之间，offset 不能为负。")
            }
            var query = CaseQuery(
                agency: user.visibleAgency ?? parameters["agency"].map(String.init),
                type: parameters["type"].flatMap { CaseType(rawValue: String($0)) },
                text: parameters["q"].map(String.init), limit: limit, offset: offset)
            if let token = parameters["after"] {
                guard let cursor = CaseCursor(token: String(token)) else { throw WebError.badRequest("after 须为上一页答复中的 next。") }
                query.after = cursor
            }
            let found = try await app.store.reading { [query] in try await $0.cases.search(query) }
            // The next page's key, while a page comes back full: what follows it is found by seeking, not by counting rows off.
            let next = found.cases.count == limit ? found.cases.last.map { CaseCursor(after: $0, sort: query.sort).token } : nil
            return try .json(
                CaseList(total: found.total, totalIsAtLeast: found.totalIsAtLeast, limit: limit, offset: offset, next: next, cases: found.cases))
        }
        group.get("cases/{id}") { request, context -> Response in
            let user = try context.user()
            let enforcementCase = try await app.readableCase(try context.caseId(), for: user)
            if request.headers[.accept]?.contains("xml") == true {
                return Response(
                    status: .ok, headers: [.contentType: "application/xml; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: CaseXMLWriter.document(enforcementCase))))
            }
            return try .json(enforcementCase)
        }
        clerks.post("cases") { request, context -> Response in
            try APIGuard.require(request, ["application/xml"])
            let user = try context.user()
            guard let agency = user.agency else { throw WebError.forbidden(Permission.createCases.refusal) }
            var request = request
            let body = try await collectBody(&request, limit: app.configuration.maxUploadBytes)
            guard body.readableBytes > app.configuration.inlineCasesBytes else {
                return try await importCases(body, by: user, agency: agency)
            }
            return try await queueCases(body, by: user, agency: agency)
        }
        auditors.get("audit") { request, context -> Response in
            let user = try context.user()
            let agency = request.uri.queryParameters["agency"].map(String.init)
            let asOf = try asOfDate(request, today: app.today())
            let summary = try await app.runAudit(asOf: asOf, selection: AuditSelection(agency: agency), actor: user.name)
            // The report reads every failing result of the run: long work, as the run itself.
            let sink = ReportSink()
            try await app.longWork.run { try JSONAuditReport.write(run: summary.run, store: app.store, agency: agency, includeAll: false, to: sink) }
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: sink.collected)))
        }
        dueReaders.get("due") { request, context -> Response in
            let user = try context.user()
            let within = try withinDays(request)
            let today = app.today()
            let index = try await app.currentDueIndex()
            let filter = index.filter(today: today, within: within, agency: user.visibleAgency)
            let due = try await app.store.reading { try await $0.due.page(filter, limit: .max, offset: 0) }.map { index.obligation($0, today: today) }
            return try .json(due)
        }
        group.get("export/violations") { request, context -> Response in
            try await AuditRoutes(app: app).exportViolations(request, user: try context.user())
        }
    }

    /// Stores posted case XML as one transaction, as `zhifa import` would, limited to the clerk's agency.
    private func importCases(_ body: ByteBuffer, by user: WebUser, agency: String) async throws -> Response {
        // Read from memory: records may name only files this agency uploaded, by their hash.
        let source = DocumentSource.memory(Data(buffer: body))
        let name = "api:\(user.name)"
        do {
            guard try CaseFileReader.kind(of: source, displayName: name) == .cases else {
                throw WebError.invalidDocument([XMLDiagnostic(file: name, line: 1, message: "文档不是 <case> 或 <cases> 案件文档")])
            }
            let owned = try await app.store.reading { try await $0.uploads.uploadedEvidence(agency: agency) }
            let counts = try await app.store.importDocument(
                source, kind: .cases, displayName: name, actor: user.name, agencyScope: agency, evidence: .uploads(owned: owned))
            app.metrics.importedFile(cases: counts.newCases + counts.replacedCases, refused: false)
            return try .json(
                Imported(
                    new: counts.newCases, replaced: counts.replacedCases, unchanged: counts.unchangedCases,
                    warnings: counts.warnings.isEmpty ? nil : counts.warnings.map { .init(line: $0.line, message: $0.message) }),
                status: .created)
        } catch let error as CaseXMLError {
            app.metrics.importedFile(cases: 0, refused: true)
            throw WebError.invalidDocument(error.diagnostics)
        }
    }

    /// A large document is stored as a job (`JobRunner.importCases`): `202 Accepted` with the
    /// job's address, whose status says what was stored or, naming the lines, why nothing was.
    private func queueCases(_ body: ByteBuffer, by user: WebUser, agency: String) async throws -> Response {
        let source = DocumentSource.memory(Data(buffer: body))
        let name = "api:\(user.name)"
        guard (try? CaseFileReader.kind(of: source, displayName: name)) == .cases else {
            throw WebError.invalidDocument([XMLDiagnostic(file: name, line: 1, message: "文档不是 <case> 或 <cases> 案件文档")])
        }
        let text = try JobParameters(asOf: app.today().description, agency: agency, fileName: name).stored()
        let (owner, file) = (user.name, Data(buffer: body))
        let job = try await app.store.writingJobs { try await $0.create(kind: .cases, parameters: text, owner: owner, input: file) }
        var response = try Response.json(JobAPIRoutes.status(job), status: .accepted)
        response.headers[.location] = JobAPIRoutes.href(job.id)
        return response
    }

    struct Credentials: Decodable {
        var user: String
        var password: String
    }
    struct SignedIn: Encodable {
        var user: String
        var role: String
        var agency: String?
    }
    struct CaseList: Encodable {
        var total: Int
        /// The total of a text search counted only so far (`CaseQuery.textCountLimit`).
        var totalIsAtLeast: Bool
        var limit, offset: Int
        /// `after=` for the next page; absent on the last.
        var next: String?
        var cases: [CaseSummary]
    }
    struct Imported: Encodable {
        var new, replaced, unchanged: Int
        /// Stored, but naming an officer, reviewer or benchmark item nobody imported.
        var warnings: [Warning]?
        struct Warning: Encodable {
            var line: Int
            var message: String
        }
    }
}

extension Response {
    /// A JSON answer with sorted keys, as every API route gives.
    static func json<Value: Encodable>(_ value: Value, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}

/// Refuses bodies that a cross-site form could send, and answers every failure as JSON.
struct APIGuard: RouterMiddleware {
    typealias Context = WebRequestContext
    static let accepted = ["application/json", "application/xml"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // A cross-site form can send only GET and POST; DELETE carries no body to check.
        if request.method != .get, request.method != .head, request.method != .delete {
            try Self.require(request, Self.accepted)
        }
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError where !(error is WebError) {
            throw error
        } catch {
            if !(error is WebError) {
                context.logger.error("API request failed", metadata: ["path": .string(request.uri.path), "error": .string("\(error)")])
            }
            throw WebError.from(error)
        }
    }

    /// The request's media type (without parameters) must be one of `types`.
    static func require(_ request: Request, _ types: [String]) throws {
        let mediaType =
            request.headers[.contentType]?.split(separator: ";").first?
            .trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        guard types.contains(mediaType) else { throw WebError.unsupportedMediaType(mediaType) }
    }
}
