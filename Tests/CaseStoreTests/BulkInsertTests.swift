import Foundation
import GRDB
import Testing

@testable import CaseStore

/// `insertRows`, which imports, store copies and audit runs write through: on PostgreSQL a few rows
/// go as multi-row inserts and many as one `COPY … FROM STDIN` in its text format. Both ways, and
/// both backends, must store exactly what was given, whatever the text holds.
@Suite struct BulkInsertTests {
    /// Values that text formats get wrong: escapes, line ends, NULL beside the empty string and the
    /// word `\N`, bytes, doubles at their edges.
    static func hostileRow(_ n: Int) -> [DatabaseValue] {
        let texts = ["", "\\N", "a\tb", "第一行\n第二行", "回车\r", "反斜杠\\结尾\\", "\\.", "  空格 ", "引号'\"", "表情😀"]
        let doubles: [Double] = [0.1, 1e-300, 100, -2.5, 123_456.789, 1.0 / 3, 5e20, -0.0]
        return [
            Int64(n).databaseValue,
            n % 7 == 0 ? DatabaseValue.null : doubles[n % doubles.count].databaseValue,
            n % 11 == 0 ? DatabaseValue.null : texts[n % texts.count].databaseValue,
            n % 5 == 0 ? DatabaseValue.null : Data([0, 9, 10, 13, 92, UInt8(n % 256), 255]).databaseValue,
            Int64(n % 2).databaseValue
        ]
    }

    @Test(arguments: Backend.allCases, [PostgresCopyText.fewestRows - 1, PostgresCopyText.fewestRows, 3000])
    func rowsComeBackAsGiven(_ backend: Backend, _ count: Int) throws {
        let store = try backend.emptyStore()
        defer { store.close() }
        try store.tamper(
            "CREATE TABLE bulkProbe (n BIGINT PRIMARY KEY, d DOUBLE PRECISION, t TEXT, b \(backend == .postgres ? "BYTEA" : "BLOB"), flag SMALLINT)")
        let rows = (0..<count).map(Self.hostileRow)
        try store.write { try await $0.insertRows(into: "bulkProbe", columns: ["n", "d", "t", "b", "flag"], rows: rows) }
        let back = try store.read { db in
            try await db.fetchAll("SELECT n, d, t, b, flag FROM bulkProbe ORDER BY n", []).map { row in
                ["n", "d", "t", "b", "flag"].map { row[$0] as DatabaseValue }
            }
        }
        #expect(back.count == count)
        for (given, stored) in zip(rows, back) where given != stored {
            Issue.record("row \(given[0]) stored as \(stored), given \(given)")
            break
        }
    }

