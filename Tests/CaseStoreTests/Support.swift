@_exported import TestSupport

@testable import CaseStore

extension CaseStore {
    /// A store in memory holding the sample registry and benchmarks.
    static func withSampleRegistry() throws -> CaseStore {
        let store = try CaseStore.inMemory()
        let report = store.importPaths(
            [
                Repository.samples.appendingPathComponent("registry.xml").path,
                Repository.samples.appendingPathComponent("benchmarks").path
            ], actor: "test")
        precondition(report.failures.isEmpty, "\(report.failures)")
        return store
    }
}
