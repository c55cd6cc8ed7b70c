import CaseStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
@testable import WebService

/// The administrator's imports: registries and benchmarks through the same importer as the CLI.
@Suite struct AdminTests {
    @Test func anAdminImportsARegistryAndItIsJournaledUnderTheirName() async throws {
        let fixture = try await WebFixture()
        let registry = """
            <?xml version="1.0" encoding="UTF-8"?>
            <registry xmlns="urn:zhifa:registry:1">
              <agency code="WH-NEW" name="芜湖市新设局" region="340200" field="market"/>
            </registry>
            """
        try await fixture.test { client in
            let admin = try await Browser.signIn(client, as: Accounts.admin)
            let imported = try await admin.upload("/admin/import", [], file: Array(registry.utf8), fileName: "registry.xml")
            #expect(imported.status == .seeOther)
            #expect(imported.headers[.location]?.hasPrefix("/admin?saved=") == true)
            // The new agency is offered at once, without waiting for the shared registry to expire.
            #expect(try await admin.get("/admin").text.contains("芜湖市新设局"))
            // A case file is not the admin's to import.
            let caseFile = caseDocument(id: "WH-NEW-2026-0001", agency: "WH-NEW")
            let refused = try await admin.upload("/admin/import", [], file: Array(caseFile.utf8), fileName: "case.xml")
            #expect(refused.status == .unprocessableContent)
            let broken = try await admin.upload("/admin/import", [], file: Array("<registry xmlns=\"urn:zhifa:registry:1\">\n<agency".utf8),
                                                fileName: "broken.xml")
            #expect(broken.status == .unprocessableContent)
            #expect(broken.text.contains("broken.xml 第"))
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            let forbidden = try await clerk.upload("/admin/import", [], file: Array(registry.utf8), fileName: "registry.xml")
            #expect(forbidden.status == .forbidden)
        }
        #expect(try fixture.store.registry().agencies.contains { $0.code == "WH-NEW" })
        #expect(try fixture.store.loadCase(id: "WH-NEW-2026-0001") == nil)
        #expect(try fixture.store.journal().last { $0.action == "registry.import" }?.actor == Accounts.admin)
    }
}