    /// A bulk insert that the server refuses half-way (a duplicate key) leaves nothing of its
    /// transaction, and the store takes the next write.
    @Test(arguments: Backend.allCases)
    func aRefusedBulkInsertLeavesNothing(_ backend: Backend) throws {
        let store = try backend.emptyStore()
        defer { store.close() }
        try store.tamper("CREATE TABLE bulkProbe (n BIGINT PRIMARY KEY, t TEXT)")
        var rows = (0..<500).map { [Int64($0).databaseValue, "行\($0)".databaseValue] }
        rows.append([Int64(250).databaseValue, "重复".databaseValue])
        #expect(throws: (any Error).self) {
            try store.write { try await $0.insertRows(into: "bulkProbe", columns: ["n", "t"], rows: rows) }
        }
        #expect(try store.read { try await $0.fetchValue(Int.self, "SELECT COUNT(*) FROM bulkProbe") } == 0)
        try store.write { try await $0.insertRows(into: "bulkProbe", columns: ["n", "t"], rows: Array(rows.prefix(500))) }
        #expect(try store.read { try await $0.fetchValue(Int.self, "SELECT COUNT(*) FROM bulkProbe") } == 500)
    }

    /// `append`, which an import writes each case's rows through: on SQLite each row bound straight
    /// to its prepared insert (`SQLiteRowInsert`), on PostgreSQL gathered and sent with the table's
    /// next rows: fewer than `fewestRows` kept as values for an insert, from that many on encoded
    /// as `COPY` text as they come (`PostgresPendingRows`). The same hostile values come back as
    /// given either way, a text with a NUL among them.
    @Test(arguments: Backend.allCases, [PostgresCopyText.fewestRows - 1, PostgresCopyText.fewestRows, 300])
    func appendedRowsComeBackAsGiven(_ backend: Backend, _ count: Int) throws {
        let store = try backend.emptyStore()
        defer { store.close() }
        try store.tamper(
            "CREATE TABLE bulkProbe (n BIGINT PRIMARY KEY, d DOUBLE PRECISION, t TEXT, b \(backend == .postgres ? "BYTEA" : "BLOB"), flag SMALLINT)")
        let rows = (0..<count).map(Self.hostileRow)
        try store.write { db in
            for row in rows {
                try await db.append(into: "bulkProbe", columns: ["n", "d", "t", "b", "flag"], row: row.map { $0 as (any DatabaseValueConvertible)? })
            }
        }
        let back = try store.read { db in
            try await db.fetchAll("SELECT n, d, t, b, flag FROM bulkProbe ORDER BY n", []).map { row in
                ["n", "d", "t", "b", "flag"].map { row[$0] as DatabaseValue }
            }
        }
        #expect(back == rows)
        if backend == .sqlite {
            // PostgreSQL refuses a NUL in text; SQLite keeps the bytes it was given, all of them.
            try store.write { try await $0.append(into: "bulkProbe", columns: ["n", "t"], row: [Int64(1_000), "前\u{0}后"]) }
            #expect(try store.read { try await $0.fetchValue(Int.self, "SELECT length(CAST(t AS BLOB)) FROM bulkProbe WHERE n = 1000") } == 7)
        }
    }

    /// An appended row the database refuses (a duplicate key; as many values as the insert has
    /// not) is an error, not a trap, and leaves nothing of its transaction.
    @Test(arguments: Backend.allCases)
    func aRefusedAppendLeavesNothing(_ backend: Backend) throws {
        let store = try backend.emptyStore()
        defer { store.close() }
        try store.tamper("CREATE TABLE bulkProbe (n BIGINT PRIMARY KEY, t TEXT)")
        let duplicate = #expect(throws: (any Error).self) {
            try store.write { db in
                for n in [1, 2, 3, 2] { try await db.append(into: "bulkProbe", columns: ["n", "t"], row: [Int64(n), "行\(n)"]) }
                try await db.flush()
            }
        }
        if backend == .sqlite {
            #expect((duplicate as? DatabaseError)?.message?.contains("UNIQUE constraint failed: bulkProbe.n") == true, "\(String(describing: duplicate))")
        }
        #expect(try store.read { try await $0.fetchValue(Int.self, "SELECT COUNT(*) FROM bulkProbe") } == 0)
        if backend == .sqlite {
            #expect(throws: DatabaseError.self) {
                try store.write { try await $0.append(into: "bulkProbe", columns: ["n", "t"], row: [Int64(9)]) }
            }
        }
        try store.write { try await $0.append(into: "bulkProbe", columns: ["n", "t"], row: [Int64(4), "行4"]) }
        #expect(try store.read { try await $0.fetchValues(String.self, "SELECT t FROM bulkProbe") } == ["行4"])
    }

    /// On PostgreSQL appended rows are sent when they hold `flushBytes` of text, while the next
    /// are made, one write in flight at a time (`PostgresSQLConnection.flush(waiting:)`). A row the
    /// server refuses in a write still in flight fails the transaction all the same, and nothing of
    /// it stays; a query made ahead (`SQLConnection.ahead`) after appends sees every row appended
    /// before it.
    @Test(arguments: Backend.allCases)
    func appendsInFlightFailOrShowAsAWholeTransaction(_ backend: Backend) throws {
        let store = try backend.emptyStore()
        defer { store.close() }
        try store.tamper("CREATE TABLE bulkProbe (n BIGINT PRIMARY KEY, t TEXT)")
        // Rows of about a kilobyte of text each: some four thousand fill a write.
        let padding = String(repeating: "案", count: 340)
        let perWrite = PostgresSQLConnection.flushBytes / (padding.utf8.count + 16)
        #expect(perWrite > 1_000)
        // The duplicate is in the first write, which goes to the server while two more are made.
        #expect(throws: (any Error).self) {
            try store.write { db in
                for n in 0..<(3 * perWrite) {
                    try await db.append(into: "bulkProbe", columns: ["n", "t"], row: [Int64(n == perWrite / 2 ? 10 : n), "\(n)\(padding)"])
                }
                try await db.flush()
            }
        }
        #expect(try store.read { try await $0.fetchValue(Int.self, "SELECT COUNT(*) FROM bulkProbe") } == 0)
        let appended = perWrite + perWrite / 2
        let (seen, total) = try store.write { db -> (Int64, Int64) in
            for n in 0..<appended { try await db.append(into: "bulkProbe", columns: ["n", "t"], row: [Int64(n), "\(n)\(padding)"]) }
            let count = db.ahead("SELECT COUNT(*), MAX(n) FROM bulkProbe", [])
            var seen: (Int64, Int64) = (0, 0)
            try await db.forEachPositional(count) { seen = (try $0.integer(required: 0), try $0.integer(required: 1)) }
            return seen
        }
        #expect(seen == Int64(appended))
        #expect(total == Int64(appended - 1))
    }
}
