import CaseModel
import Foundation
import GRDB
import GRDBSQLite

/// One row of a query, read by position (the order of its SELECT list) and by concrete type
/// rather than through GRDB's generic decoding, whose generic calls, metadata look-ups and
/// column-name hashing cost more than SQLite's own work when a batch reads a whole store.
///
/// A value of another type than the one asked for, or NULL where a value is required, throws
/// `StoreError.corrupt` naming the column, as decoding a `Row` does: a stored row changed by hand
/// makes its case unreadable, never a trap.
protocol PositionalRow {
    /// The query's column names, for messages.
    func name(_ index: Int) -> String
    func isNull(_ index: Int) -> Bool
    /// An integer column (nil: NULL).
    func integer(_ index: Int) throws -> Int64?
    /// A text column (nil: NULL).
    func text(_ index: Int) throws -> String?
    /// A `YYYY-MM-DD` text column (nil: NULL).
    func date(_ index: Int) throws -> CalendarDate?
    /// A text column; `previous` itself when the value equals it, so that a value repeated over
    /// many rows (a case id) is one string rather than one allocation a row.
    func text(_ index: Int, reusing previous: String?) throws -> String?
}

extension PositionalRow {
    func corrupt(_ index: Int, _ expected: String) -> StoreError {
        StoreError.corrupt("column \(name(index)) does not hold \(expected)")
    }

    func text(required index: Int) throws -> String {
        guard let value = try text(index) else { throw corrupt(index, "text (it is NULL)") }
        return value
    }

    func text(_ index: Int, reusing previous: String?) throws -> String? { try text(index) }

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

    /// A text column holding one of an enumeration's raw values (nil: NULL).
    func value<T: RawRepresentable>(_ index: Int, as type: T.Type = T.self) throws -> T? where T.RawValue == String {
        guard let raw = try text(index) else { return nil }
        guard let value = T(rawValue: raw) else { throw StoreError.corrupt("\"\(raw)\" is not a valid \(T.self)") }
        return value
    }

    func value<T: RawRepresentable>(required index: Int, as type: T.Type = T.self) throws -> T where T.RawValue == String {
        guard let value = try value(index, as: T.self) else { throw corrupt(index, "a \(T.self) (it is NULL)") }
        return value
    }
}

/// The current row of a stepping SQLite statement, read with the C API.
struct SQLiteStatementRow: PositionalRow {
    let statement: SQLiteStatement

    func name(_ index: Int) -> String { sqlite3_column_name(statement, Int32(index)).map { String(cString: $0) } ?? "#\(index)" }

    func isNull(_ index: Int) -> Bool { sqlite3_column_type(statement, Int32(index)) == SQLITE_NULL }

    func integer(_ index: Int) throws -> Int64? {
        switch sqlite3_column_type(statement, Int32(index)) {
        case SQLITE_NULL: return nil
        case SQLITE_INTEGER: return sqlite3_column_int64(statement, Int32(index))
        case SQLITE_FLOAT:
            // As GRDB reads a whole number stored as REAL.
            guard let exact = Int64(exactly: sqlite3_column_double(statement, Int32(index))) else { throw corrupt(index, "an integer") }
            return exact
        default: throw corrupt(index, "an integer")
        }
    }

    func text(_ index: Int) throws -> String? {
        guard let bytes = try utf8(index) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    func text(_ index: Int, reusing previous: String?) throws -> String? {
        guard let bytes = try utf8(index) else { return nil }
        if var previous, previous.utf8.count == bytes.count,
           previous.withUTF8({ $0.elementsEqual(bytes) }) {
            return previous
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func date(_ index: Int) throws -> CalendarDate? {
        guard let bytes = try utf8(index) else { return nil }
        guard let day = CalendarDate(utf8: bytes) else { throw corrupt(index, "a date (YYYY-MM-DD)") }
        return day
    }

    /// The bytes of a text value, valid until the statement steps.
    private func utf8(_ index: Int) throws -> UnsafeBufferPointer<UInt8>? {
        switch sqlite3_column_type(statement, Int32(index)) {
        case SQLITE_NULL: return nil
        case SQLITE_TEXT:
            let start = sqlite3_column_text(statement, Int32(index))
            let count = Int(sqlite3_column_bytes(statement, Int32(index)))
            return UnsafeBufferPointer(start: start, count: count)
        default: throw corrupt(index, "text")
        }
    }
}

/// A row's values in the order of its columns, as PostgreSQL sends them.
struct ValuesRow: PositionalRow {
    let names: [String]
    let values: [DatabaseValue]

    func name(_ index: Int) -> String { index < names.count ? names[index] : "#\(index)" }

    func isNull(_ index: Int) -> Bool { values[index].isNull }

    func integer(_ index: Int) throws -> Int64? {
        switch values[index].storage {
        case .null: return nil
        case .int64(let value): return value
        case .double(let value):
            guard let exact = Int64(exactly: value) else { throw corrupt(index, "an integer") }
            return exact
        default: throw corrupt(index, "an integer")
        }
    }

    func text(_ index: Int) throws -> String? {
        switch values[index].storage {
        case .null: return nil
        case .string(let value): return value
        default: throw corrupt(index, "text")
        }
    }

    func date(_ index: Int) throws -> CalendarDate? {
        guard let text = try text(index) else { return nil }
        guard let day = CalendarDate(text) else { throw corrupt(index, "a date (YYYY-MM-DD)") }
        return day
    }
}
