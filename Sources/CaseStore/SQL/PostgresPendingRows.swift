import GRDB
import NIOCore

/// One table's appended rows not yet sent (`PostgresSQLConnection.append`). The first rows are
/// kept as values, so that a table given fewer than `PostgresCopyText.fewestRows` gets a multi-row
/// insert; from that many on, every row is encoded as `COPY` text as it is appended. An import's
/// rows are so held once, as text, and not first as an array of values each that a flush turned
/// into text (a fifth of the writing thread's time, and both forms in memory at a flush).
struct PostgresPendingRows {
    let table: String
    let columns: [String]
    private var values: [[DatabaseValue]] = []
    private var text: PostgresCopyText.Encoder?

    init(table: String, columns: [String]) {
        self.table = table
        self.columns = columns
    }

    /// About how many bytes the rows hold: their text, or 16 a value while they are values; more
    /// than none while any row is held.
    var bytes: Int { text?.bytes ?? values.count * 16 * max(1, columns.count) }

    /// Adds a row. A row whose width is not the table's columns is the caller's mistake, thrown
    /// rather than sent for the server to refuse.
    mutating func append(_ row: SQLArguments) throws {
        guard row.count == columns.count else { throw StoreError.corrupt("a row of \(row.count) values for \(columns.count) columns") }
        if text != nil {
            text!.append(row)
            return
        }
        values.append(row.databaseValues)
        guard values.count >= PostgresCopyText.fewestRows else { return }
        var encoder = PostgresCopyText.Encoder()
        for held in values { encoder.append(held) }
        values = []
        text = encoder
    }

    /// The rows held, made ready to send, and none held any more. Never fails: a flush either
    /// takes every table's rows or, had it thrown half-way, would have left some to be sent after
    /// the savepoint of the file they belong to was rolled back (`FirstLoad.loadFile`).
    mutating func take() -> PostgresBulkWrite? {
        defer {
            values = []
            text = nil
        }
        if let text { return PostgresBulkWrite.copy(into: table, columns: columns, chunks: text.finished()) }
        return values.isEmpty ? nil : PostgresBulkWrite.inserts(into: table, columns: columns, rows: values)
    }
}
