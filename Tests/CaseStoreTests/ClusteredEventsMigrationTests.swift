import CaseModel
import Foundation
import GRDB
import Generator
import Testing

@testable import CaseStore

/// v11 rebuilds the event and record tables keyed by case and position (`ClusteredEvents.swift`).
/// A store that already holds cases when it runs reads every case back as it was, on both
/// backends, and goes on taking new cases and new versions afterwards.
@Suite struct ClusteredEventsMigrationTests {
    static let before = "v10: a run's totals by agency and grade"

    /// A store migrated up to v10, and what applies the rest.
    private func storeBeforeV11(_ backend: Backend) throws -> (store: CaseStore, migrateRest: () throws -> Void) {
        switch backend {
        case .sqlite:
            let queue = try DatabaseQueue(
                configuration: {
                    var c = Configuration()
                    c.foreignKeysEnabled = true
                    return c
                }())
            try Schema.migrator.migrate(queue, upTo: Self.before)
            return (CaseStore(backend: SQLiteBackend(database: queue)), { try Schema.migrator.migrate(queue) })
        case .postgres:
            let location = try #require(try PostgresLocation.parse(try ThrowawayPostgres.newDatabase()))
            let postgres = try PostgresBackend(location)
            try PostgresSchema.migrate(postgres, upTo: Self.before)
            return (CaseStore(backend: postgres), { try PostgresSchema.migrate(postgres) })
        }
    }

    private func applied(_ store: CaseStore) throws -> [String] {
        try store.read { db in
            await db.kind == .sqlite
                ? try db.fetchValues(String.self, "SELECT identifier FROM grdb_migrations ORDER BY rowid", [])
                : try db.fetchValues(String.self, "SELECT identifier FROM schemaMigration ORDER BY identifier", [])
        }
    }

    @Test(arguments: Backend.allCases)
    func casesStoredBeforeTheMigrationReadTheSameAfterIt(_ backend: Backend) throws {
        let (store, migrateRest) = try storeBeforeV11(backend)
        #expect(try applied(store).contains(Self.before) && !applied(store).contains { $0.hasPrefix("v11") })
        let folder = try TemporaryFolder()
        // Format 1.0 named no documents whose text was read (v25).
        var writer = DataSetWriter(cases: 300, seed: 11, agencies: 2)
        writer.documentRate = 0
        _ = try writer.write(to: folder.url, calendar: Repository.calendar)
        // The cases as format 1.0 wrote them: without the power each names since 1.1.
        let cases = folder.url.appendingPathComponent("cases")
        for name in try FileManager.default.contentsOfDirectory(atPath: cases.path) {
            let file = cases.appendingPathComponent(name)
            let text = try String(contentsOf: file, encoding: .utf8)
            try text.replacing(#/ power="[^"]*"/#, with: "").write(to: file, atomically: true, encoding: .utf8)
        }
        // Today's importer asks whether another import stages an id (v13) or holds event ids
        // (v21): tables of those names stand in while the cases are stored, and go before the
        // rest is migrated.
        // So do v24's columns and table (an agency's powers and credit code, a case's power, a
        // ruling), which the samples of format 1.0 leave empty.
        try store.write {
            try await $0.execute("CREATE TABLE stagedCase (caseId TEXT PRIMARY KEY, stageId BIGINT NOT NULL)")
            try await $0.execute("CREATE TABLE importStage (id INTEGER PRIMARY KEY, lastEventId BIGINT)")
            try await $0.execute(
                "CREATE TABLE agencyPower (agency TEXT, position BIGINT, code TEXT, name TEXT, category TEXT, basis TEXT, fromDate TEXT, toDate TEXT)")
            try await $0.execute("ALTER TABLE agency ADD COLUMN creditCode TEXT")
            try await $0.execute("ALTER TABLE enforcementCase ADD COLUMN power TEXT")
            try await $0.execute("ALTER TABLE event ADD COLUMN ruling TEXT")
            try await $0.execute("CREATE TABLE publishedList (id INTEGER)")
        }
        let samples = Repository.samples
        let formatOne = Repository.sampleCaseFiles.filter { file in
            let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            // Nor documents whose text v25 keeps.
            return !text.contains(" power=") && !text.contains(" ruling=") && !text.contains("file=\"documents/")
        }.map(\.path)
        let paths = [folder.url.path, samples.appendingPathComponent("registry.xml").path, samples.appendingPathComponent("benchmarks").path]
        #expect(store.importPaths(paths + formatOne, actor: "test").failures.isEmpty)
        let ids = try store.caseIds()
        let stored = try ids.map { try #require(try store.loadCase(id: $0)) }
        #expect(stored.allSatisfy { $0.power == nil && $0.events.allSatisfy { $0.ruling == nil } })
        try store.write {
            try await $0.execute("DROP TABLE stagedCase")
            try await $0.execute("DROP TABLE importStage")
            try await $0.execute("DROP TABLE agencyPower")
            try await $0.execute("ALTER TABLE agency DROP COLUMN creditCode")
            try await $0.execute("ALTER TABLE enforcementCase DROP COLUMN power")
            try await $0.execute("ALTER TABLE event DROP COLUMN ruling")
            try await $0.execute("DROP TABLE publishedList")
        }
        // Tables of migrations after v11 are not there yet.
        let later: Set<String> = ["campaign", "campaignCase", "agencyPower", "publishedList", "publishedRecord", "documentText", "resultTemplate"]
        let counts = try store.snapshot(except: later)
        #expect(counts["event"]! > 1000 && counts["record"]! > 100 && counts["eventofficer"]! > 1000)
        #expect(stored.contains { $0.events.contains { $0.records.count > 1 } })

        try migrateRest()
        #expect(try applied(store).contains { $0.hasPrefix("v11") })
        #expect(try store.snapshot(except: later) == counts, "no row of any table lost or added")
        // Compared as Booleans: a failure printing 300 cases would hide the rest of the report.
        let readAlone = try ids.map { try store.loadCase(id: $0) } == stored
        #expect(readAlone, "every case read alone as it was before the migration")
        var batched: [EnforcementCase] = []
        try store.forEachBatch(of: ids, size: 64) { batch, unreadable in
            #expect(unreadable.isEmpty)
            batched += batch
        }
        let readInBatches = batched == stored
        #expect(readInBatches, "every case read in batches as it was before the migration")
        #expect(try store.verify().isIntact, "every case hashes as the journal recorded it")

        // New events are numbered after the copied ones, and a new version of a case replaces its
        // events, with their officers and records, through the cascades of the rebuilt tables.
        let lastEvent = try store.read { try await CaseRows.lastEventID($0) }
        let sample = try #require(stored.first { $0.id == "WH-SJJ-2024-0204" })
        var corrected = sample
        corrected.party.name += "（更正）"
        try store.save(corrected, actor: "test", source: "test")
        let saved = try #require(try store.loadCase(id: sample.id))
        #expect(saved.party.name == corrected.party.name && saved.events.map(\.kind) == sample.events.map(\.kind))
        #expect(saved.events.map(\.records) == sample.events.map(\.records) && saved.events.map(\.officers) == sample.events.map(\.officers))
        #expect(try store.read { try await CaseRows.lastEventID($0) } == lastEvent + Int64(sample.events.count))
        let children = ["event", "record", "eventofficer"]
        #expect(
            try store.snapshot().filter { children.contains($0.key) } == counts.filter { children.contains($0.key) },
            "the old version's events, officers and records are gone, the new one's stored")
        #expect(try store.verify().isIntact)
    }
}
