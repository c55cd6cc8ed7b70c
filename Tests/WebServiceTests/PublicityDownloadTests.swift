import Foundation
import Testing

/// 双公示 downloads: a clerk gets their own agency's decisions whatever the query asks, a
/// supervisor any agency's, a reviewer none; the file is the template with the header first.
@Suite struct PublicityDownloadTests {
    @Test func clerksGetTheirOwnAgencysAndSupervisorsTheOneTheyChoose() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            let own = try await clerk.get("/export/publicity?kind=penalty&format=csv&agency=WH-CGJ")
            #expect(own.status == .ok && own.headers[.contentType]?.hasPrefix("text/csv") == true)
            let lines = own.text.split(whereSeparator: \.isNewline)
            #expect(lines.first?.hasPrefix("\u{FEFF}行政相对人名称,行政相对人类别,") == true)
            #expect(lines.count > 5 && lines.dropFirst().allSatisfy { $0.contains("芜湖市市场监督管理局") && !$0.contains("芜城管") })
            #expect(!own.text.contains("34020219880506123X"))

            let supervisor = try await Browser.signIn(client, as: Accounts.supervisor)
            let city = try await supervisor.get("/export/publicity?kind=penalty&format=csv&agency=WH-CGJ&from=2025-01-01&to=2025-12-31")
            let rows = city.text.split(whereSeparator: \.isNewline).dropFirst()
            #expect(rows.count == 1 && rows.first?.contains("芜城管罚〔2025〕103号") == true, "\(city.text)")
            let workbook = try await supervisor.get("/export/publicity?kind=license")
            #expect(workbook.status == .ok && workbook.headers[.contentType]?.contains("spreadsheetml") == true)

            #expect(try await supervisor.get("/export/publicity?kind=fines").status == .badRequest)
            #expect(try await supervisor.get("/export/publicity?kind=penalty&from=2025-02-30").status == .badRequest)
            #expect(try await supervisor.get("/export/publicity?kind=penalty&agency=NOPE").status == .badRequest)
            let reviewer = try await Browser.signIn(client, as: Accounts.reviewer)
            #expect(try await reviewer.get("/export/publicity?kind=penalty").status == .forbidden)
        }
    }

    /// A supervisor uploads what was downloaded as the published list: every row matches, the page
    /// says so, the case page shows the publication, and a clerk may not upload one.
    @Test func aSupervisorUploadsAPublishedListThatTheCasePagesShow() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let supervisor = try await Browser.signIn(client, as: Accounts.supervisor)
            let list = try await supervisor.get("/export/publicity?kind=penalty&format=csv&agency=WH-CGJ")
            let posted = try await supervisor.upload("/export/publicity/published", [], file: Array(list.text.utf8), fileName: "城管公示.csv")
            #expect(posted.status == .seeOther && posted.headers[.location] == "/export")
            let page = try await supervisor.get("/export").text
            #expect(page.contains("已导入公示清单 城管公示.csv") && page.contains("未对应 0 条"), "\(page)")
            let again = try await supervisor.upload("/export/publicity/published", [], file: Array(list.text.utf8), fileName: "城管公示.csv")
            let notice = try await supervisor.get("/export").text
            #expect(again.status == .seeOther && notice.contains("此前已导入"))
            let casePage = try await supervisor.get("/cases/WH-CGJ-2024-0413").text
            #expect(casePage.contains("公示清单 城管公示.csv 第"), "the case page shows the publication")

            let bad = try await supervisor.upload(
                "/export/publicity/published", [], file: Array("行政处罚决定书文号,处罚决定日期\nX,2025-02-30\n".utf8), fileName: "bad.csv")
            #expect(bad.status == .unprocessableContent && bad.text.contains("2025-02-30"))
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            #expect(try await clerk.upload("/export/publicity/published", [], file: Array(list.text.utf8), fileName: "x.csv").status == .forbidden)
        }
    }
}
