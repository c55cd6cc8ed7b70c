import CaseModel
import Foundation

/// A `.txt` document: UTF-8 (with or without a byte-order mark) or UTF-16 with one.
enum PlainText {
    static func read(_ data: Data) throws -> DocumentText {
        guard let text = decode(data) else { throw DocumentRefusal("文本不是 UTF-8 或 UTF-16 编码（请另存为 UTF-8）") }
        return DocumentText(format: .text, status: .read, text: text, pages: nil)
    }

    /// Whether the bytes read as text: a byte-order mark, or valid UTF-8 with no NUL in which
    /// control characters (but tab, line ends and form feed) are rare, as in any written text.
    static func looksLikeText(_ data: Data) -> Bool {
        let head = [UInt8](data.prefix(2))
        if head == [0xFF, 0xFE] || head == [0xFE, 0xFF] { return true }
        let controls = data.lazy.filter { $0 < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D].contains($0) }.count
        return !data.contains(0) && controls * 100 <= data.count && String(validating: data, as: UTF8.self) != nil
    }

    private static func decode(_ data: Data) -> String? {
        let head = [UInt8](data.prefix(3))
        if head == [0xEF, 0xBB, 0xBF] { return String(validating: data.dropFirst(3), as: UTF8.self) }
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return String(data: data, encoding: .utf16) }
        guard !data.contains(0) else { return nil }
        return String(validating: data, as: UTF8.self)
    }
}
