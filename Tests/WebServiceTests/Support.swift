import CaseStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import TestSupport
import Testing
import WorkCalendar

@testable import WebService

/// The accounts every web test signs in with: one of each role, and clerks of two agencies.
enum Accounts {
    static let password = "correct horse battery"
    static let clerk = "王办案"  // WH-SJJ
    static let otherClerk = "李城管"  // WH-CGJ
    static let reviewer = "陈评查"
    static let supervisor = "周监督"
    static let admin = "管理员"

    static let all: [(name: String, role: AccountRole, agency: String?)] = [
        (clerk, .clerk, "WH-SJJ"), (otherClerk, .clerk, "WH-CGJ"), (reviewer, .reviewer, nil),
        (supervisor, .supervisor, nil), (admin, .admin, nil)
    ]
    /// Cost 4 keeps the tests fast; the service itself hashes at cost 12.
    static let hash = Passwords.hash(password, cost: 4)
}

/// A store holding the sample cases and the accounts, and the web app on top of it.
/// Immutable after init; the folder is only touched again when it is deleted with the fixture.
struct WebFixture: @unchecked Sendable {
    let folder: TemporaryFolder
    let store: CaseStore
    let web: WebApp
    let location: String
    let configuration: WebServiceConfiguration

    /// The samples and an account of each role in a new store: an SQLite file, or the database at `location`.
    init(
        maxUploadBytes: Int = 256 << 10, sessionLifetime: Duration = .seconds(3600), location: String? = nil,
        today: Today = .process, metricsToken: String? = nil
    ) async throws {
        folder = try TemporaryFolder()
        self.location = location ?? folder.file("web.sqlite").path
        store = try CaseStore(location: self.location)
        let report = store.importPaths([Repository.samples.path], actor: "fixture")
        #expect(report.failures.isEmpty)
        for account in Accounts.all {
            try await store.addAccount(name: account.name, role: account.role, agency: account.agency, passwordHash: Accounts.hash, actor: "fixture")
        }
        var configuration = WebServiceConfiguration(
            evidenceDirectory: folder.file("evidence"), sessionLifetime: sessionLifetime,
            maxUploadBytes: maxUploadBytes, maxRequestBytes: 64 << 10)
        configuration.today = today
        configuration.metricsToken = metricsToken
        configuration.inlineCasesBytes = 64 << 10
        self.configuration = configuration
        web = try await WebApp(store: store, configuration: configuration)
    }

    /// Another node of the service on the same store, as a second `zhifa serve` process would be:
    /// a store of its own opened at the same place, and nothing in memory shared with the first.
    func node() async throws -> WebApp {
        try await WebApp(store: try CaseStore(location: location), configuration: configuration)
    }

    func test(_ node: WebApp? = nil, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        var logger = Logger(label: "zhifa-test")
        logger.logLevel = .warning
        let application = Application(router: (node ?? web).buildRouter(), logger: logger)
        try await application.test(.router) { client in try await body(client) }
    }
}

/// A signed-in browser: its cookie and the page token its forms carry.
struct Browser: Sendable {
    let client: any TestClientProtocol
    let cookie: String
    let csrf: String

    static func signIn(_ client: any TestClientProtocol, as name: String, password: String = Accounts.password) async throws -> Browser {
        let response = try await client.postLogin(name: name, password: password)
        #expect(response.status == .seeOther, "signing in as \(name)")
        let cookie = try #require(response.headers[.setCookie]?.split(separator: ";").first.map(String.init))
        let page = try await client.execute(uri: "/cases", method: .get, headers: [.cookie: cookie])
        let csrf = try #require(String(buffer: page.body).firstMatch(of: /name="csrf" value="([0-9a-f]+)"/)?.1).description
        return Browser(client: client, cookie: cookie, csrf: csrf)
    }

    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        var all = headers
        all[.cookie] = cookie
        return try await client.execute(uri: uri, method: .get, headers: all)
    }

    /// Posts a URL-encoded form with this session's token unless `csrf` says otherwise.
    func post(_ uri: String, _ fields: [(String, String)], csrf: String? = nil) async throws -> TestResponse {
        let body = formBody(fields + [("csrf", csrf ?? self.csrf)])
        return try await client.execute(
            uri: uri, method: .post,
            headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body))
    }

    func send(_ uri: String, method: HTTPRequest.Method = .post, contentType: String, body: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: method, headers: [.cookie: cookie, .contentType: contentType], body: ByteBuffer(string: body))
    }

    /// A multipart form with one file field named `file`.
    func upload(_ uri: String, _ fields: [(String, String)], file: [UInt8], fileName: String) async throws -> TestResponse {
        let boundary = "zhifa-test-boundary"
        var body = ByteBuffer()
        for (name, value) in fields + [("csrf", csrf)] {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        body.writeString(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
        body.writeBytes(file)
        body.writeString("\r\n--\(boundary)--\r\n")
        return try await client.execute(
            uri: uri, method: .post,
            headers: [.cookie: cookie, .contentType: "multipart/form-data; boundary=\(boundary)"], body: body)
    }
}

extension TestClientProtocol {
    func postLogin(name: String, password: String) async throws -> TestResponse {
        let page = try await execute(uri: "/login", method: .get)
        let token = try #require(String(buffer: page.body).firstMatch(of: /name="token" value="([^"]+)"/)?.1).description
        return try await execute(
            uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: formBody([("user", name), ("password", password), ("token", token), ("next", "/cases")])))
    }
}

func formBody(_ fields: [(String, String)]) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return fields.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }
        .joined(separator: "&")
}

extension TestResponse {
    var text: String { String(buffer: body) }
}

extension WebApp {
    /// Runs every job queued on the store on this node, and waits for them.
    func runQueuedJobs() {
        for thread in jobs.startWaitingJobs() {
            while !thread.isFinished { usleep(10_000) }
        }
    }
}
