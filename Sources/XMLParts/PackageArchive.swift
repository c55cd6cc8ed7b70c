import Foundation
import ZIPFoundation

/// Why a file (or a part of it) could not be read at all, in a sentence for the person who gave it.
public struct PartUnreadable: Error, Sendable, Equatable {
    public var message: String

    public init(message: String) {
        self.message = message
    }
}

/// An error of a part's consumer, carried through the parser and the inflater unchanged.
public struct ConsumerRefused: Error {
    public var underlying: Error

    public init(underlying: Error) {
        self.underlying = underlying
    }
}

/// A ZIP package (XLSX, DOCX, OFD) whose XML parts are streamed through a handler as they are
/// inflated, never whole in memory. Each part is bounded in inflated bytes and, when asked, in
/// its ratio to the bytes it takes in the archive: a zip bomb (a gigabyte of zeros in a megabyte)
/// is then refused after the first megabyte beyond the ratio, not after the gigabyte. Workbooks
/// go without the ratio: a sheet of a million empty cells compresses further than any document.
public struct PackageArchive {
    /// Inflated bytes per compressed byte beyond which a document's part is taken for a bomb. Its
    /// XML compresses 5:1 to 30:1; a part of one repeated character compresses about 1000:1.
    public static let documentRatio: UInt64 = 200
    /// Inflated bytes under which the ratio is not held against a part (tiny parts compress oddly).
    static let ratioFloor = 1 << 20

    private let archive: Archive
    /// What a person calls the file's kind in a message: `XLSX`, `DOCX`, `OFD`.
    public let kindName: String
    public let maxPartBytes: Int
    public let maxRatio: UInt64?

    /// Opens the package; throws `PartUnreadable` when it is not a ZIP archive.
    public init(url: URL, kindName: String, maxPartBytes: Int, maxRatio: UInt64? = nil) throws {
        do { archive = try Archive(url: url, accessMode: .read) } catch {
            throw PartUnreadable(message: "不是有效的 \(kindName) 文件（无法作为 ZIP 打开）")
        }
        self.kindName = kindName
        self.maxPartBytes = maxPartBytes
        self.maxRatio = maxRatio
    }

    /// The paths of the package's entries, in the archive's order.
    public var paths: [String] { archive.map(\.path) }

    /// Whether the package holds a part at `path`.
    public func contains(_ path: String) -> Bool { archive[path] != nil }

    /// Streams a part through `handler`; false when the package has no such part. The handler's
    /// own errors arrive as they were thrown when wrapped in `ConsumerRefused`.
    public func parse(_ path: String, _ handler: PartHandler) throws -> Bool {
        guard let entry = archive[path], entry.type == .file else { return false }
        guard entry.uncompressedSize <= UInt64(maxPartBytes) else { throw PartUnreadable(message: "\(path) 解压后过大") }
        let part = XMLPart(part: path, handler: handler)
        let compressed = max(UInt64(entry.compressedSize), 1)
        var inflated = 0
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                inflated += chunk.count
                if inflated > maxPartBytes { throw PartUnreadable(message: "\(path) 解压后过大") }
                if let maxRatio, inflated > Self.ratioFloor, UInt64(inflated) > compressed * maxRatio {
                    throw PartUnreadable(message: "\(path) 的压缩比超过 \(maxRatio):1（疑似压缩炸弹）")
                }
                try part.feed(chunk)
            }
        } catch let error as PartUnreadable {
            throw error
        } catch let error as ConsumerRefused {
            throw error.underlying
        } catch {
            throw PartUnreadable(message: "\(path) 无法解压（文件可能已损坏）")
        }
        try part.finish()
        return true
    }
}
