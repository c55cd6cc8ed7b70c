import AuditRuns
import CaseModel
import Checklists
import Foundation
import GRDB
import Generator
import TestSupport
import Testing

@testable import CaseStore

/// Batch reads take each value by position and type (`PositionalRow`) and put a case's events, an
/// event's records and officers in the order of their stored positions, whatever order the rows
/// come in; what a batch reads is what a case read alone reads.
@Suite struct BatchReadTests {
    static let caseId = "WH-SJJ-2024-0117"

    private func store(_ backend: Backend) throws -> CaseStore {
        let store = try backend.emptyStore()
        #expect(store.importPaths([Repository.samples.path], actor: "test").failures.isEmpty)
        return store
    }

    private func batchRead(_ store: CaseStore, _ ids: [String]) throws -> [EnforcementCase] {
        var cases: [EnforcementCase] = []
        try store.forEachBatch(of: ids, size: 7) { batch, unreadable in
            #expect(unreadable.isEmpty)
            cases += batch
        }
        return cases
    }

    @Test(arguments: Backend.allCases)
    func positionsNotRowOrderDecideTheOrderOfEventsRecordsAndOfficers(_ backend: Backend) throws {
        let store = try store(backend)
        let before = try #require(try store.loadCase(id: Self.caseId))
        #expect(before.events.count == 9 && before.events[2].records.count == 2 && before.events[1].officers == ["O-1001", "O-1002"])
        // Reverse every position of the case's rows in place: the rows stay where they are, so
        // they now come back from the indexes against the order of their positions.
        try store.write { db in
            let events = "SELECT id FROM event WHERE caseId = '\(Self.caseId)'"
            for (table, group) in [
                ("event", "caseId = '\(Self.caseId)'"), ("record", "eventId IN (\(events))"),
                ("eventOfficer", "eventId IN (\(events))")
            ] {
                let key = table == "event" ? "caseId" : "eventId"
                try await db.execute("UPDATE \(table) SET position = position + 1000 WHERE \(group)")
                try await db.execute(
                    """
                    UPDATE \(table) SET position = (SELECT MAX(p.position) FROM \(table) p WHERE p.\(key) = \(table).\(key)) - position
                    WHERE \(group)
                    """)
            }
        }
        let after = try #require(try store.loadCase(id: Self.caseId))
        #expect(after.events.map(\.kind) == before.events.reversed().map(\.kind))
        for (changed, original) in zip(after.events, before.events.reversed()) {
            #expect(changed.records == original.records.reversed())
            #expect(changed.officers == original.officers.reversed())
        }
        // A batch reads the case as a read of the case alone does, beside cases left as they were.
        let ids = try store.caseIds()
        let batched = try batchRead(store, ids)
        #expect(batched.map(\.id) == ids)
        #expect(batched.first { $0.id == Self.caseId } == after)
        #expect(batched.first { $0.id == "WH-SJJ-2024-0204" } == (try store.loadCase(id: "WH-SJJ-2024-0204")))
    }

    /// PostgreSQL reads a scattered batch's ids as one array (`PostgresArrayLiteral`): texts that
    /// look like the literal's own syntax come back from it as they were given, in their order.
    @Test func anArrayOfHostileTextsComesBackAsGiven() throws {
        let store = try Backend.postgres.emptyStore()
        let texts = ["", "NULL", "a,b", "{x}", "\"", "\\", "\\\"", " 前后 ", "案件 ,\"{}\\", "'; DROP TABLE event; --", "WH-SJJ-2024-0117"]
        let back = try store.read { db in
            try await db.fetchValues(String.self, "SELECT t FROM unnest(CAST(? AS TEXT[])) AS t", [PostgresArrayLiteral.text(texts)])
        }
        #expect(back == texts)
        #expect(PostgresArrayLiteral.text([]) == "{}")
    }

