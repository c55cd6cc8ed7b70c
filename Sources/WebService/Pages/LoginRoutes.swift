import Foundation
import Hummingbird

/// Sign-in and sign-out pages.
struct LoginRoutes {
    let app: WebApp

    struct LoginView: Encodable {
        var chrome: Chrome
        var token: String
        var next: String
        var user: String
        var error: String?
    }

    struct LoginForm: Decodable {
        var user: String
        var password: String
        var token: String?
        var next: String?
    }

    func register(on router: Router<WebRequestContext>) {
        router.get("/") { _, context in
            redirect(to: context.identity == nil ? "/login" : "/cases")
        }
        router.get("login") { request, context in
            app.pages.render(
                "login",
                LoginView(
                    chrome: Chrome(title: "登录", context: context), token: app.loginTokens.issue(),
                    next: Self.safeNext(request.uri.queryParameters["next"].map(String.init)), user: ""))
        }
        router.post("login") { request, context -> Response in
            let form = try await decodeForm(LoginForm.self, request, limit: app.configuration.maxRequestBytes)
            guard try await app.loginTokens.consume(form.token) else { throw WebError.csrfRejected }
            do {
                let user = try await app.authenticate(name: form.user, password: form.password)
                await app.startSession(for: user, request: request, context: context)
                context.logger.info("signed in", metadata: ["user": .string(user.name), "role": .string(user.role.rawValue)])
                return redirect(to: Self.safeNext(form.next))
            } catch let error as WebError where error.status == .unauthorized || error.status == .tooManyRequests {
                context.logger.notice("sign-in refused", metadata: ["user": .string(form.user), "reason": .string(error.message)])
                let view = LoginView(
                    chrome: Chrome(title: "登录", context: context), token: app.loginTokens.issue(),
                    next: Self.safeNext(form.next), user: form.user, error: error.message)
                var response = try app.pages.render("login", view, status: error.status).response(from: request, context: context)
                if case .throttled(let seconds) = error { response.headers[.retryAfter] = String(seconds) }
                return response
            }
        }
        router.post("logout") { request, context -> Response in
            let form = try await decodeForm(CSRFForm.self, request, limit: app.configuration.maxRequestBytes)
            try context.checkCSRF(form.csrf)
            context.sessions.clearSession()
            return redirect(to: "/login")
        }
    }

    /// Only a path of this site. Browsers drop tabs and line breaks and read `\\` as `/`, so
    /// `/\t/evil` or `/\\evil` would leave the site: the path may hold only visible ASCII (other
    /// characters arrive percent-encoded), no backslash, and may not start with `//`.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), next.utf8.count <= 2048,
            next.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != "\\" })
        else { return "/cases" }
        return next
    }
}

/// A form that carries nothing but its token.
struct CSRFForm: Decodable {
    var csrf: String?
}

/// Decodes an `application/x-www-form-urlencoded` body within a size limit.
func decodeForm<Form: Decodable>(_ type: Form.Type, _ request: Request, limit: Int) async throws -> Form {
    var request = request
    let buffer = try await collectBody(&request, limit: limit)
    do {
        return try URLEncodedFormDecoder().decode(Form.self, from: String(buffer: buffer))
    } catch {
        throw WebError.badRequest("表单内容不完整或格式不对：\(error)")
    }
}

/// The body, or `tooLarge` when it exceeds `limit`: checked against Content-Length first, so that
/// an oversized upload is refused before it is read.
func collectBody(_ request: inout Request, limit: Int) async throws -> ByteBuffer {
    if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
        throw WebError.tooLarge(limit: limit)
    }
    do {
        return try await request.collectBody(upTo: limit)
    } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
        throw WebError.tooLarge(limit: limit)
    }
}
