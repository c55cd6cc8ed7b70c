import NIOCore
import PostgresNIO

/// PostgreSQL's side of `PositionalRow` for a row sent as a composite value (`ROW(a, b, …)`),
/// alone or as an element of an array of them (`array_agg(ROW(…))`, `SQLConnection.aheadRows`):
/// its fields read straight from the bytes of the binary record format the server sends
/// (`record_send`: a field count, then for each field the oid of its type, its length, -1 for
/// NULL, and its bytes).
///
/// The batch reads' many small rows cost the client more in handling each row and cell (a
/// message decoded, a row value made, its column descriptions copied, each cell's bytes retained
/// and released) than the server's aggregating them: an array of rows is one cell, whose rows'
/// fields are found by walking its bytes once.
struct PostgresRecordRow {
    /// Where a field lies in the record's bytes; `start` -1 for NULL.
    struct Field {
        var type: UInt32
        var start: Int
        var count: Int
    }

    private let bytes: UnsafeRawBufferPointer
    private let fields: UnsafeBufferPointer<Field>
    private let names: [String]

    /// The type oids the reads accept (`pg_type`).
    private enum Oid {
        static let bool: UInt32 = 16, name: UInt32 = 19, int8: UInt32 = 20, int2: UInt32 = 21, int4: UInt32 = 23, text: UInt32 = 25
        static let float4: UInt32 = 700, float8: UInt32 = 701, bpchar: UInt32 = 1042, varchar: UInt32 = 1043
    }

    /// The most fields a record read here may have: the widest case table has sixteen columns.
    static let maxFields = 64

    /// `body` over the record in `cell`, its fields named `names` in messages.
    static func read<T>(_ cell: PostgresCell, names: [String], _ body: (PostgresRecordRow) throws -> T) throws -> T {
        guard let buffer = cell.bytes else { throw StoreError.corrupt("a row came as NULL") }
        return try buffer.withUnsafeReadableBytes { try read($0, names: names, body) }
    }

