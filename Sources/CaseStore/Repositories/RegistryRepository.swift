import CaseModel
import GRDB

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

    /// What the published 双公示 lists cover (`PublishedCoverage`).
    public func publishedCoverage() async throws -> [PublishedCoverage] { try await PublishedLists.coverage(db) }

    /// The hash of the last registry, benchmarks or 双公示 list import: what an audit's results
    /// depend on besides the case, the program, the checklist and the calendar. Found through the
    /// index of those entries alone (v26); the journal's other entries, one a case, are never read.
    public func referenceFingerprint() async throws -> String {
        try await db.fetchValue(String.self, "SELECT hash FROM journal WHERE \(Schema.referenceImports) ORDER BY seq DESC LIMIT 1", [])
            ?? JournalEntry.genesis
    }
}

extension Schema {
    /// The journal's entries of imports an audit depends on besides its cases
    /// (`JournalAction.registryImport`, `.benchmarksImport`, `.publicityImport`), as the partial
    /// index of v26 names them: a query gives the same literal text, which is how SQLite knows the
    /// index holds every row it selects. Literal, as a shipped migration's text never changes.
    static let referenceImports = "action IN ('registry.import', 'benchmarks.import', 'publicity.import')"

    /// v26 (`PostgresSchema.v26` the same): the journal's registry, benchmarks and 双公示 list
    /// imports, newest last. Every audit asks for the latest; without the index both databases
    /// read the journal backwards past one entry per stored case, a cost growing with the store.
    /// Partial, so that storing a case pays nothing for it.
    static func indexReferenceImports(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX journal_referenceImports ON journal(seq) WHERE \(referenceImports)")
    }
}

extension PostgresSchema {
    static let v26 = "CREATE INDEX journal_referenceImports ON journal(seq) WHERE \(Schema.referenceImports);"
}
