import CaseModel
import Foundation
import GRDB
import GRDBSQLite

/// One row of a query, read by position (the order of its SELECT list) and by concrete type
/// rather than through GRDB's generic decoding, whose generic calls, metadata look-ups and
/// column-name hashing cost more than SQLite's own work when a batch reads a whole store.
///
/// A concrete type, not a protocol: every accessor is specialized where it is called (through a
/// protocol existential each enumeration look-up went through the runtime's generic metadata,
/// a tenth of reading a store).
///
/// A value of another type than the one asked for, or NULL where a value is required, throws
/// `StoreError.corrupt` naming the column, as decoding a `Row` does: a stored row changed by hand
/// makes its case unreadable, never a trap.
struct PositionalRow {
    enum Source {
        /// SQLite: the statement stepping over the rows.
        case sqlite(SQLiteStatementRow)
        /// PostgreSQL: the cells of one row of its answer, as the server sent them.
        case postgres(PostgresCellsRow)
        /// PostgreSQL: the fields of a row sent as one composite value (`SQLConnection.aheadRows`).
        case postgresRecord(PostgresRecordRow)
    }

    let source: Source

    /// The query's column names, for messages.
    func name(_ index: Int) -> String {
        switch source {
        case .sqlite(let row): row.name(index)
        case .postgres(let row): row.name(index)
        case .postgresRecord(let row): row.name(index)
        }
    }

    /// An integer column (nil: NULL).
    func integer(_ index: Int) throws -> Int64? {
        switch source {
        case .sqlite(let row): try row.integer(index, self)
        case .postgres(let row): try row.integer(index, self)
        case .postgresRecord(let row): try row.integer(index, self)
        }
    }

