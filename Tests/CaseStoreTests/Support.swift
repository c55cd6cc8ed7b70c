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

extension CaseStore {
    /// Puts one sample case, with the samples' registry, in the store: an import then writes into
    /// a store in use, not as the first load of an empty one (`FirstLoad`).
    func holdOneSampleCase(_ id: String = "WH-SJJ-2024-0117") throws {
        let report = importPaths(
            [Repository.samples.appendingPathComponent("registry.xml").path, Repository.samples.appendingPathComponent("cases/\(id).xml").path],
            actor: "test")
        precondition(report.failures.isEmpty, "\(report.failures)")
    }
}
