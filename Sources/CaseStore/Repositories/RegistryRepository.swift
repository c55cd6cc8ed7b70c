import CaseModel

/// The registry and the agencies' discretion benchmarks, read within one transaction.
public struct RegistryRepository {
    let db: any SQLConnection

    /// Every benchmark set the store holds.
    public func benchmarkSets() async throws -> [BenchmarkSet] {
        try await RegistryRows.loadBenchmarks(db)
    }

    /// The agencies and officers the store holds.
    public func registry() async throws -> Registry {
        try await RegistryRows.loadRegistry(db)
    }

    /// The hash of the last registry or benchmarks import: what an audit's results depend on
    /// besides the case, the program, the checklist and the calendar.
    /// What the published 双公示 lists cover (`PublishedCoverage`).
    public func publishedCoverage() async throws -> [PublishedCoverage] { try await PublishedLists.coverage(db) }

    public func referenceFingerprint() async throws -> String {
        try await db.fetchValue(
            String.self, "SELECT hash FROM journal WHERE action IN (?, ?, ?) ORDER BY seq DESC LIMIT 1",
            [JournalAction.registryImport.rawValue, JournalAction.benchmarksImport.rawValue, JournalAction.publicityImport.rawValue])
            ?? JournalEntry.genesis
    }
}