    /// `body` over the bytes of a text column (nil: NULL), wherever the row keeps them: every
    /// reading of text below goes through here.
    func withUTF8<T>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) throws -> T? {
        switch source {
        case .sqlite(let row): try row.utf8(index, self).map(body)
        case .postgres(let row): try row.withUTF8(index, self, body)
        case .postgresRecord(let row): try row.withUTF8(index, self, body)
        }
    }

    /// A text column (nil: NULL).
    func text(_ index: Int) throws -> String? {
        try withUTF8(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// A `YYYY-MM-DD` text column (nil: NULL).
    func date(_ index: Int) throws -> CalendarDate? {
        guard let day = try withUTF8(index, { CalendarDate(utf8: $0) }) else { return nil }
        guard let day else { throw corrupt(index, "a date (YYYY-MM-DD)") }
        return day
    }

    /// A text column; `previous` itself when the value equals it, so that a value repeated over
    /// many rows (a case id) is one string rather than one allocation a row.
    func text(_ index: Int, reusing previous: String?) throws -> String? {
        try withUTF8(index) { bytes in
            if var previous, previous.utf8.count == bytes.count, previous.withUTF8({ $0.elementsEqual(bytes) }) {
                return previous
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// A text column holding one of an enumeration's raw values (nil: NULL), matched by its bytes
    /// against `values`.
    func value<T>(_ index: Int, in values: RawValues<T>) throws -> T? {
        try withUTF8(index) { bytes in
            guard let found = values.value(utf8: bytes) else {
                throw StoreError.corrupt("\"\(String(decoding: bytes, as: UTF8.self))\" is not a valid \(T.self)")
            }
            return found
        }
    }

    func value<T>(required index: Int, in values: RawValues<T>) throws -> T {
        guard let value = try value(index, in: values) else { throw corrupt(index, "a \(T.self) (it is NULL)") }
        return value
    }

    func corrupt(_ index: Int, _ expected: String) -> StoreError {
        StoreError.corrupt("column \(name(index)) does not hold \(expected)")
    }

    func text(required index: Int) throws -> String {
        guard let value = try text(index) else { throw corrupt(index, "text (it is NULL)") }
        return value
    }

    func text(required index: Int, reusing previous: String?) throws -> String {
        guard let value = try text(index, reusing: previous) else { throw corrupt(index, "text (it is NULL)") }
        return value
    }

    func int(required index: Int) throws -> Int {
        guard let value = try int(index) else { throw corrupt(index, "an integer (it is NULL)") }
        return value
    }

    func date(required index: Int) throws -> CalendarDate {
        guard let value = try date(index) else { throw corrupt(index, "a date (it is NULL)") }
        return value
    }

    func integer(required index: Int) throws -> Int64 {
        guard let value = try integer(index) else { throw corrupt(index, "an integer (it is NULL)") }
        return value
    }

    func int(_ index: Int) throws -> Int? {
        guard let value = try integer(index) else { return nil }
        guard let int = Int(exactly: value) else { throw corrupt(index, "an integer of this platform") }
        return int
    }

    func bool(_ index: Int) throws -> Bool? { try integer(index).map { $0 != 0 } }

    func bool(required index: Int) throws -> Bool { try integer(required: index) != 0 }

    func money(_ index: Int) throws -> Money? { try integer(index).map { Money(fen: $0) } }

    /// A real column, which may hold a whole number as an integer.
    func double(required index: Int) throws -> Double {
        let value: Double?
        switch source {
        case .sqlite(let row): value = try row.double(index, self)
        case .postgres(let row): value = try row.double(index, self)
        case .postgresRecord(let row): value = try row.double(index, self)
        }
        guard let value else { throw corrupt(index, "a number (it is NULL)") }
        return value
    }
}

/// An enumeration's raw values as bytes, for matching a stored value without making a string of
/// it (the synthesized `init(rawValue:)` builds the string and compares it with one case after
/// another).
struct RawValues<T: Sendable>: Sendable {
    private let entries: [(bytes: [UInt8], value: T)]

    init() where T: CaseIterable & RawRepresentable, T.RawValue == String {
        entries = T.allCases.map { (Array($0.rawValue.utf8), $0) }
    }

    func value(utf8 bytes: UnsafeBufferPointer<UInt8>) -> T? {
        for entry in entries where entry.bytes.count == bytes.count {
            if entry.bytes.withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) { return entry.value }
        }
        return nil
    }
}

/// SQLite's side of `PositionalRow`: the current row of a stepping statement, read with the C API.
struct SQLiteStatementRow {
    let statement: SQLiteStatement

    func name(_ index: Int) -> String { sqlite3_column_name(statement, Int32(index)).map { String(cString: $0) } ?? "#\(index)" }

    func integer(_ index: Int, _ row: PositionalRow) throws -> Int64? {
        switch sqlite3_column_type(statement, Int32(index)) {
        case SQLITE_NULL: return nil
        case SQLITE_INTEGER: return sqlite3_column_int64(statement, Int32(index))
        case SQLITE_FLOAT:
            // As GRDB reads a whole number stored as REAL.
            guard let exact = Int64(exactly: sqlite3_column_double(statement, Int32(index))) else { throw row.corrupt(index, "an integer") }
            return exact
        default: throw row.corrupt(index, "an integer")
        }
    }

    func double(_ index: Int, _ row: PositionalRow) throws -> Double? {
        switch sqlite3_column_type(statement, Int32(index)) {
        case SQLITE_NULL: return nil
        case SQLITE_FLOAT, SQLITE_INTEGER: return sqlite3_column_double(statement, Int32(index))
        default: throw row.corrupt(index, "a number")
        }
    }

    /// The bytes of a text value, valid until the statement steps.
    func utf8(_ index: Int, _ row: PositionalRow) throws -> UnsafeBufferPointer<UInt8>? {
        switch sqlite3_column_type(statement, Int32(index)) {
        case SQLITE_NULL: return nil
        case SQLITE_TEXT:
            let start = sqlite3_column_text(statement, Int32(index))
            let count = Int(sqlite3_column_bytes(statement, Int32(index)))
            return UnsafeBufferPointer(start: start, count: count)
        default: throw row.corrupt(index, "text")
        }
    }
}
