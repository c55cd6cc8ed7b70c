import CaseModel
import Foundation
import Generator
import Testing

@testable import CaseStore

/// The first import into an empty store is loaded as a restore loads (`FirstLoad`):
/// what it stores, the indexes and keys it leaves, each file's all or nothing and where the load
/// stops are those of an import into a store in use.
@Suite struct FirstLoadTests {
    /// A generated data set of `cases` cases in files of `perFile`.
    private func dataSet(_ folder: TemporaryFolder, cases: Int, perFile: Int) throws {
        var writer = DataSetWriter(cases: cases, seed: 41, agencies: 2)
        writer.casesPerFile = perFile
        writer.documentRate = 0.2
        _ = try writer.write(to: folder.url, calendar: Repository.calendar)
    }

    /// A store's indexes and keys, as their definitions (on SQLite its tables' too, which hold
    /// their keys).
    private func schema(_ store: CaseStore) throws -> [String] {
        try store.readPrimary { db in
            switch db.kind {
            case .postgres:
                try await db.fetchValues(
                    String.self,
                    """
                    SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema()
                    UNION ALL
                    SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                    FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
                    ORDER BY 1
                    """)
            case .sqlite:
                try await db.fetchValues(
                    String.self,
                    "SELECT type || ' ' || name || ' ' || COALESCE(sql, '') FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY 1")
            }
        }
    }

    private func stored(_ store: CaseStore) throws -> [EnforcementCase] {
        var all: [EnforcementCase] = []
        try store.forEachBatch(of: try store.caseIds()) { cases, unreadable in
            #expect(unreadable.isEmpty)
            all += cases
        }
        return all
    }

    private func count(_ sql: String, _ store: CaseStore) throws -> Int {
        try store.readPrimary { try await $0.fetchValue(Int.self, sql) } ?? 0
    }

