import Audit
import Foundation
import Testing
import WorkCalendar

/// 到期预警 read a page at a time from the due index: its filters select what they say, its count
/// is the filter's, pages past the last are empty, and a clerk's list is their own agency's
/// whatever the query asks.
@Suite struct DuePageTests {
    static let today = CalendarDate("2026-11-22")!

    /// The rows of the due table: (case id, kind label, overdue).
    static func rows(_ page: String) -> [(id: String, kind: String, overdue: Bool)] {
        let pattern = #/<tr class="(bad)?"><td class="nowrap"><a href="[^"]*">([^<]*)</a></td><td>[^<]*</td><td>([^<]*)</td>/#
        return page.matches(of: pattern).map { (String($0.output.2), String($0.output.3), $0.output.1 != nil) }
    }

    static func count(_ page: String) -> Int? {
        page.firstMatch(of: #/或已逾期：(\d+) 项/#).flatMap { Int($0.output.1) }
    }

    @Test func filtersCountsAndPagesOfTheDueList() async throws {
        let fixture = try await WebFixture(today: .fixed(Self.today))
        try await fixture.test { client in
            let supervisor = try await Browser.signIn(client, as: Accounts.supervisor)
            let all = try await supervisor.get("/due?within=30").text
            let everything = Self.rows(all)
            #expect(Self.count(all) == everything.count && everything.count >= 2)

            let overdue = try await supervisor.get("/due?within=30&state=overdue").text
            #expect(Self.rows(overdue).allSatisfy(\.overdue) && Self.count(overdue) == everything.filter(\.overdue).count)
            let upcoming = try await supervisor.get("/due?within=30&state=upcoming").text
            #expect(Self.rows(upcoming).allSatisfy { !$0.overdue } && Self.count(upcoming) == everything.filter { !$0.overdue }.count)
            let first = try #require(everything.first)
            let kind = try #require(DueObligation.Kind.allCases.first { $0.chineseName == first.kind })
            let ofKind = Self.rows(try await supervisor.get("/due?within=30&kind=\(kind.rawValue)").text)
            #expect(!ofKind.isEmpty && ofKind.allSatisfy { $0.kind == first.kind } && ofKind.count == everything.filter { $0.kind == first.kind }.count)
            let otherKinds = DueObligation.Kind.allCases.filter { $0 != kind }.map(\.rawValue)
            for other in otherKinds {
                #expect(!Self.rows(try await supervisor.get("/due?within=30&kind=\(other)").text).contains { $0.kind == first.kind })
            }

            let own = Self.rows(try await supervisor.get("/due?within=30&agency=WH-SJJ").text)
            #expect(own.count == everything.filter { $0.id.hasPrefix("WH-SJJ") }.count && !own.isEmpty)
            let none = try await supervisor.get("/due?within=30&agency=WH-CGJ").text
            #expect(Self.rows(none).allSatisfy { $0.id.hasPrefix("WH-CGJ") } && Self.count(none) == everything.filter { $0.id.hasPrefix("WH-CGJ") }.count)
            let past = try await supervisor.get("/due?within=30&page=999999").text
            #expect(Self.rows(past).isEmpty && past.contains("没有需要预警的事项") && Self.count(past) == everything.count)
            #expect(try await supervisor.get("/due?within=30&page=99999999999999999999&kind=%3Cscript%3E&state=x").status == .ok, "unknown filters are ignored")

            // A clerk sees their own agency's list, whatever agency the query names.
            let clerk = try await Browser.signIn(client, as: Accounts.clerk)
            let clerks = Self.rows(try await clerk.get("/due?within=30&agency=WH-CGJ").text)
            #expect(!clerks.isEmpty && clerks.allSatisfy { $0.id.hasPrefix("WH-SJJ") })
        }
    }
}
