import CaseStore
import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import WebService

/// `/metrics` for Prometheus: only with the configured token; requests counted by route pattern
/// and status, jobs, audit runs and imports as they happen, and no case number in any label.
@Suite struct MetricsTests {
    static let token = "scrape-secret-0123"

    func scrape(_ client: any TestClientProtocol) async throws -> String {
        let response = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(Self.token)"])
        #expect(response.status == .ok)
        #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
        return String(buffer: response.body)
    }

    /// The value of one series, nil when it is not there.
    func value(_ exposition: String, _ series: String) -> Double? {
        exposition.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap { Double($0.split(separator: " ").last ?? "") }
    }

    @Test func onlyTheTokenOpensMetrics() async throws {
        let closed = try await WebFixture()
        try await closed.test { client in
            let answer = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(Self.token)"])
            #expect(answer.status == .notFound)
        }
        let fixture = try await WebFixture(metricsToken: Self.token)
        try await fixture.test { client in
            #expect(try await client.execute(uri: "/metrics", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer scrape-secret-0124"]).status == .notFound)
            #expect(try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: Self.token]).status == .notFound)
            _ = try await scrape(client)
        }
    }

    @Test func requestsJobsAndImportsAreCountedByRouteNotByCase() async throws {
        let fixture = try await WebFixture(metricsToken: Self.token)
        try await fixture.test { client in
            let login = #"zhifa_http_requests_total{route="/login",method="GET",status="200"}"#
            let reviewer = try await Browser.signIn(client, as: Accounts.reviewer)
            let before = try #require(value(try await scrape(client), login))
            for _ in 0..<3 { _ = try await client.execute(uri: "/login", method: .get) }
            #expect(try await reviewer.get("/cases/WH-SJJ-2024-0117").status == .ok)
            #expect(try await reviewer.get("/cases/NO-SUCH-CASE").status == .notFound)
            let after = try await scrape(client)
            #expect(value(after, login) == before + 3)
            #expect(value(after, #"zhifa_http_requests_total{route="/cases/{id}",method="GET",status="200"}"#) == 1)
            #expect(value(after, #"zhifa_http_requests_total{route="/cases/{id}",method="GET",status="404"}"#) == 1)
            #expect(after.contains(#"zhifa_http_request_duration_seconds_bucket{route="/cases/{id}",le="#))
            #expect(!after.contains("WH-SJJ-2024-0117") && !after.contains("NO-SUCH-CASE"))
            #expect(value(after, "zhifa_sessions_signed_in") == 1)

            // A job that audits, and a ledger that a clerk's job imports.
            let supervisor = try await APITests.signInJSON(client, Accounts.supervisor)
            let accepted = try await supervisor.send(
                "/api/v1/jobs", contentType: "application/json", body: #"{"kind":"violations","asOf":"2024-12-31","format":"csv"}"#)
            #expect(accepted.status == .accepted)
            // Before the ledger's job, whose cases it would otherwise audit too.
            fixture.web.runQueuedJobs()
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            let ledger = Array(try Data(contentsOf: LedgerUploadTests.ledger))
            #expect(try await clerk.upload("/cases/ledger", [], file: ledger, fileName: "台账.xlsx").status == .seeOther)
            fixture.web.runQueuedJobs()
            let jobs = try await scrape(client)
            #expect(value(jobs, #"zhifa_jobs_total{kind="violations",state="done"}"#) == 1)
            #expect(value(jobs, #"zhifa_jobs_total{kind="ledger",state="done"}"#) == 1)
            #expect(value(jobs, "zhifa_audit_runs_total") == 1)
            #expect(value(jobs, "zhifa_audit_cases_total") == Double(Repository.sampleCaseCount))
            #expect(value(jobs, "zhifa_audit_run_duration_seconds_count") == 1)
            #expect(value(jobs, #"zhifa_import_files_total{outcome="stored"}"#) == 1)
            #expect((value(jobs, "zhifa_import_cases_total") ?? 0) > 0)
        }
    }
}