    /// Cases scattered through the store (what an incremental audit reads) are read by a list of
    /// ids, their officers and records through their events' ids, up to 4,000 a query: so read,
    /// they are what a range of the same cases reads, across more events than one query takes.
    @Test(arguments: Backend.allCases)
    func aListOfScatteredCasesReadsAsTheirRangeDoes(_ backend: Backend) throws {
        let folder = try TemporaryFolder()
        _ = try DataSetWriter(cases: 800, seed: 5, agencies: 2).write(to: folder.url, calendar: Repository.calendar)
        let store = try backend.emptyStore()
        #expect(store.importPaths([folder.url.path], actor: "test").failures.isEmpty)
        let ids = try store.caseIds()
        let events = try store.read { try await $0.fetchValue(Int.self, "SELECT COUNT(*) FROM event", []) } ?? 0
        #expect(events > 4000, "more events than one query of the list takes")
        func read(_ ids: [String], scattered: Bool) throws -> [EnforcementCase] {
            var cases: [EnforcementCase] = []
            try store.forEachVersionedBatch(of: ids, size: ids.count, scattered: scattered) { batch in
                #expect(batch.unreadable.isEmpty)
                cases += batch.cases
            }
            return cases
        }
        let whole = try read(ids, scattered: false)
        #expect(whole.count == ids.count)
        #expect(whole.contains { $0.events.contains { !$0.officers.isEmpty } } && whole.contains { $0.events.contains { !$0.records.isEmpty } })
        #expect(try read(ids, scattered: true) == whole)
        let some = Set(ids.enumerated().filter { $0.offset % 3 == 1 }.map(\.element))
        #expect(try read(ids.filter(some.contains), scattered: true) == whole.filter { some.contains($0.id) })
    }

