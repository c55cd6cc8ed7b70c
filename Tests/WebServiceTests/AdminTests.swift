import CaseStore
import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

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
            #expect(imported.headers[.location] == "/admin")
            // The new agency is offered at once, without waiting for the shared registry to expire,
            // under the notice of what was imported, which is said once.
            let page = try await admin.get("/admin").text
            #expect(page.contains("芜湖市新设局") && page.contains("已保存："))
            #expect(!(try await admin.get("/admin").text.contains("已保存：")))
            // A case file is not the admin's to import.
            let caseFile = caseDocument(id: "WH-NEW-2026-0001", agency: "WH-NEW")
            let refused = try await admin.upload("/admin/import", [], file: Array(caseFile.utf8), fileName: "case.xml")
            #expect(refused.status == .unprocessableContent)
            let broken = try await admin.upload(
                "/admin/import", [], file: Array("<registry xmlns=\"urn:zhifa:registry:1\">\n<agency".utf8),
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

    @Test func anAdminRemovesAnAccountAndItsSessionEndsButNotTheirOwn() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let admin = try await Browser.signIn(client, as: Accounts.admin)
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            #expect(try await clerk.get("/cases").status == .ok)
            let page = try await admin.get("/admin")
            #expect(page.text.contains(#"name="name" value="\#(Accounts.clerk)""#), "each other account has its button")
            #expect(!page.text.contains(#"name="name" value="\#(Accounts.admin)""#), "the admin's own row has none")

            // Not by a clerk, not without the page's token, not the admin's own account.
            #expect(try await clerk.post("/admin/users/remove", [("name", Accounts.reviewer)]).status == .forbidden)
            #expect(try await admin.post("/admin/users/remove", [("name", Accounts.clerk)], csrf: "forged").status == .forbidden)
            let own = try await admin.post("/admin/users/remove", [("name", Accounts.admin)])
            #expect(own.status == .unprocessableContent && own.text.contains("不能删除自己"))
            let unknown = try await admin.post("/admin/users/remove", [("name", "无此人")])
            #expect(unknown.status == .unprocessableContent && unknown.text.contains("没有用户 无此人"))

            let removed = try await admin.post("/admin/users/remove", [("name", Accounts.clerk)])
            #expect(removed.status == .seeOther)
            #expect(try await clerk.get("/cases").status == .seeOther, "the removed account's session has ended")
            #expect(try await admin.get("/admin").status == .ok)
        }
        #expect(try fixture.store.account(named: Accounts.clerk) == nil)
        #expect(try fixture.store.account(named: Accounts.reviewer) != nil)
        #expect(try fixture.store.journal().last?.action == "user.remove")
        #expect(try fixture.store.journal().last?.actor == Accounts.admin)
    }
}
