import CaseModel

/// The registry and the agencies' discretion benchmarks, read within one transaction.
public struct RegistryRepository {
    let db: any SQLConnection

    /// Every benchmark set the store holds.
    public func benchmarkSets() throws -> [BenchmarkSet] {
        try RegistryRows.loadBenchmarks(db)
    }
}
