import AuditRuns
import CaseModel
import Foundation
import GRDB
import Generator
import TestSupport
import Testing
import WorkCalendar

@testable import CaseStore

/// A text search through the search index finds, counts and orders what matching every case finds,
/// on SQLite and PostgreSQL, for texts of one, two and many characters, in any case, with the
/// characters `LIKE` treats specially, beside every filter and order; and the index is what is read.
@Suite struct SearchIndexTests {
    @Test(arguments: DueIndexTests.StoreKind.allCases)
    func theIndexFindsWhatMatchingEveryCaseFinds(_ kind: DueIndexTests.StoreKind) async throws {
        let store = try GeneratedStore.make(kind, cases: 400, seed: 21, agencies: 3)
        let summaries = try store.caseSummaries()
        let sample = try #require(summaries.first { $0.party.count >= 4 && $0.decisionNumber != nil })
        let name = Array(sample.party)
        let number = try #require(sample.decisionNumber)
        let texts = [
            String(name[0]), String(name[1...2]), String(name[0...3]), sample.id.uppercased(), String(sample.id.suffix(5)),
            String(number.suffix(6)), "某", "有限", "%", "_", "不存在的名字", "  \(name[1])\(name[2])  ", "2", "号"
        ]
        var queries = texts.flatMap { text in
            CaseSort.allCases.map { sort in CaseQuery(text: text, sort: sort, limit: 7, offset: 3) } + [
                CaseQuery(agency: sample.agency, text: text, limit: 50), CaseQuery(type: .penalty, text: text, limit: 50)
            ]
        }
        // More matches than are counted: "at least", whether the index counts them (one character) or the walk does.
        for text in ["某", "有限", "2"] {
            for agency in [nil, sample.agency] {
                var query = CaseQuery(agency: agency, text: text, limit: 5)
                query.textCountLimit = 6
                queries.append(query)
            }
        }
        let scanned = try queries.map { try store.searchCases($0) }
        try GeneratedStore.refreshIndex(store)
        let indexed = try await store.reading { [queries] reader in
            var pairs: [(CaseRepository.IndexedSearch, CasePage)] = []
            for query in queries {
                pairs.append((try await reader.cases.searchThroughIndex(query, text: query.searchText ?? ""), try await reader.cases.search(query)))
            }
            return pairs
        }
        var throughIndex = 0
        for (index, (answer, found)) in indexed.enumerated() {
            #expect(found == scanned[index], "\(queries[index])")
            if case .page(let direct) = answer {
                throughIndex += 1
                #expect(direct == found)
            }
        }
        #expect(throughIndex > queries.count / 2, "rare texts go through the index")
        #expect(scanned.contains { $0.total > 1 } && scanned.contains { $0.total == 0 } && scanned.contains(where: \.totalIsAtLeast))
        #expect(indexed.contains { $0.0 == .common(countedExactly: true) } && indexed.contains { $0.0 == .common(countedExactly: false) })
        store.close()
    }

    /// While the index holds the cases as they stand, a search reads it: documents removed behind the
    /// store's back are not found; once a case changes, every case is matched again.
    @Test func theIndexIsReadOnlyWhileCurrent() throws {
        let folder = try TemporaryFolder()
        let (store, path) = try GeneratedStore.indexedFile(in: folder, cases: 100, seed: 22)
        let id = try #require(try store.caseIds().first)
        #expect(try store.searchCases(CaseQuery(text: id)).cases.map(\.id) == [id])
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "DELETE FROM caseSearch WHERE caseId = ?", arguments: [id]) }
        #expect(try store.searchCases(CaseQuery(text: id)).total == 0)
        var c = try #require(try store.loadCase(id: try store.caseIds().last!))
        c.party.name += "（更正）"
        try store.save(c, actor: "clerk", source: "edit")
        #expect(try store.searchCases(CaseQuery(text: id)).cases.map(\.id) == [id])
        store.close()
    }

    @Test func gramsAreCharactersAndPairs() {
        #expect(SearchGrams.ofQuery("某") == ["0067d0"])
        #expect(SearchGrams.ofQuery("张三A") == ["005f20004e09", "004e09000061"])
        #expect(SearchGrams.ofQuery("AbC") == [SearchGrams.spell("a") + SearchGrams.spell("b"), SearchGrams.spell("b") + SearchGrams.spell("c")])
        #expect(SearchGrams.ofQuery("").isEmpty)
        #expect(SearchGrams.ofQuery(String(repeating: "字", count: 3)) == [SearchGrams.spell("字") + SearchGrams.spell("字")])
        #expect(SearchGrams.ofQuery((0..<100).map { String(UnicodeScalar(0x4e00 + $0)!) }.joined()).count == SearchGrams.queryLimit)
        let document = SearchGrams.ofDocument("ab\u{1F}c")
        #expect(document == [SearchGrams.spell("a"), SearchGrams.spell("b"), SearchGrams.spell("a") + SearchGrams.spell("b"), SearchGrams.spell("c")])
        #expect(SearchGrams.spell("\u{10FFFF}") == "10ffff")
        #expect(SearchGrams.findsExactly("某") && SearchGrams.findsExactly("7") && SearchGrams.findsExactly("〔"))
        #expect(!SearchGrams.findsExactly("a") && !SearchGrams.findsExactly("Ａ") && !SearchGrams.findsExactly("某某") && !SearchGrams.findsExactly(""))
    }
}
