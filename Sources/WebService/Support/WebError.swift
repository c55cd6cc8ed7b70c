import CaseStore
import CaseXML
import Foundation
import Hummingbird

/// Why a request was refused, in words the user can act on (Chinese, as the interface is).
///
/// API routes answer these as JSON (`{"error": …, "errors": […]}`); page routes as an HTML page
/// with the same status, through `ErrorPageMiddleware`.
public enum WebError: Error, HTTPResponseError, Sendable {
    /// No session, or it expired: pages redirect to sign-in, the API answers 401.
    case signInRequired
    /// Signed in, but the role does not allow this.
    case forbidden(String)
    /// No such thing, or the user may not know it exists.
    case notFound(String)
    /// The submission could not be stored; each problem is one line.
    case invalid([String])
    /// A posted XML document failed validation; each problem keeps its line.
    case invalidDocument([XMLDiagnostic])
    case badRequest(String)
    /// A form arrived without the token its page was given.
    case csrfRejected
    case tooLarge(limit: Int)
    case unsupportedMediaType(String)
    case throttled(retryAfterSeconds: Int)
    case wrongPassword
    /// Another process holds the store's write lock past the wait (a long `zhifa import`): try again.
    case busy(retryAfterSeconds: Int)
    /// The disk or the database is full; nothing was saved.
    case storageFull
    /// The database cannot be reached or did not answer in time; nothing was saved.
    case storeUnavailable
    /// Anything else: logged in full, shown without internal text.
    case internalError

    public var status: HTTPResponse.Status {
        switch self {
        case .signInRequired, .wrongPassword: .unauthorized
        case .forbidden, .csrfRejected: .forbidden
        case .notFound: .notFound
        case .invalid, .invalidDocument: .unprocessableContent
        case .badRequest: .badRequest
        case .tooLarge: .contentTooLarge
        case .unsupportedMediaType: .unsupportedMediaType
        case .throttled: .tooManyRequests
        case .busy, .storeUnavailable: .serviceUnavailable
        case .storageFull: HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage")
        case .internalError: .internalServerError
        }
    }

    public var message: String {
        switch self {
        case .signInRequired: "请先登录。"
        case .forbidden(let message), .notFound(let message), .badRequest(let message): message
        case .invalid(let problems): problems.count == 1 ? "提交的内容未通过校验：\(problems[0])" : "提交的内容有 \(problems.count) 处未通过校验。"
        case .invalidDocument(let problems): "案件 XML 有 \(problems.count) 处未通过校验，未保存任何内容。"
        case .csrfRejected: "表单已过期或并非来自本系统（CSRF 校验失败），请刷新页面后重试。"
        case .tooLarge(let limit): "上传内容超过 \(Self.size(limit)) 的上限，未保存。"
        case .unsupportedMediaType(let type): "接口只接受 application/json 或 application/xml，收到的是 \(type.isEmpty ? "无类型" : type)。"
        case .throttled(let seconds): "登录失败次数过多，请 \(max(1, seconds / 60)) 分钟后再试。"
        case .wrongPassword: "用户名或密码错误。"
        case .busy(let seconds): "系统正忙（另一个程序正在写入数据，例如批量导入），本次未保存任何内容，请 \(seconds) 秒后重试。"
        case .storeUnavailable: "数据库暂时无法访问（可能正在重启或网络中断），本次未保存任何内容，请稍后重试。"
        case .storageFull: "服务器存储空间不足，本次未保存任何内容。请联系系统管理员。"
        case .internalError: "服务器内部错误，已记入日志，本次未保存任何内容。请稍后重试或联系系统管理员。"
        }
    }

    public var problems: [String] {
        switch self {
        case .invalid(let problems): problems
        case .invalidDocument(let problems): problems.map { "第 \($0.line) 行：\($0.message)" }
        default: []
        }
    }

    /// The seconds after which a client should try again, for `Retry-After`.
    var retryAfter: Int? {
        switch self {
        case .throttled(let seconds), .busy(let seconds): seconds
        case .storeUnavailable: 10
        default: nil
        }
    }

    /// What an error from below the web layer means to the user, decided once for pages and API.
    /// Store and disk errors never reach a page as their own text, which names server paths.
    static func from(_ error: Error) -> WebError {
        switch error {
        case let error as WebError: return error
        case let error where StoreCondition(error) == .busy: return .busy(retryAfterSeconds: 5)
        case let error where StoreCondition(error) == .full: return .storageFull
        case let error where StoreCondition(error) == .unavailable: return .storeUnavailable
        case let error as StoreError:
            switch error.kind {
            case .notFound: return .notFound(error.description + "。")
            case .refused:
                if case .outOfScope = error { return .forbidden(error.description) }
                return .invalid([error.description])
            case .internalFailure: return .internalError
            }
        case let error as CaseXMLError: return .invalidDocument(error.diagnostics)
        default:
            return SystemErrorText.isDiskFull(error) ? .storageFull : .internalError
        }
    }

    static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MB" : bytes >= 1 << 10 ? "\(bytes >> 10) KB" : "\(bytes) 字节"
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let seconds = retryAfter { headers[.retryAfter] = String(seconds) }
        var lines: [Int?] = []
        if case .invalidDocument(let diagnostics) = self { lines = diagnostics.map(\.line) }
        let messages = { if case .invalidDocument(let d) = self { return d.map(\.message) } else { return problems } }()
        let body = JSONBody(
            error: message,
            errors: messages.isEmpty
                ? nil
                : messages.enumerated().map {
                    JSONBody.Problem(line: $0.offset < lines.count ? lines[$0.offset] : nil, message: $0.element)
                })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(body)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private struct JSONBody: Encodable {
        var error: String
        var errors: [Problem]?

        struct Problem: Encodable {
            var line: Int?
            var message: String
        }
    }
}
