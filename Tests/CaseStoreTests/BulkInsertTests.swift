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
}
