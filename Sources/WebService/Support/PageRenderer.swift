import BundledFiles
import Foundation
import Hummingbird
import PageTemplates

/// The server-rendered pages: Mustache templates carried inside the binary, each page's view turned
/// into plain values once (`TemplateEncoder`) and rendered by `PageTemplates`, which escapes every
/// value for HTML and has no unescaped form.
struct PageRenderer: Sendable {
    private let library: TemplateLibrary

    init() throws {
        let texts = BundledFiles.files(in: "Sources/WebService/Templates").reduce(into: [String: String]()) { texts, file in
            guard file.key.hasSuffix(".mustache") else { return }
            texts[String(file.key.dropLast(".mustache".count))] = file.value
        }
        guard !texts.isEmpty else { throw TemplatesMissing() }
        library = try TemplateLibrary(texts: texts)
    }

    /// `template` rendered for everyone who sees it alike, cut at the stand-ins of its view's
    /// frame (`Chrome.standIn`); nil when it cannot be rendered.
    func skeleton(_ template: String, _ view: some Encodable) -> PageSkeleton? {
        guard let value = try? TemplateEncoder.value(of: view), let text = library.render(template, value) else { return nil }
        return PageSkeleton(rendered: text)
    }

    func render(_ template: String, _ view: some Encodable, status: HTTPResponse.Status = .ok) -> HTML {
        guard let value = try? TemplateEncoder.value(of: view), let text = library.render(template, value) else {
            return HTML("<!doctype html><title>模板缺失</title><p>页面模板 \(template) 缺失。", status: .internalServerError)
        }
        return HTML(text, status: status)
    }
}

/// The binary was built without its page templates (`scripts/embed-files`).
struct TemplatesMissing: Error, CustomStringConvertible {
    var description: String { "the page templates are missing from this build (run scripts/embed-files)" }
}

/// A rendered page.
struct HTML: ResponseGenerator {
    var text: String
    var status: HTTPResponse.Status
    /// A self-contained printable document (the 案卷评查表) carries its style inline; it still
    /// runs no script and fetches nothing.
    var inlineStyle = false

    init(_ text: String, status: HTTPResponse.Status = .ok, inlineStyle: Bool = false) {
        self.text = text
        self.status = status
        self.inlineStyle = inlineStyle
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                // Nothing is fetched from elsewhere: no CDN, no external scripts or fonts.
                .contentSecurityPolicy:
                    "default-src 'self'; img-src 'self' data:; style-src 'self'\(inlineStyle ? " 'unsafe-inline'" : ""); frame-ancestors 'none'",
                .init("X-Content-Type-Options")!: "nosniff"
            ],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// The See Other answer to a form post, so that reloading the next page does not post again.
func redirect(to location: String) -> Response {
    Response(status: .seeOther, headers: [.location: location])
}

/// A file to download, with its name in the header in both ASCII and UTF-8 forms.
func download(_ data: Data, name: String, contentType: String) -> Response {
    let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "download"
    return Response(
        status: .ok,
        headers: [
            .contentType: contentType,
            .contentDisposition: "attachment; filename=\"\(encoded)\"; filename*=UTF-8''\(encoded)"
        ],
        body: .init(byteBuffer: ByteBuffer(bytes: data)))
}

/// Renders refusals of page routes as pages: sign-in redirects, 403/404/413/422 with the reason.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = WebRequestContext
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !request.uri.path.hasPrefix("/api/") else { return try await next(request, context) }
        do {
            return try await next(request, context)
        } catch WebError.signInRequired {
            let back = request.uri.path == "/" ? "" : "?next=" + (request.uri.description.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            return redirect(to: "/login" + back)
        } catch let error as any HTTPResponseError where !(error is WebError) {
            let message = error.status == .notFound ? "没有这个页面。" : error.status == .contentTooLarge ? "上传内容过大，未保存。" : "请求无法处理（\(error.status.code)）。"
            return try page(status: error.status, message: message, problems: [], context: context).response(from: request, context: context)
        } catch {
            let webError = WebError.from(error)
            if !(error is WebError) {
                context.logger.error("request failed", metadata: ["path": .string(request.uri.path), "error": .string("\(error)")])
            }
            var response = try page(status: webError.status, message: webError.message, problems: webError.problems, context: context)
                .response(from: request, context: context)
            if let seconds = webError.retryAfter { response.headers[.retryAfter] = String(seconds) }
            return response
        }
    }

    private func page(status: HTTPResponse.Status, message: String, problems: [String], context: Context) -> HTML {
        let view = ErrorView(
            chrome: Chrome(title: "\(status.code) \(status.reasonPhrase)", context: context),
            status: status.code, message: message, problems: problems,
            hasProblems: !problems.isEmpty)
        return pages.render("error", view, status: status)
    }
}

struct ErrorView: Encodable {
    var chrome: Chrome
    var status: Int
    var message: String
    var problems: [String]
    var hasProblems: Bool
}

/// What every page's frame shows: the title, who is signed in, the menu their role allows, and the form token.
struct Chrome: Encodable {
    var title: String
    var user: UserView?
    var csrf: String
    /// Seconds after which the page reloads itself (a job's progress).
    var refresh: Int?

    struct UserView: Encodable {
        var name: String
        var role: String
        var agency: String?
        /// `Permission` by name: what the navigation offers (`{{#chrome.user.may.runAudits}}`).
        var may: [String: Bool]
    }

    init(title: String, context: WebRequestContext, refresh: Int? = nil) {
        self.init(title: title, user: context.identity, csrf: context.csrfToken, refresh: refresh)
    }

    init(title: String, user: WebUser?, csrf: String, refresh: Int? = nil) {
        self.title = title
        self.refresh = refresh
        self.csrf = csrf
        self.user = user.map { user in
            UserView(
                name: user.name, role: user.role.chineseName, agency: user.agencyName ?? user.agency,
                may: Dictionary(uniqueKeysWithValues: Permission.allCases.map { ($0.rawValue, user.may($0)) }))
        }
    }
}