    @Test(arguments: Backend.allCases)
    func theFirstLoadStoresWhatAnImportIntoAStoreInUseStores(_ backend: Backend) throws {
        let folder = try TemporaryFolder()
        try dataSet(folder, cases: 600, perFile: 200)
        let loaded = try backend.emptyStore()
        defer { loaded.close() }
        var order: [String] = []
        let report = loaded.importPaths(
            [folder.url.path], actor: "test", progress: { order.append(URL(fileURLWithPath: $0.path).lastPathComponent) },
            firstLoadAtLeast: 100)
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(report.firstLoaded == 3)
        #expect(order.suffix(3) == ["cases-0001.xml", "cases-0002.xml", "cases-0003.xml"])
        let imported = try backend.emptyStore()
        defer { imported.close() }
        let plain = imported.importPaths([folder.url.path], actor: "test", firstLoadAtLeast: .max)
        #expect(plain.failures.isEmpty && plain.firstLoaded == 0)
        #expect(report.totals == plain.totals)
        #expect(report.totals.newCases == 600)
        let cases = try stored(loaded)
        #expect(cases.count == 600)
        #expect(cases == (try stored(imported)))
        #expect(try count("SELECT COUNT(*) FROM documentText", loaded) == count("SELECT COUNT(*) FROM documentText", imported))
        #expect(try count("SELECT COUNT(*) FROM documentText", loaded) > 0)
        // Every index and key is made again, checked over the rows loaded.
        #expect(try schema(loaded) == schema(imported))
        #expect(try loaded.verify().isIntact)
        // The keys hold again: an event of no case is refused.
        #expect(throws: (any Error).self) {
            try loaded.write { db in
                try await db.execute("INSERT INTO event (id, caseId, position, kind, date, line) VALUES (999999, 'no-such-case', 0, 'filed', '2024-01-01', 1)")
            }
        }
    }

    /// A file the database refuses half-way is undone alone (its savepoint) and the files after it
    /// are still loaded; a file that cannot be read (reported last, its kind unknown) fails alone.
    @Test(arguments: Backend.allCases)
    func aFileThatFailsInTheLoadFailsAlone(_ backend: Backend) throws {
        let folder = try TemporaryFolder()
        try dataSet(folder, cases: 600, perFile: 200)
        try "<cases><case".write(to: folder.file("cases/cases-0002a.xml"), atomically: true, encoding: .utf8)
        let second = try String(contentsOf: folder.file("cases/cases-0002.xml"), encoding: .utf8)
        let refused = try #require(second.matches(of: /<case id="([^"]+)"/).last.map { String($0.output.1) })
        let store = try backend.emptyStore()
        defer { store.close() }
        let reference = try schema(store)
        try store.refuseCase(refused)
        let report = store.importPaths([folder.url.path], actor: "test", firstLoadAtLeast: 100)
        #expect(report.firstLoaded == 4)
        let cases = report.files.filter { $0.path.contains("cases-") }
        #expect(cases.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["cases-0001.xml", "cases-0002.xml", "cases-0003.xml", "cases-0002a.xml"])
        #expect(cases.map(\.succeeded) == [true, false, true, false])
        #expect(report.interruption == nil)
        #expect(try store.caseCount() == 400)
        #expect(try store.loadCase(id: refused) == nil)
        #expect(try count("SELECT COUNT(*) FROM event WHERE caseId NOT IN (SELECT id FROM enforcementCase)", store) == 0)
        #expect(try schema(store) == reference)
        #expect(try store.verify().isIntact)
    }

    /// Rows that break a key once it is made again fail the whole load, which leaves the store as
    /// it was, every index and key in place; the command goes on with the files after it.
    @Test(arguments: Backend.allCases)
    func aKeyBrokenInTheLoadFailsTheLoadNotTheStore(_ backend: Backend) throws {
        let folder = try TemporaryFolder()
        try dataSet(folder, cases: 400, perFile: 200)
        let store = try backend.emptyStore()
        defer { store.close() }
        let reference = try schema(store)
        switch backend {
        case .postgres:
            // Each officer of an event is written twice: nothing refuses it until the key is made again.
            try store.tamper(
                """
                CREATE FUNCTION twice() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF pg_trigger_depth() = 1 THEN INSERT INTO eventOfficer VALUES (NEW.*); END IF; RETURN NEW; END $$
                """,
                "CREATE TRIGGER twice AFTER INSERT ON eventOfficer FOR EACH ROW EXECUTE FUNCTION twice()")
        case .sqlite:
            // Each officer of an event is written again under an event that does not exist: nothing
            // refuses it until the foreign keys are checked at the load's end.
            try store.tamper(
                """
                CREATE TRIGGER orphan AFTER INSERT ON eventOfficer WHEN NEW.eventId < 1000000000
                BEGIN INSERT INTO eventOfficer VALUES (NEW.eventId + 1000000000, NEW.position, NEW.officerId); END
                """)
        }
        let report = store.importPaths([folder.url.path], actor: "test", firstLoadAtLeast: 100)
        #expect(report.firstLoaded == 2)
        let cases = report.files.filter { $0.path.contains("cases-") }
        #expect(cases.count == 2 && cases.allSatisfy { !$0.succeeded })
        #expect(report.interruption == nil)
        #expect(try store.caseCount() == 0)
        #expect(try count("SELECT COUNT(*) FROM eventOfficer", store) == 0)
        #expect(try schema(store) == reference)
        #expect(try store.verify().isIntact)
    }

    /// A file that gives again an id the load gave ends the load: it replaces those cases as in
    /// any store, through the keys made again.
    @Test(arguments: Backend.allCases)
    func aFileGivingAnIdAgainEndsTheLoadAndReplacesTheCases(_ backend: Backend) throws {
        let folder = try TemporaryFolder()
        try dataSet(folder, cases: 400, perFile: 200)
        let first = try String(contentsOf: folder.file("cases/cases-0001.xml"), encoding: .utf8)
        let corrected = first.replacingOccurrences(of: "违法行为</matter>", with: "违法行为（更正）</matter>")
        let correctedCount = first.components(separatedBy: "违法行为</matter>").count - 1
        #expect(correctedCount > 10)
        try corrected.write(to: folder.file("cases/cases-0003.xml"), atomically: true, encoding: .utf8)
        let store = try backend.emptyStore()
        defer { store.close() }
        let report = store.importPaths([folder.url.path], actor: "test", firstLoadAtLeast: 100)
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(report.firstLoaded == 2)
        #expect(report.totals.newCases == 400 && report.totals.replacedCases == correctedCount)
        let id = try #require(first.firstMatch(of: /<case id="([^"]+)"[^>]*>\s*<party[^>]*\/>\s*<matter[^>]*>违法行为<\/matter>/)?.output.1)
        let replaced = try #require(try store.loadCase(id: String(id)))
        #expect(replaced.matter?.text == "违法行为（更正）")
        #expect(try count("SELECT COUNT(*) FROM caseHistory", store) == correctedCount)
        #expect(try count("SELECT COUNT(*) FROM (SELECT DISTINCT caseId, position FROM event) d", store) == count("SELECT COUNT(*) FROM event", store))
        #expect(try store.verify().isIntact)
    }

    /// While a load holds the case tables, another process's read waits at most its lock timeout
    /// and fails as busy (the web service's 503), never hangs; a load undone leaves every index.
    @Test func aReaderDuringTheLoadIsToldBusy() throws {
        let location = try ThrowawayPostgres.newDatabase()
        let loading = try CaseStore(location: location)
        defer { loading.close() }
        let reference = try schema(loading)
        let reader = try CaseStore(postgres: try #require(try PostgresLocation.parse(location)), busyTimeout: 1)
        defer { reader.close() }
        try loading.whileHolding(
            { db in
                let aside = try await FirstLoad.setAside(db)
                #expect(aside != nil)
            },
            run: {
                let started = Date()
                #expect {
                    _ = try reader.caseCount()
                } throws: { StoreCondition($0) == .busy }
                #expect(Date().timeIntervalSince(started) < 10)
            })
        #expect(try reader.caseCount() == 0)
        #expect(try schema(loading) == reference)
    }

    /// `store copy` into an empty PostgreSQL store loads the same way: every index and key is
    /// there afterwards, as in a store that was never copied into.
    @Test func aCopyLeavesEveryIndexAndKey() throws {
        let source = try Backend.sqlite.storeWithSampleRegistry()
        #expect(source.importPaths([Repository.samples.appendingPathComponent("cases").path], actor: "test").failures.isEmpty)
        let target = try Backend.postgres.emptyStore()
        defer { target.close() }
        let reference = try schema(target)
        #expect(try source.copy(into: target).cases == Repository.sampleCaseCount)
        #expect(try schema(target) == reference)
        #expect(try stored(target) == stored(source))
    }

    /// A store that holds a case, or whose case tables another transaction holds, is written as
    /// usual.
    @Test(arguments: Backend.allCases)
    func aStoreInUseIsNotLoadedFirst(_ backend: Backend) throws {
        let folder = try TemporaryFolder()
        try dataSet(folder, cases: 400, perFile: 200)
        let inUse = try backend.emptyStore()
        defer { inUse.close() }
        let sample = Repository.samples.appendingPathComponent("cases/WH-SJJ-2024-0110.xml").path
        #expect(inUse.importPaths([Repository.samples.appendingPathComponent("registry.xml").path, sample], actor: "test").failures.isEmpty)
        let report = inUse.importPaths([folder.url.path], actor: "test", firstLoadAtLeast: 100)
        #expect(report.failures.isEmpty && report.firstLoaded == 0)
        #expect(try inUse.caseCount() == 401)

        // On SQLite a writer holds the whole store: an import waits for it as any write does. A
        // file another import is staging there (its parts written before its cases) is no first
        // load's either.
        guard backend == .postgres else {
            let staging = try backend.emptyStore()
            defer { staging.close() }
            try staging.tamper("INSERT INTO importStage (file, actor, startedAt, leaseUntil) VALUES ('other.xml', 'test', '2026-12-07', 1e12)")
            let beside = staging.importPaths([folder.url.path], actor: "test", firstLoadAtLeast: 100)
            #expect(beside.failures.isEmpty && beside.firstLoaded == 0)
            #expect(try staging.caseCount() == 400)
            return
        }
        let location = try ThrowawayPostgres.newDatabase()
        let empty = try CaseStore(location: location)
        defer { empty.close() }
        let holder = try CaseStore(location: location)
        defer { holder.close() }
        let beside = try holder.whileHolding(
            { try await $0.execute("LOCK TABLE event IN ROW EXCLUSIVE MODE") },
            run: {
                empty.importPaths([folder.url.path], actor: "test", firstLoadAtLeast: 100)
            })
        #expect(beside.failures.isEmpty && beside.firstLoaded == 0)
        #expect(try empty.caseCount() == 400)
    }
}
