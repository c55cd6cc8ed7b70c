import Foundation

/// Where a report goes: standard output, a file, or memory (a web response), written piece by piece.
public final class ReportSink {
    private let handle: FileHandle?
    private let closes: Bool
    private var buffer = Data()

    /// Keeps the whole report in memory; read it from `collected`.
    public init() {
        handle = nil
        closes = false
    }

    /// What an in-memory sink holds.
    public var collected: Data { buffer }

    public init(path: String?) throws {
        if let path {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
            handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            closes = true
        } else {
            handle = FileHandle.standardOutput
            closes = false
        }
    }

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count > 1 << 16 { flush() }
    }

    public func line(_ text: String = "") { write(text + "\n") }

    public func flush() {
        guard let handle else { return }
        handle.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    public func close() throws {
        flush()
        if closes { try handle?.close() }
    }
}
