import CaseStore
import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import WebService

/// The web service on a PostgreSQL store: pages, the API and writes behave as on a file.
@Suite struct PostgresServiceTests {
    @Test func aClerkAndAReviewerWorkThroughAPostgreSQLStore() async throws {
        let fixture = try await WebFixture(location: try ThrowawayPostgres.newDatabase())
        #expect(fixture.store.backendKind == .postgres)
        try await fixture.test { client in
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            let list = try await clerk.get("/cases")
            #expect(list.status == .ok)
            #expect(list.text.contains("WH-SJJ-2024-0117") && !list.text.contains("WH-HBJ-2024-0018"), "a clerk sees only their agency")
            let page = try await clerk.get("/cases/WH-SJJ-2024-0117")
            #expect(page.status == .ok && page.text.contains("芜湖某超市有限公司"))
            #expect(try await clerk.get("/cases/WH-HBJ-2024-0018").status == .notFound)

            let api = try await APITests.signInJSON(client, Accounts.clerk)
            let created = try await api.send(
                "/api/v1/cases", contentType: "application/xml; charset=utf-8",
                body: """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <case xmlns="urn:zhifa:case:1" id="WH-SJJ-2026-0301" agency="WH-SJJ" type="inspection">
                      <party kind="organisation" name="芜湖某公司"/>
                      <events><event kind="inspection" date="2026-03-02" officers="O-1001 O-1002"><record kind="text" title="现场检查笔录"/></event></events>
                    </case>
                    """)
            #expect(created.status == .created)
            #expect(created.text == #"{"new":1,"replaced":0,"unchanged":0}"#)

            let reviewer = try await Browser.signIn(client, as: Accounts.reviewer)
            let reviewed = try await reviewer.get("/cases/WH-SJJ-2026-0301")
            #expect(reviewed.status == .ok && reviewed.text.contains("芜湖某公司"))
        }
        #expect(try fixture.store.caseCount() == Repository.sampleCaseCount + 1)
        #expect(try fixture.store.verify().isIntact)
    }
}
