import Foundation
import Testing
import WorkCalendar

/// 执法人员 for supervisors, and the certificates the due list warns of, kept to what each user
/// may see.
@Suite struct OfficersPageTests {
    /// A Monday: 李某 (O-2002, 芜湖市城市管理局) holds a certificate valid through Thursday
    /// 2027-01-14, the eighth working day after it.
    static let today = CalendarDate("2027-01-04")!

    @Test func supervisorsReadEveryAgencysOfficers() async throws {
        let fixture = try await WebFixture(today: .fixed(Self.today))
        try await fixture.test { client in
            let supervisor = try await Browser.signIn(client, as: Accounts.supervisor)
            let page = try await supervisor.get("/officers").text
            #expect(page.contains("芜湖市城市管理局") && page.contains("芜湖市市场监督管理局"))
            #expect(page.contains("证号 3402002002 有效至 2027-01-14，还剩 10 天"))
            // 何某's certificate was revoked on 2024-09-01 and she acted on 2024-09-10.
            #expect(page.contains("无证执法：何某（O-2003），自 2024-09-01 起无有效执法证，此后参与执法"))
            #expect(page.contains("href=\"/cases/WH-CGJ-2024-0910\""))
            #expect(page.contains("2027 年培训不少于 60 学时"))

            let one = try await supervisor.get("/officers?agency=WH-HBJ&year=2024").text
            #expect(one.contains("芜湖市生态环境局") && !one.contains("3402002002") && one.contains("2024 年培训"))
            #expect(try await supervisor.get("/officers?year=99999").status == .unprocessableContent)
            #expect(try await supervisor.get("/officers?agency=NOPE").status == .badRequest)
        }
    }

    /// A Monday: 李某 (O-1002, 芜湖市市场监督管理局) holds a certificate valid through Sunday
    /// 2026-05-31, four working days later.
    static let dueDay = CalendarDate("2026-05-25")!

    @Test func theDueListWarnsOfCertificatesWithinItsWindowAndOnlyOfTheUsersOwn() async throws {
        let fixture = try await WebFixture(today: .fixed(Self.dueDay))
        try await fixture.test { client in
            let supervisor = try await Browser.signIn(client, as: Accounts.supervisor)
            let four = try await supervisor.get("/due?within=4").text
            #expect(four.contains("执法证即将到期") && four.contains("<td>3402001002</td><td class=\"nowrap\">2026-05-31</td><td class=\"nowrap\">还剩 6 天</td>"))
            #expect(four.contains("<td>李某（O-1002）</td>"))
            let three = try await supervisor.get("/due?within=3").text
            #expect(!three.contains("3402001002") && !three.contains("执法证即将到期"))
            #expect(!(try await supervisor.get("/due?within=4&agency=WH-CGJ").text.contains("3402001002")))
            // A clerk's list is their own agency's whatever the query asks.
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            #expect(try await clerk.get("/due?within=4&agency=WH-CGJ").text.contains("3402001002"))
        }
    }

    @Test func beyondTheCalendarCertificatesAreWarnedOfByCalendarDays() async throws {
        let fixture = try await WebFixture(today: .fixed(Self.today))
        try await fixture.test { client in
            // 2027 has no holiday notice in the calendar: ten calendar days to 14 January.
            let supervisor = try await Browser.signIn(client, as: Accounts.supervisor)
            #expect(try await supervisor.get("/due?within=10").text.contains("3402002002"))
            #expect(!(try await supervisor.get("/due?within=9").text.contains("3402002002")))
        }
    }
}
