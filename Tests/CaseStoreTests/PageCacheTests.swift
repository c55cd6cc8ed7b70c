import Foundation
import TestSupport
import Testing

@testable import CaseStore

/// SQLite's page cache per connection: large for readers and for the writer while it imports,
/// small for the writer otherwise, so that an audit's process stays within its memory.
@Suite struct PageCacheTests {
    private func cacheSize(_ db: any SQLConnection) async throws -> Int? {
        try await db.fetchValue(Int.self, "PRAGMA cache_size", [])
    }

    @Test func theWriterCachesMoreWhileImportingOnly() throws {
        let folder = try TemporaryFolder()
        let store = try CaseStore(path: folder.file("cache.sqlite").path)
        #expect(try store.write(cacheSize) == SQLiteBackend.pageCache.small)
        #expect(try store.read(cacheSize) == SQLiteBackend.pageCache.large)
        var during: [Int?] = []
        let report = store.importPaths([Repository.samples.path], actor: "test") { _ in
            during.append(try? store.write(cacheSize))
        }
        #expect(report.failures.isEmpty)
        #expect(!during.isEmpty && during.allSatisfy { $0 == SQLiteBackend.pageCache.large })
        #expect(try store.write(cacheSize) == SQLiteBackend.pageCache.small)
    }
}