    /// Batches read ahead (by two readers at once on PostgreSQL) come in the order of the ids,
    /// each once, as the same batches read one after another; an error of the caller's ends the
    /// walk with that error, whichever reader was reading.
    @Test(arguments: Backend.allCases)
    func batchesReadAheadComeInOrderEachOnce(_ backend: Backend) throws {
        let store = try store(backend)
        let ids = try store.caseIds()
        #expect(ids.count > 9, "enough cases for batches from every reader")
        for size in [1, 3, ids.count - 1, ids.count] {
            var sequential: [[String]] = []
            try store.forEachVersionedBatch(of: ids, size: size) { sequential.append($0.cases.map(\.id)) }
            var ahead: [[String]] = []
            var versions: [String: Int] = [:]
            try store.forEachVersionedBatchAhead(of: ids, size: size) { batch in
                ahead.append(batch.cases.map(\.id))
                versions.merge(batch.versions) { $1 }
            }
            #expect(ahead == sequential)
            #expect(ahead.flatMap { $0 } == ids)
            #expect(Set(versions.keys) == Set(ids))
        }
        struct Stop: Error {}
        for stopAt in [0, 1, 2, 5] {
            var seen = 0
            #expect(throws: Stop.self) {
                try store.forEachVersionedBatchAhead(of: ids, size: 2) { _ in
                    if seen == stopAt { throw Stop() }
                    seen += 1
                }
            }
            #expect(seen == stopAt)
        }
    }

    /// The store's ids, of all or of one agency, in the store's order (bytes of UTF-8), on both
    /// backends alike; none from an empty store or an agency without cases.
    @Test(arguments: Backend.allCases)
    func theStoresIdsComeInItsOrderByAgencyOrAll(_ backend: Backend) throws {
        #expect(try backend.emptyStore().caseIds().isEmpty)
        let store = try store(backend)
        let rows = try store.read { db in
            try await db.fetchAll("SELECT id, agency FROM enforcementCase", []).map { ($0["id"] as String, $0["agency"] as String) }
        }
        let sorted = { (ids: [String]) in ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
        #expect(rows.count == Repository.sampleCaseCount)
        #expect(try store.caseIds() == sorted(rows.map(\.0)))
        let agencies = Set(rows.map(\.1))
        #expect(agencies.count > 1)
        for agency in agencies {
            #expect(try store.caseIds(agency: agency) == sorted(rows.filter { $0.1 == agency }.map(\.0)), "\(agency)")
        }
        #expect(try store.caseIds(agency: "NO-SUCH-AGENCY").isEmpty)
    }

    @Test func aValueOfTheWrongTypeMakesItsCaseUnreadableNotTheBatch() throws {
        let store = try store(.sqlite)
        // SQLite keeps text that is not a number as text, even in an INTEGER column.
        try store.write { db in
            try await db.execute("UPDATE penalty SET amount = 'abc' WHERE caseId = ? AND amount IS NOT NULL", [Self.caseId])
        }
        var unreadable: [UnreadableCase] = []
        var read = 0
        try store.forEachBatch(of: try store.caseIds(), size: 50) { cases, lost in
            read += cases.count
            unreadable += lost
        }
        #expect(unreadable.map(\.id) == [Self.caseId])
        #expect(unreadable.first?.reason.contains("column amount does not hold an integer") == true, "\(unreadable)")
        #expect(read == Repository.sampleCaseCount - 1)
    }

    /// Stored enumerations are matched by their bytes: a value one byte off any raw value (a
    /// longer one, a shorter one, another case) makes only its case unreadable, naming the value.
    @Test(arguments: Backend.allCases)
    func aValueNoEnumerationHoldsMakesItsCaseUnreadable(_ backend: Backend) throws {
        let store = try store(backend)
        let other = "WH-SJJ-2024-0204"
        try store.write { db in
            try await db.execute("UPDATE event SET kind = 'decisions' WHERE caseId = ? AND kind = 'decision'", [Self.caseId])
            try await db.execute("UPDATE enforcementCase SET procedure = 'Simple' WHERE id = ?", [other])
        }
        var unreadable: [UnreadableCase] = []
        var read: [EnforcementCase] = []
        try store.forEachBatch(of: try store.caseIds(), size: 50) { cases, lost in
            read += cases
            unreadable += lost
        }
        #expect(unreadable.map(\.id).sorted() == [Self.caseId, other])
        #expect(unreadable.first { $0.id == Self.caseId }?.reason.contains("\"decisions\" is not a valid EventKind") == true, "\(unreadable)")
        #expect(unreadable.first { $0.id == other }?.reason.contains("\"Simple\" is not a valid Procedure") == true, "\(unreadable)")
        #expect(read.count == Repository.sampleCaseCount - 2)
        // The other cases' values still find their own cases: the samples' many kinds read back as many.
        #expect(Set(read.flatMap { $0.events.map(\.kind) }).count > 10)
        #expect(Set(read.map(\.procedure)).count > 1)
    }

    /// An import and an audit run each leave SQLite's write-ahead log empty: SQLite's own
    /// checkpoints never start it again while the audit's reader holds a snapshot, and a log
    /// grown by every run's results slowed every later read.
    @Test func importsAndAuditRunsLeaveTheWriteAheadLogEmpty() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("store.sqlite").path
        let store = try CaseStore(path: path)
        func logSize() throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.intValue ?? 0
        }
        #expect(store.importPaths([Repository.samples.path], actor: "test").failures.isEmpty)
        #expect(try logSize() == 0)
        try store.write { db in try await db.execute("UPDATE party SET name = name || '（更正）' WHERE caseId = ?", [Self.caseId]) }
        #expect(try logSize() > 0, "a write goes to the log first")
        let runner = AuditRunner(store: store, checklist: try ChecklistLoader.bundled().load("national"), calendar: Repository.calendar)
        _ = try runner.run(asOf: day("2025-06-30"), actor: "test")
        #expect(try logSize() == 0)
    }

    /// Values come out in the order of their positions, however they arrived: in order (no
    /// positions kept), with a gap, reversed, or out of order after a run in order.
    @Test func eventRunsCoverEveryIdOnceAndNoOther() {
        func runs(_ ids: [Int64]) -> [[Int64]] {
            var runs = EventRuns()
            for id in ids { runs.append(id) }
            return runs.runs.map { [$0.first, $0.last] }
        }
        #expect(runs([]).isEmpty)
        #expect(runs([7]) == [[7, 7]])
        #expect(runs([3, 1, 2, 5, 6, 9]) == [[1, 3], [5, 6], [9, 9]], "a gap of one id ends a run")
        #expect(runs([4, 4, 5, 5]) == [[4, 5]], "an id given twice is read once")
        let edges: [Int64] = [.max, .max - 1, .min, .min + 2]
        let expected: [[Int64]] = [[.min, .min], [.min + 2, .min + 2], [.max - 1, .max]]
        #expect(runs(edges) == expected)
        // A run spans at most `maxSpan` ids, so that its rows make a bounded array.
        let span = EventRuns.maxSpan
        #expect(runs(Array(1...(2 * span + 2))) == [[1, span], [span + 1, 2 * span], [2 * span + 1, 2 * span + 2]])
        #expect(runs(Array(5...(span + 4))) == [[5, span + 4]])
        var arguments = EventRuns()
        for id: Int64 in [10, 11, 20] { arguments.append(id) }
        let bounds: [DatabaseValue] = ["{10,20}".databaseValue, "{11,20}".databaseValue]
        #expect(arguments.arguments.databaseValues == bounds)
    }

    /// SQLite reads an event table by the runs of ids, 2,000 runs a query: every row of every
    /// event asked for, once, and no row of an event between the runs.
    @Test func sqlitesRunQueriesReadEveryRowOfTheirEventsAndNoOther() throws {
        let store = try Backend.sqlite.emptyStore()
        let folder = try TemporaryFolder()
        _ = try DataSetWriter(cases: 1_000, seed: 21, agencies: 2).write(to: folder.url, calendar: Repository.calendar)
        #expect(store.importPaths([Repository.samples.appendingPathComponent("registry.xml").path, folder.url.path], actor: "test").failures.isEmpty)
        try store.read { db in
            // Every other event that has officers: each its own run, more than 2,000 of them.
            let asked = try await db.fetchValues(Int64.self, "SELECT DISTINCT eventId FROM eventOfficer ORDER BY eventId", [])
                .enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
            var runs = EventRuns()
            for id in asked.reversed() { runs.append(id) }
            let queries = runs.sqliteQueries(EventOfficerColumn.self, as: "eo", on: db)
            #expect(asked.count > 2_000 && queries.count == (asked.count + 1_999) / 2_000)
            var read: [Int64] = []
            for query in queries {
                try await db.forEachPositional(query) { read.append(try $0.integer(required: EventOfficerColumn.eventId.rawValue)) }
            }
            let expected = try await db.fetchValues(Int64.self, "SELECT eventId FROM eventOfficer ORDER BY eventId, position", [])
                .filter(Set(asked).contains)
            // Compared as a Boolean: a failure printing thousands of ids would hide the rest.
            let same = read == expected
            #expect(same, "\(read.count) rows read, \(expected.count) asked for")
        }
    }

    @Test func positionedValuesComeOutInTheirPositionsOrder() {
        func values(_ arrivals: [(Int64, String)]) -> [String] {
            var positioned = Positioned<String>()
            for (position, value) in arrivals { positioned.append(position, value) }
            return positioned.values
        }
        #expect(values([(0, "a"), (1, "b"), (2, "c")]) == ["a", "b", "c"])
        #expect(values([(0, "a"), (2, "c"), (5, "f")]) == ["a", "c", "f"])
        #expect(values([(2, "c"), (1, "b"), (0, "a")]) == ["a", "b", "c"])
        #expect(values([(0, "a"), (1, "b"), (3, "d"), (2, "c")]) == ["a", "b", "c", "d"])
        #expect(values([(1, "b"), (0, "a")]) == ["a", "b"])
        #expect(values([]).isEmpty)
    }
}
