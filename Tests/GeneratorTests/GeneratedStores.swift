import AuditRuns
import CaseStore
import Foundation
import Generator
import TestSupport
import Testing
import WorkCalendar

/// A store of generated cases for the tests of what the case index keeps (`DueIndex`): in memory
/// or on a throwaway PostgreSQL database, or an SQLite file a test may also open behind the
/// store's back.
enum GeneratedStore {
    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, postgres
        var testDescription: String { rawValue }
    }

    /// `cases` generated cases of `agencies` agencies, imported.
    static func make(_ kind: Kind, cases: Int, seed: UInt64, agencies: Int, file: String? = nil) throws -> CaseStore {
        let folder = try TemporaryFolder()
        _ = try DataSetWriter(cases: cases, seed: seed, agencies: agencies).write(to: folder.url, calendar: GeneratorTests.calendar)
        let store =
            switch kind {
            case .postgres: try CaseStore(location: try ThrowawayPostgres.newDatabase())
            case .sqlite: try file.map { try CaseStore(location: $0) } ?? CaseStore.inMemory()
            }
        #expect(store.importPaths([folder.url.path], actor: "test").failures.isEmpty)
        return store
    }

    /// The national checklist's runner over `store`.
    static func runner(_ store: CaseStore) -> AuditRunner {
        AuditRunner(store: store, checklist: GeneratorTests.national, calendar: GeneratorTests.calendar)
    }

    /// The store's case index brought up to date as of the day these tests were written.
    static func refreshIndex(_ store: CaseStore) throws {
        try DueIndex(runner: runner(store)).refresh(today: CalendarDate(year: 2026, month: 12, day: 6)!)
    }

    /// An SQLite file of generated cases in `folder`, its case index filled: what a test opens
    /// behind the store's back as well.
    static func indexedFile(in folder: TemporaryFolder, cases: Int, seed: UInt64) throws -> (store: CaseStore, path: String) {
        let path = folder.file("store.sqlite").path
        let store = try make(.sqlite, cases: cases, seed: seed, agencies: 2, file: path)
        try refreshIndex(store)
        return (store, path)
    }
}
