import CaseModel
import Foundation
import Generator
import NIOCore
import PostgresNIO
import Testing

@testable import CaseStore

/// PostgreSQL's batch reads take a table's rows as arrays of composite values (`aheadRows`,
/// `EventRuns.query`) and read each field from the bytes of the binary formats; bytes that do not
/// hold what their counts and lengths say are a corrupt row, never a read past their end.
@Suite struct PostgresRecordRowTests {
    /// One field of a record: its type's oid and its bytes (nil: NULL).
    private typealias Field = (oid: UInt32, bytes: [UInt8]?)

    private func record(_ fields: [Field]) -> [UInt8] {
        var buffer = ByteBuffer()
        buffer.writeInteger(Int32(fields.count))
        for field in fields {
            buffer.writeInteger(field.oid)
            if let bytes = field.bytes {
                buffer.writeInteger(Int32(bytes.count))
                buffer.writeBytes(bytes)
            } else {
                buffer.writeInteger(Int32(-1))
            }
        }
        return Array(buffer.readableBytesView)
    }

    private func array(_ elements: [[UInt8]]) -> [UInt8] {
        var buffer = ByteBuffer()
        buffer.writeInteger(Int32(elements.isEmpty ? 0 : 1))
        buffer.writeInteger(Int32(0))
        buffer.writeInteger(UInt32(2249))
        if !elements.isEmpty {
            buffer.writeInteger(Int32(elements.count))
            buffer.writeInteger(Int32(1))
        }
        for element in elements {
            buffer.writeInteger(Int32(element.count))
            buffer.writeBytes(element)
        }
        return Array(buffer.readableBytesView)
    }

    private func cell(_ bytes: [UInt8], _ type: PostgresDataType) -> PostgresCell {
        PostgresCell(bytes: ByteBuffer(bytes: bytes), dataType: type, format: .binary, columnName: "row", columnIndex: 0)
    }

    private func big<I: FixedWidthInteger>(_ value: I) -> [UInt8] { withUnsafeBytes(of: value.bigEndian) { Array($0) } }

    /// Every row of an array cell, each as `read` makes of it.
    private func rows<T>(_ bytes: [UInt8], names: [String] = ["a", "b", "c"], _ read: (PositionalRow) throws -> T) throws -> [T] {
        var found: [T] = []
        try PostgresRecordRow.forEachElement(of: cell(bytes, .recordArray), names: names) { found.append(try read(PositionalRow(source: .postgresRecord($0)))) }
        return found
    }

    @Test func fieldsOfEachTypeAreReadFromTheirBytes() throws {
        let one = record([(20, big(Int64(-7_000_000_000))), (25, Array("七号".utf8)), (16, [1])])
        let two = record([(23, big(Int32(42))), (25, nil), (21, big(Int16(-3)))])
        let three = record([(701, big(UInt64(2.0.bitPattern))), (1043, Array("2024-02-29".utf8)), (16, [0])])
        let read = try rows(array([one, two, three])) { row in
            [try row.integer(0).map(String.init), try row.text(1), try row.integer(2).map(String.init)]
        }
        #expect(read == [["-7000000000", "七号", "1"], ["42", nil, "-3"], ["2", "2024-02-29", "0"]])
        #expect(try rows(array([three])) { try $0.date(1) } == [CalendarDate(year: 2024, month: 2, day: 29)])
        #expect(try rows(array([three])) { try $0.double(required: 0) } == [2.0])
        // A record alone (`ROW(…)` without an array) reads as one row.
        let alone = try PostgresRecordRow.read(cell(one, .record), names: []) { try PositionalRow(source: .postgresRecord($0)).text(1) }
        #expect(alone == "七号")
    }

    @Test func anEmptyArrayOrNoneIsNoRow() throws {
        #expect(try rows(array([])) { _ in 1 }.isEmpty)
        var none = 0
        try PostgresRecordRow.forEachElement(
            of: PostgresCell(bytes: nil, dataType: .recordArray, format: .binary, columnName: "row", columnIndex: 0), names: []
        ) { _ in none += 1 }
        #expect(none == 0)
    }

