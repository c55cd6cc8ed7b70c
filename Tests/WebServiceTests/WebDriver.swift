import AsyncHTTPClient
import Foundation
import NIOCore

/// Just enough of the W3C WebDriver protocol to drive Debian's chromedriver: a session, navigation,
/// elements, typing, clicks, scripts and screenshots.
final class WebDriver: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible { var description: String }

    static var chromedriver: String? {
        ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private let process = Process()
    private let base: String
    private var session = ""

    /// Starts chromedriver on `port` and a headless Chromium session of the given window size.
    init(executable: String, port: Int, width: Int = 1280, height: Int = 2000) async throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--port=\(port)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        base = "http://127.0.0.1:\(port)"
        var ready = false
        var lastError: (any Error)?
        for _ in 0..<100 where !ready {
            var status: [String: Any]?
            do { status = try await call("GET", "/status")["value"] as? [String: Any] } catch { lastError = error }
            ready = status?["ready"] as? Bool == true
            if !ready { try await Task.sleep(for: .milliseconds(100)) }
        }
        guard ready else {
            await quit()
            throw Failure(description: "chromedriver did not start on port \(port): \(lastError.map { "\($0)" } ?? "not ready")")
        }
        let capabilities: [String: Any] = [
            "capabilities": [
                "alwaysMatch": [
                    "browserName": "chrome",
                    "goog:chromeOptions": [
                        "binary": "/usr/bin/chromium",
                        "args": [
                            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                            "--window-size=\(width),\(height)", "--lang=zh-CN"
                        ]
                    ]
                ]
            ]
        ]
        let created = try await call("POST", "/session", capabilities)
        guard let id = created["sessionId"] as? String else {
            await quit()
            throw Failure(description: "no session: \(created)")
        }
        session = id
    }

    /// Ends the browser session and chromedriver. Polls rather than `waitUntilExit()`, which spins
    /// on Foundation's run loop when called from a concurrency thread on Linux.
    func quit() async {
        if !session.isEmpty { _ = try? await call("DELETE", "/session/\(session)") }
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        for _ in 0..<50 where process.isRunning { try? await Task.sleep(for: .milliseconds(100)) }
    }

    func go(_ url: String) async throws { _ = try await call("POST", "/session/\(session)/url", ["url": url]) }

    var url: String { get async throws { try await call("GET", "/session/\(session)/url")["value"] as? String ?? "" } }

    var source: String { get async throws { try await call("GET", "/session/\(session)/source")["value"] as? String ?? "" } }

    func element(_ css: String) async throws -> String {
        let found = try await call("POST", "/session/\(session)/element", ["using": "css selector", "value": css])
        guard let value = found["value"] as? [String: Any], let id = value.values.first as? String else {
            throw Failure(description: "no element \(css): \(found)")
        }
        return id
    }

    func type(_ css: String, _ text: String) async throws {
        let id = try await element(css)
        _ = try await call("POST", "/session/\(session)/element/\(id)/clear", [:])
        _ = try await call("POST", "/session/\(session)/element/\(id)/value", ["text": text])
    }

    func click(_ css: String) async throws {
        _ = try await call("POST", "/session/\(session)/element/\(try await element(css))/click", [:])
    }

    /// Clicks something that submits or follows a link, and waits until the next page has loaded:
    /// the old page is marked first, so a lookup can never land on it while the new one arrives.
    func clickAndWait(_ css: String, timeout: Duration = .seconds(30)) async throws {
        try await run("window.__zhifaLeaving = true;")
        try await click(css)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let loaded = try? await run("return window.__zhifaLeaving !== true && document.readyState === 'complete';")
            if loaded as? Bool == true { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Failure(description: "no new page within \(timeout) after clicking \(css)")
    }

    func text(_ css: String) async throws -> String {
        try await call("GET", "/session/\(session)/element/\(try await element(css))/text")["value"] as? String ?? ""
    }

    /// Sets a field's value as a script would: date inputs and selects type differently in each locale.
    func set(_ css: String, _ value: String) async throws {
        try await run("document.querySelector(arguments[0]).value = arguments[1];", [css, value])
    }

    @discardableResult
    func run(_ script: String, _ arguments: [Any] = []) async throws -> Any? {
        try await call("POST", "/session/\(session)/execute/sync", ["script": script, "args": arguments])["value"]
    }

    func screenshot(to url: URL) async throws {
        guard let base64 = try await call("GET", "/session/\(session)/screenshot")["value"] as? String,
            let data = Data(base64Encoded: base64)
        else { throw Failure(description: "no screenshot") }
        try data.write(to: url)
    }

    /// Prints the page as the browser's print dialog would (W3C WebDriver "Print Page"): A4, the
    /// page's own print stylesheet. Returns the PDF.
    func printPDF(to url: URL) async throws {
        let body: [String: Any] = ["page": ["width": 21.0, "height": 29.7], "background": true]
        guard let base64 = try await call("POST", "/session/\(session)/print", body)["value"] as? String,
            let data = Data(base64Encoded: base64)
        else { throw Failure(description: "no PDF") }
        try data.write(to: url)
    }

    private func call(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: base + path)
        request.method = .RAW(value: method)
        if let body {
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
            request.headers.add(name: "Content-Type", value: "application/json")
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let data = Data(buffer: try await response.body.collect(upTo: 64 << 20))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        if let value = object["value"] as? [String: Any], let error = value["error"] as? String {
            throw Failure(description: "\(method) \(path): \(error): \(value["message"] ?? "")")
        }
        // Session creation answers sessionId inside value.
        if path == "/session", let value = object["value"] as? [String: Any] { return value }
        return object
    }
}
