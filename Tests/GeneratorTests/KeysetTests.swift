import AuditRuns
import CaseModel
import CaseStore
import Foundation
import Generator
import TestSupport
import Testing
import WorkCalendar

/// Following each page's last key lists what counting rows off lists, page for page, in every order
/// of the store's columns, with and without filters and text (scanned or through the search index),
/// on SQLite and PostgreSQL; a key made for another order is not read, and a forged token is refused.
@Suite struct KeysetTests {
    @Test(arguments: DueIndexTests.StoreKind.allCases)
    func followingKeysListsWhatOffsetsList(_ kind: DueIndexTests.StoreKind) async throws {
        let store = try GeneratedStore.make(kind, cases: 300, seed: 31, agencies: 3)
        // Some cases undecided: the order's last part.
        for id in try store.caseIds().filter({ $0.hasSuffix("3") || $0.hasSuffix("7") }) {
            var c = try #require(try store.loadCase(id: id))
            c.events.removeAll { $0.kind == .decision }
            try await store.save(c, actor: "clerk", source: "edit")
        }
        let summaries = try store.caseSummaries()
        #expect(summaries.filter { $0.decisionDate == nil }.count > 23 && Set(summaries.compactMap(\.decisionDate)).count < summaries.count)
        let agency = try #require(summaries.first?.agency)
        let rare = String(try #require(summaries.first { $0.party.count >= 3 }).party.prefix(3))
        let filters = [CaseQuery(), CaseQuery(agency: agency), CaseQuery(type: .penalty), CaseQuery(text: "某"), CaseQuery(text: rare)]

        func pages(_ base: CaseQuery, sort: CaseSort, keyset: Bool) throws -> [[String]] {
            var listed: [[String]] = []
            var query = base
            query.sort = sort
            query.limit = 23
            for page in 0..<40 {
                query.offset = page * 23
                let found = try store.searchCases(query)
                listed.append(found.cases.map(\.id))
                if keyset { query.after = found.cases.last.map { CaseCursor(after: $0, sort: sort) } }
                if found.cases.count < 23 { break }
                if keyset { query.offset = 0 }
            }
            return listed
        }

        for indexed in [false, true] {
            if indexed {
                try GeneratedStore.refreshIndex(store)
            }
            for filter in filters {
                for sort in CaseSort.allCases {
                    let counted = try pages(filter, sort: sort, keyset: false)
                    #expect(try pages(filter, sort: sort, keyset: true) == counted, "\(sort) \(filter) indexed: \(indexed)")
                    #expect(Set(counted.joined()).count == counted.joined().count, "no case twice")
                }
            }
        }
        let whole = try pages(CaseQuery(), sort: .decisionDate, keyset: true).joined()
        #expect(whole.count == summaries.count)

        // A key made for another order is not read: the page is the offset's.
        var query = CaseQuery(sort: .id, limit: 5, offset: 5)
        query.after = CaseCursor(after: summaries[0], sort: .party)
        #expect(try store.searchCases(query).cases.map(\.id) == Array(summaries.map(\.id).sorted()[5..<10]))
        store.close()
    }

    @Test func tokensRoundTripAndForgeriesAreRefused() throws {
        let summary = try CaseSummary.sample
        for sort in CaseSort.allCases {
            let cursor = CaseCursor(after: summary, sort: sort)
            #expect(CaseCursor(token: cursor.token) == cursor)
            #expect(cursor.token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        }
        for forged in ["", "!!!", "e30", String(repeating: "A", count: 5_000), "eyJzb3J0Ijoibm9wZSIsImlkIjoieCJ9"] {
            #expect(CaseCursor(token: forged) == nil, "\(forged.prefix(20))")
        }
    }
}

extension CaseSummary {
    /// A summary with every key field set, Chinese and a date among them.
    static var sample: CaseSummary {
        get throws {
            let data = Data(
                #"{"id":"WH-SJJ-2024-0001","agency":"WH-SJJ","type":"penalty","procedure":"general","decisionDate":"2024-05-06","decisionNumber":"罚〔2024〕1号","party":"张三","version":1}"#
                    .utf8)
            return try JSONDecoder().decode(CaseSummary.self, from: data)
        }
    }
}
