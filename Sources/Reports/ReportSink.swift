import Foundation

/// Where a report goes: standard output, a file, or memory (a web response), written piece by piece.
///
/// A file is written beside its destination and renamed into place by `close()`; a sink dropped
/// before `close()` (an error half-way) leaves the destination as it was. A write that fails (a full
/// disk, a closed pipe) is remembered and thrown by `close()`, and nothing more is written after it.
public final class ReportSink {
    private let output: OutputFile?
    private let standardOutput: WritableDescriptor?
    private var buffer = Data()
    private var failure: Error?

    /// Keeps the whole report in memory; read it from `collected`.
    public init() {
        output = nil
        standardOutput = nil
    }

    /// What an in-memory sink holds.
    public var collected: Data { buffer }

    /// A file at `path` (refused when something other than a regular file stands there), or
    /// standard output when `path` is nil.
    public init(path: String?) throws {
        if let path {
            output = try OutputFile(URL(fileURLWithPath: path))
            standardOutput = nil
        } else {
            output = nil
            standardOutput = WritableDescriptor(descriptor: STDOUT_FILENO, path: "标准输出")
        }
    }

    public func write(_ text: String) {
        guard failure == nil else { return }
        buffer.append(contentsOf: text.utf8)
        if buffer.count > 1 << 16 { flush() }
    }

    public func line(_ text: String = "") { write(text + "\n") }

    public func flush() {
        guard failure == nil, output != nil || standardOutput != nil else { return }
        do {
            if let output { try output.write(buffer) } else { try standardOutput?.write(buffer) }
        } catch {
            failure = error
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and puts a file in place; throws the first failure of any write.
    public func close() throws {
        flush()
        if let failure { throw failure }
        try output?.commit()
    }
}
