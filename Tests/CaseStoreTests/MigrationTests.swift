import Audit
import AuditRuns
import CaseStore
import Checklists
import Foundation
import GRDB
import Testing

/// Shipped migrations are frozen. `Tests/Fixtures/store-v4.sqlite` was written by the release that
/// shipped migration v4 (samples imported, audited as of 2024-12-31, one manual score, one
/// account); it must open, migrate and keep working in every later release, and a store migrated
/// from it must have exactly the schema of a new store. Editing a shipped migration breaks that.
@Suite struct MigrationTests {
    static let fixture = Repository.root.appendingPathComponent("Tests/Fixtures/store-v4.sqlite")
    static let shipped = [
        "v1: registry, benchmarks, cases, history, journal", "v2: manual scores and audit runs",
        "v3: user accounts", "v4: evidence belongs to the agency that uploaded it"
    ]

    /// A copy of the fixture, so that the committed file never changes.
    static func copyOfFixture(in folder: TemporaryFolder) throws -> String {
        let path = folder.url.appendingPathComponent("store.sqlite").path
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        return path
    }

    static func schema(of path: String) throws -> [String] {
        try DatabaseQueue(path: path).read { db in
            try String.fetchAll(
                db, sql: "SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
        }
    }

    static func migrations(of path: String) throws -> [String] {
        try DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") }
    }

    @Test func theFixtureOpensMigratesAndKeepsItsData() throws {
        let folder = try TemporaryFolder()
        let path = try Self.copyOfFixture(in: folder)
        #expect(try Self.migrations(of: path) == Self.shipped, "the fixture is the v4 schema")
        let store = try CaseStore(path: path)
        #expect(try store.caseCount() == 34, "the fixture holds the 34 samples of its day")
        let verification = try store.verify()
        #expect(verification.firstBrokenLink == nil && verification.tamperedCases.isEmpty && verification.entriesChecked == 41)
        #expect(try store.manualScores(caseId: "WH-SJJ-2024-0117").map(\.deduction) == [2])
        #expect(try store.accounts().map(\.name) == ["王某"])
        // The stored run is reused as it stood, and a new audit on the migrated store works.
        let runner = AuditRunner(
            store: store, checklist: try ChecklistLoader(directory: Repository.checklists).load("national"),
            calendar: Repository.calendar)
        let fresh = try runner.run(asOf: day("2024-12-31"), actor: "test", reuse: false)
        var audited = 0
        try AuditRunner.forEachCaseAudit(in: store, runId: fresh.run.id!) { _ in audited += 1 }
        #expect(audited == 34)
        #expect(try Self.migrations(of: path).starts(with: Self.shipped))
    }

    @Test func aMigratedStoreHasExactlyTheSchemaOfANewOne() throws {
        let folder = try TemporaryFolder()
        let migrated = try Self.copyOfFixture(in: folder)
        _ = try CaseStore(path: migrated)
        let new = folder.url.appendingPathComponent("new.sqlite").path
        _ = try CaseStore(path: new)
        let newSchema = try Self.schema(of: new)
        #expect(try Self.schema(of: migrated) == newSchema, "a shipped migration was edited: add a new one instead")
        #expect(try Self.migrations(of: new).starts(with: Self.shipped), "shipped migrations keep their names and order")
        #expect(newSchema.contains { $0.hasPrefix("table evidenceUpload:") })
    }
}
