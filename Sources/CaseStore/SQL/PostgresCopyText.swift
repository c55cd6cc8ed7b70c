import GRDB
import NIOCore

/// Rows in the text format of PostgreSQL's `COPY … FROM STDIN`: a line a row, columns separated by
/// tabs, `\\N` for NULL, and backslash escapes for the backslash, tab, newline and carriage return
/// a value may hold (https://www.postgresql.org/docs/15/sql-copy.html, "Text Format").
enum PostgresCopyText {
    /// From this many rows an insert goes through `COPY`: below it, the statement's extra round trip
    /// (the server asks for the data, then confirms it) costs more than the binds it saves.
    static let fewestRows = 64

    /// A chunk is sent when it holds about this many bytes, so that memory holds the rows once and
    /// a chunk more, not a second copy of every row.
    static let chunkBytes = 1 << 20

    private static let digits = Array("0123456789abcdef".utf8)

    /// The rows encoded, in chunks of about `chunkBytes`. A row whose width is not `columns` is the
    /// caller's mistake, thrown rather than sent for the server to refuse.
    static func chunks(_ rows: [[DatabaseValue]], columns: Int) throws -> [ByteBuffer] {
        var encoder = Encoder()
        for row in rows {
            guard row.count == columns else { throw StoreError.corrupt("a row of \(row.count) values for \(columns) columns") }
            encoder.append(row)
        }
        return encoder.finished()
    }

    /// Rows encoded as they come, in chunks of about `chunkBytes`: memory holds the rows' text once
    /// and a chunk being filled, not a second copy of every row.
    struct Encoder {
        private var chunks: [ByteBuffer] = []
        private var buffer = ByteBuffer()
        /// Bytes encoded so far.
        private(set) var bytes = 0

        /// Encodes a row.
        mutating func append(_ row: [DatabaseValue]) {
            let before = buffer.writerIndex
            for (index, value) in row.enumerated() {
                if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                PostgresCopyText.write(value, into: &buffer)
            }
            endRow(from: before)
        }

        /// Encodes a row of arguments, each as its `databaseValue`.
        mutating func append(_ row: SQLArguments) {
            let before = buffer.writerIndex
            for (index, value) in row.enumerated() {
                if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                PostgresCopyText.write(value?.databaseValue ?? .null, into: &buffer)
            }
            endRow(from: before)
        }

        private mutating func endRow(from before: Int) {
            buffer.writeInteger(UInt8(ascii: "\n"))
            bytes += buffer.writerIndex - before
            if buffer.readableBytes >= chunkBytes {
                chunks.append(buffer)
                buffer = ByteBuffer()
                buffer.reserveCapacity(chunkBytes + 4096)
            }
        }

        /// The chunks, the last one partly filled.
        func finished() -> [ByteBuffer] {
            buffer.readableBytes > 0 ? chunks + [buffer] : chunks
        }
    }

    static func write(_ value: DatabaseValue, into buffer: inout ByteBuffer) {
        switch value.storage {
        case .null:
            buffer.writeStaticString("\\N")
        case .int64(let integer):
            buffer.writeString(String(integer))
        case .double(let double):
            buffer.writeString(text(of: double))
        case .string(let string):
            escape(string, into: &buffer)
        case .blob(let data):
            // bytea's hex input (`\x…`), its backslash escaped for COPY.
            buffer.writeStaticString("\\\\x")
            for byte in data {
                buffer.writeInteger(digits[Int(byte >> 4)])
                buffer.writeInteger(digits[Int(byte & 0x0f)])
            }
        }
    }

    /// A double as the server reads it back to the same value: Swift's shortest exact form, an
    /// integral value without its `.0` (so that it also fits a BIGINT or SMALLINT column, as a
    /// bound double would by assignment), and PostgreSQL's words for the values that are not finite.
    static func text(of double: Double) -> String {
        if double.isNaN { return "NaN" }
        if double.isInfinite { return double > 0 ? "Infinity" : "-Infinity" }
        if double == double.rounded(), abs(double) < 9_007_199_254_740_992, !(double == 0 && double.sign == .minus) {
            return String(Int64(double))
        }
        return "\(double)"
    }

    static func escape(_ string: String, into buffer: inout ByteBuffer) {
        let utf8 = string.utf8
        // Most values need no escape: written in one piece.
        if !utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) {
            buffer.writeString(string)
            return
        }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
            case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
            case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }
}
