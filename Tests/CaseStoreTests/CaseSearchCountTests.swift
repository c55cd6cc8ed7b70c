import Testing

@testable import CaseStore

/// A text search counts its matches only up to `textCountLimit` and then says "at least"; a
/// listing without text is counted exactly. Both sides of the limit, on both backends.
@Suite struct CaseSearchCountTests {
    @Test(arguments: Backend.allCases)
    func aTextSearchCountsUpToItsLimit(_ backend: Backend) throws {
        let store = try backend.storeWithSampleRegistry()
        #expect(store.importPaths([Repository.samples.path], actor: "test").failures.isEmpty)
        let all = try store.caseCount()
        func search(_ text: String?, limit: Int) throws -> CasePage {
            var query = CaseQuery(text: text, limit: 5, offset: 0)
            query.textCountLimit = limit
            return try store.searchCases(query)
        }
        // Every sample's id contains "wh-" (matched without regard to case).
        let exact = try search("WH-", limit: 10_000)
        #expect(exact.total == all && !exact.totalIsAtLeast && exact.cases.count == 5)
        let atLimit = try search("wh-", limit: all)
        #expect(atLimit.total == all && !atLimit.totalIsAtLeast)
        let beyond = try search("wh-", limit: all - 1)
        #expect(beyond.total == all - 1 && beyond.totalIsAtLeast && beyond.cases == exact.cases)
        let none = try search("没有这样的当事人", limit: 0)
        #expect(none.total == 0 && !none.totalIsAtLeast && none.cases.isEmpty)
        let listing = try search(nil, limit: 1)
        #expect(listing.total == all && !listing.totalIsAtLeast, "without text the total is exact")
        store.close()
    }
}