    @Test func aValueOfAnotherTypeOrAMissingFieldIsNamedByItsColumn() throws {
        let row = array([record([(25, Array("abc".utf8)), (20, big(Int64(1)))])])
        #expect(throws: StoreError.corrupt("column a does not hold an integer")) { try rows(row) { try $0.integer(0) } }
        #expect(throws: StoreError.corrupt("column b does not hold text")) { try rows(row) { try $0.text(1) } }
        #expect(throws: StoreError.corrupt("column c does not hold a value (the row has 2 fields)")) { try rows(row) { try $0.integer(2) } }
        // An integer whose length is not its type's.
        let short = array([record([(20, [0, 1])])])
        #expect(throws: StoreError.corrupt("column a does not hold an integer")) { try rows(short) { try $0.integer(0) } }
    }

    @Test func bytesShorterThanTheirCountsSayAreACorruptRow() throws {
        let whole = record([(25, Array("甲乙丙".utf8)), (20, big(Int64(5)))])
        // Every cut of a record, and of the array holding it, fails as a corrupt row.
        for cut in 0..<whole.count {
            let element = Array(whole[..<cut])
            #expect(throws: StoreError.self) { try rows(array([element])) { try ($0.text(0), $0.integer(1)) } }
        }
        let holder = array([whole, whole])
        for cut in 0..<holder.count {
            #expect(throws: StoreError.self) { try rows(Array(holder[..<cut])) { try ($0.text(0), $0.integer(1)) } }
        }
        #expect(try rows(holder) { try $0.integer(1) } == [5, 5])
        // A field length that reaches past the record, a negative or huge count of fields.
        var long = whole
        long.replaceSubrange(8..<12, with: big(Int32(1000)))
        #expect(throws: StoreError.self) { try rows(array([long])) { try $0.text(0) } }
        for count in [Int32(-1), Int32(PostgresRecordRow.maxFields + 1), .max] {
            var counted = whole
            counted.replaceSubrange(0..<4, with: big(count))
            #expect(throws: StoreError.self) { try rows(array([counted])) { try $0.text(0) } }
        }
        // An array of two dimensions, or claiming more elements than it holds.
        var flat = holder
        flat.replaceSubrange(0..<4, with: big(Int32(2)))
        #expect(throws: StoreError.self) { try rows(flat) { try $0.text(0) } }
        var more = holder
        more.replaceSubrange(12..<16, with: big(Int32(3)))
        #expect(throws: StoreError.self) { try rows(more) { try $0.text(0) } }
    }

    /// The cases of a generated set read back from PostgreSQL in batches whose events span many
    /// runs of at most `EventRuns.maxSpan` ids, and whose case tables' rows come in several arrays
    /// of `rowsAnArray` rows, by range and by list, are those SQLite reads back.
    @Test func batchesReadBackWhatSQLiteReadsBack() throws {
        let folder = try TemporaryFolder()
        _ = try DataSetWriter(cases: 300, seed: 11, agencies: 2).write(to: folder.url, calendar: Repository.calendar)
        var read: [Backend: [EnforcementCase]] = [:]
        for backend in Backend.allCases {
            let store = try backend.emptyStore()
            #expect(store.importPaths([folder.url.path], actor: "test").failures.isEmpty)
            let ids = try store.caseIds()
            var cases: [EnforcementCase] = []
            try store.forEachVersionedBatch(of: ids, size: 300) { batch in
                #expect(batch.unreadable.isEmpty)
                cases += batch.cases
            }
            var scattered: [EnforcementCase] = []
            try store.forEachVersionedBatch(of: ids, size: 97, scattered: true) { scattered += $0.cases }
            #expect(scattered == cases)
            read[backend] = cases
        }
        let postgres = try #require(read[.postgres])
        #expect(postgres.count == 300)
        #expect(97 > PostgresSQLConnection.rowsAnArray, "a batch's case rows come in more than one array")
        #expect(postgres.reduce(0) { $0 + $1.events.count } > 4 * Int(EventRuns.maxSpan), "events of many runs")
        #expect(postgres.contains { $0.events.contains { $0.officers.count > 1 } } && postgres.contains { $0.events.contains { !$0.records.isEmpty } })
        #expect(postgres == read[.sqlite])
    }
}