    /// `body` over each record of an array of records in `cell` (`array_agg(ROW(…))`), in the
    /// array's order: one array element is one row. The binary array format: the number of
    /// dimensions (0 for an empty array, else 1 here), a flag, the elements' type, each
    /// dimension's length and lower bound, then each element's length and bytes.
    static func forEachElement(of cell: PostgresCell, names: [String], _ body: (PostgresRecordRow) throws -> Void) throws {
        guard let buffer = cell.bytes else { return }  // no rows aggregated
        try buffer.withUnsafeReadableBytes { bytes in
            guard let dimensions = integer(bytes, at: 0, as: Int32.self), dimensions == 0 || dimensions == 1,
                let count = dimensions == 0 ? 0 : integer(bytes, at: 12, as: Int32.self), count >= 0
            else { throw StoreError.corrupt("an array of rows is not a one-dimensional array") }
            var offset = dimensions == 0 ? 12 : 20
            for index in 0..<Int(count) {
                guard let length = integer(bytes, at: offset, as: Int32.self), length >= 0, Int(length) <= bytes.count - offset - 4 else {
                    throw StoreError.corrupt("an array of rows ends inside its row \(index + 1)")
                }
                offset += 4
                try read(UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + Int(length)]), names: names, body)
                offset += Int(length)
            }
        }
    }

    /// `body` over the record in `bytes`. A record whose bytes do not hold what their counts and
    /// lengths say is a corrupt row, never a read out of bounds.
    private static func read<T>(_ bytes: UnsafeRawBufferPointer, names: [String], _ body: (PostgresRecordRow) throws -> T) throws -> T {
        guard let count = integer(bytes, at: 0, as: Int32.self), count >= 0, Int(count) <= maxFields else {
            throw StoreError.corrupt("a row's record holds no readable count of fields")
        }
        return try withUnsafeTemporaryAllocation(of: Field.self, capacity: Int(count)) { fields in
            var offset = 4
            for index in 0..<Int(count) {
                guard let type = integer(bytes, at: offset, as: UInt32.self), let length = integer(bytes, at: offset + 4, as: Int32.self)
                else { throw StoreError.corrupt("a row's record ends inside its field \(index + 1)") }
                offset += 8
                if length < 0 {
                    (fields.baseAddress! + index).initialize(to: Field(type: type, start: -1, count: 0))
                } else {
                    guard Int(length) <= bytes.count - offset else { throw StoreError.corrupt("a row's record ends inside its field \(index + 1)") }
                    (fields.baseAddress! + index).initialize(to: Field(type: type, start: offset, count: Int(length)))
                    offset += Int(length)
                }
            }
            return try body(PostgresRecordRow(bytes: bytes, fields: UnsafeBufferPointer(rebasing: fields[0..<Int(count)]), names: names))
        }
    }

    /// A big-endian integer at `offset`, nil past the end.
    private static func integer<I: FixedWidthInteger>(_ bytes: UnsafeRawBufferPointer, at offset: Int, as: I.Type) -> I? {
        guard offset >= 0, offset <= bytes.count - MemoryLayout<I>.size else { return nil }
        return I(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: I.self))
    }

    func name(_ index: Int) -> String { index >= 0 && index < names.count ? names[index] : "#\(index)" }

    private func field(_ index: Int, _ positional: PositionalRow) throws -> Field {
        guard index >= 0, index < fields.count else { throw positional.corrupt(index, "a value (the row has \(fields.count) fields)") }
        return fields[index]
    }

    func integer(_ index: Int, _ positional: PositionalRow) throws -> Int64? {
        let field = try field(index, positional)
        guard field.start >= 0 else { return nil }
        let value: Int64?
        switch (field.type, field.count) {
        case (Oid.int8, 8): value = Self.integer(bytes, at: field.start, as: Int64.self)
        case (Oid.int4, 4): value = Self.integer(bytes, at: field.start, as: Int32.self).map(Int64.init)
        case (Oid.int2, 2): value = Self.integer(bytes, at: field.start, as: Int16.self).map(Int64.init)
        case (Oid.bool, 1): value = bytes[field.start] == 0 ? 0 : 1
        case (Oid.float8, 8): value = Self.integer(bytes, at: field.start, as: UInt64.self).flatMap { Int64(exactly: Double(bitPattern: $0)) }
        case (Oid.float4, 4): value = Self.integer(bytes, at: field.start, as: UInt32.self).flatMap { Int64(exactly: Float(bitPattern: $0)) }
        default: value = nil
        }
        guard let value else { throw positional.corrupt(index, "an integer") }
        return value
    }

    func double(_ index: Int, _ positional: PositionalRow) throws -> Double? {
        let field = try field(index, positional)
        guard field.start >= 0 else { return nil }
        let value: Double?
        switch (field.type, field.count) {
        case (Oid.float8, 8): value = Self.integer(bytes, at: field.start, as: UInt64.self).map { Double(bitPattern: $0) }
        case (Oid.float4, 4): value = Self.integer(bytes, at: field.start, as: UInt32.self).map { Double(Float(bitPattern: $0)) }
        case (Oid.int8, 8): value = Self.integer(bytes, at: field.start, as: Int64.self).map(Double.init)
        case (Oid.int4, 4): value = Self.integer(bytes, at: field.start, as: Int32.self).map(Double.init)
        case (Oid.int2, 2): value = Self.integer(bytes, at: field.start, as: Int16.self).map(Double.init)
        default: value = nil
        }
        guard let value else { throw positional.corrupt(index, "a number") }
        return value
    }

    /// `body` over the bytes of a text field (nil: NULL), which the binary format sends as its UTF-8.
    func withUTF8<T>(_ index: Int, _ positional: PositionalRow, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) throws -> T? {
        let field = try field(index, positional)
        guard field.start >= 0 else { return nil }
        switch field.type {
        case Oid.text, Oid.varchar, Oid.bpchar, Oid.name:
            let slice = UnsafeRawBufferPointer(rebasing: bytes[field.start..<field.start + field.count])
            return try body(slice.bindMemory(to: UInt8.self))
        default: throw positional.corrupt(index, "text")
        }
    }

}
