import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import TestSupport
import Testing

@testable import WebService

/// Every request leaves one line with its method, path, status, time and user, and no line holds a
/// password, a session key or what a user searched for.
@Suite struct RequestLogTests {
    /// Log lines kept in memory, each with its metadata rendered as `key=value`.
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var kept: [String] = []

        func add(_ line: String) {
            lock.lock()
            kept.append(line)
            lock.unlock()
        }

        var all: [String] {
            lock.lock()
            defer { lock.unlock() }
            return kept
        }
    }

    struct Capturing: LogHandler {
        let lines: Lines
        var logLevel: Logger.Level = .info
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let fields = metadata.merging(event.metadata ?? [:]) { _, new in new }.map { "\($0.key)=\($0.value)" }.sorted()
            lines.add(([event.message.description] + fields).joined(separator: " "))
        }
    }

    @Test func eachRequestIsOneLineWithoutWhatTheUserTyped() async throws {
        let fixture = try await WebFixture()
        let lines = Lines()
        let logger = Logger(label: "zhifa-test") { _ in Capturing(lines: lines) }
        let application = Application(router: fixture.web.buildRouter(), logger: logger)
        let identityNumber = "340102199001011234"
        try await application.test(.router) { client in
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            #expect(try await clerk.get("/cases?q=\(identityNumber)").status == .ok)
            #expect(try await client.execute(uri: "/api/v1/cases", method: .get).status == .unauthorized)
        }
        let requests = lines.all.filter { $0.hasPrefix("request ") }
        #expect(
            requests.contains {
                $0.contains("path=/cases") && $0.contains("status=200") && $0.contains("user=\(Accounts.clerk)") && $0.contains("hb.request.id=")
            })
        #expect(requests.contains { $0.contains("path=/api/v1/cases") && $0.contains("status=401") && $0.contains("user=-") })
        #expect(requests.allSatisfy { $0.contains("method=") && $0.contains("ms=") })
        for line in lines.all {
            #expect(!line.contains(Accounts.password) && !line.contains(identityNumber) && !line.contains("zhifa_session"), "\(line)")
        }
    }

    /// Everything a clerk's working session sends, logged at the most talkative level: no line holds
    /// a password (right or wrong), a session key or an identity number, whether it was typed,
    /// posted in a case or shown on a page.
    @Test func noLineOfAWholeSessionHoldsASecretOrAnIdentityNumber() async throws {
        let fixture = try await WebFixture()
        let lines = Lines()
        var logger = Logger(label: "zhifa-test") { _ in Capturing(lines: lines) }
        logger.logLevel = .trace
        let application = Application(router: fixture.web.buildRouter(), logger: logger)
        // 韩某's, in the sample case WH-SJJ-2024-0110; and one a posted case carries.
        let stored = "340203199001011238"
        let posted = "340102199001011234"
        let wrongPassword = "not the password 42"
        let sessions = try await application.test(.router) { client -> [String] in
            _ = try await client.postLogin(name: Accounts.clerk, password: wrongPassword)
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            #expect(try await clerk.get("/cases/WH-SJJ-2024-0110").text.contains("韩某"))
            #expect(try await clerk.get("/cases?q=\(stored)").status == .ok)
            let api = try await APITests.signInJSON(client, Accounts.clerk)
            #expect(try await api.get("/api/v1/cases/WH-SJJ-2024-0110").text.contains(stored))
            let sample = try String(contentsOf: Repository.samples.appendingPathComponent("cases/WH-SJJ-2024-0110.xml"), encoding: .utf8)
            let xml = sample.replacingOccurrences(of: "WH-SJJ-2024-0110", with: "WH-SJJ-2026-0990").replacingOccurrences(of: stored, with: posted)
            #expect(try await api.send("/api/v1/cases", contentType: "application/xml", body: xml).status == .created)
            let broken = xml.replacingOccurrences(of: "<events>", with: "<events><bogus/>")
            #expect(try await api.send("/api/v1/cases", contentType: "application/xml", body: broken).status == .unprocessableContent)
            return [clerk.cookie, api.cookie].map { String($0.split(separator: "=", maxSplits: 1)[1]) }
        }
        #expect(lines.all.count > 10)
        for line in lines.all {
            for secret in [Accounts.password, wrongPassword, stored, posted] + sessions {
                #expect(!line.contains(secret), "\(line)")
            }
        }
    }
}
