import Audit
import CaseModel
import CaseStore
import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import WebService

/// The API's contract (docs/api/openapi.json) says what the routes are: no route undocumented, no
/// documented route missing, every enumeration the words the code uses; and the service serves it.
@Suite struct OpenAPITests {
    static let file = Repository.root.appendingPathComponent("docs/api/openapi.json")

    func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.file)) as? [String: Any])
    }

    @Test func everyRouteUnderTheAPIIsDocumentedAndNothingElse() async throws {
        let fixture = try await WebFixture()
        let routes = Set(
            fixture.web.buildRouter().routes.map { "\($0.method.rawValue) \($0.path)" }.filter { $0.contains(" /api/v1/") })
        let paths = try #require(try document()["paths"] as? [String: [String: Any]])
        var documented: Set<String> = []
        for (path, operations) in paths {
            for method in operations.keys { documented.insert("\(method.uppercased()) \(path)") }
        }
        #expect(!routes.isEmpty)
        #expect(routes.subtracting(documented).isEmpty, "undocumented: \(routes.subtracting(documented).sorted())")
        #expect(documented.subtracting(routes).isEmpty, "documented but missing: \(documented.subtracting(routes).sorted())")
    }

    @Test func everyEnumerationHasTheCodesWords() throws {
        let schemas = try #require((try document()["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
        func words(_ name: String, _ property: String? = nil) -> [String] {
            let schema = property.flatMap { (schemas[name]?["properties"] as? [String: [String: Any]])?[$0] } ?? schemas[name]
            return schema?["enum"] as? [String] ?? []
        }
        #expect(words("CaseType") == CaseType.allCases.map(\.rawValue))
        #expect(words("Procedure") == Procedure.allCases.map(\.rawValue))
        #expect(words("EventKind") == EventKind.allCases.map(\.rawValue))
        #expect(words("PenaltyKind") == PenaltyKind.allCases.map(\.rawValue))
        #expect(words("ObligationKind") == DueObligation.Kind.allCases.map(\.rawValue))
        #expect(words("Role") == AccountRole.allCases.map(\.rawValue))
        #expect(words("JobStatus", "kind") == JobRecord.Kind.allCases.map(\.rawValue))
        #expect(words("JobStatus", "state") == ["queued", "running", "done", "failed", "cancelled"])
        let started = JobRecord.Kind.allCases.filter { ![.ledger, .cases, .campaign].contains($0) }.map(\.rawValue)
        #expect(words("JobRequest", "kind") == started, "a ledger's or posted XML's job starts only from its upload, a campaign's from its form")
        let findings = (schemas["CaseAudit"]?["properties"] as? [String: [String: Any]])?["findings"]?["items"] as? [String: Any]
        #expect(((findings?["properties"] as? [String: [String: Any]])?["status"]?["enum"] as? [String]) == FindingStatus.allCases.map(\.rawValue))
    }

    @Test func theServiceServesTheDocumentToAnyone() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let served = try await client.execute(uri: "/api/v1/openapi.json", method: .get)
            #expect(served.status == .ok)
            #expect(Data(buffer: served.body) == (try Data(contentsOf: Self.file)))
        }
    }
}
