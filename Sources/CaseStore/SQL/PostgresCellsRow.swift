import NIOCore
import PostgresNIO

/// PostgreSQL's side of `PositionalRow`: one row of an answer, each cell read where it lies in the
/// server's message, by its type, without a value made of every cell first (a `DatabaseValue`, a
/// string of every text) as the rows that `fetchAll` hands out are.
struct PostgresCellsRow {
    let row: PostgresRandomAccessRow

    init(_ row: PostgresRow) {
        self.row = PostgresRandomAccessRow(row)
    }

    func name(_ index: Int) -> String { index < row.count ? row[index].columnName : "#\(index)" }

    private func cell(_ index: Int, _ positional: PositionalRow) throws -> PostgresCell {
        guard index >= 0, index < row.count else { throw positional.corrupt(index, "a value (the answer has \(row.count) columns)") }
        return row[index]
    }

    func integer(_ index: Int, _ positional: PositionalRow) throws -> Int64? {
        try decode(index, positional, "an integer") { cell in
            switch cell.dataType {
            case .int2, .int4, .int8: try cell.decode(Int64.self)
            case .bool: try cell.decode(Bool.self) ? 1 : 0
            case .float4, .float8: Int64(exactly: try cell.decode(Double.self))
            case .numeric: Int64(try cell.decode(String.self))
            default: nil
            }
        }
    }

    func double(_ index: Int, _ positional: PositionalRow) throws -> Double? {
        try decode(index, positional, "a number") { cell in
            switch cell.dataType {
            case .float4, .float8: try cell.decode(Double.self)
            case .int2, .int4, .int8: Double(try cell.decode(Int64.self))
            case .numeric: Double(try cell.decode(String.self))
            default: nil
            }
        }
    }

    /// A non-NULL cell's value as `body` reads it (nil: NULL). A type `body` does not take, or a
    /// value it cannot read, is `expected` missing from the column, as a corrupt row is on SQLite.
    private func decode<T>(
        _ index: Int, _ positional: PositionalRow, _ expected: String, _ body: (PostgresCell) throws -> T?
    ) throws -> T? {
        let cell = try cell(index, positional)
        guard cell.bytes != nil else { return nil }
        guard let value = try? body(cell) else { throw positional.corrupt(index, expected) }
        return value
    }

    /// `body` over the bytes of a text cell (nil: NULL). Text arrives as its UTF-8 bytes in either
    /// of the protocol's formats.
    func withUTF8<T>(_ index: Int, _ positional: PositionalRow, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) throws -> T? {
        let cell = try cell(index, positional)
        guard let bytes = cell.bytes else { return nil }
        switch cell.dataType {
        case .text, .varchar, .bpchar, .name:
            return try bytes.withUnsafeReadableBytes { raw in try body(raw.bindMemory(to: UInt8.self)) }
        default: throw positional.corrupt(index, "text")
        }
    }
}
