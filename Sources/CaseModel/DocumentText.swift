/// What was read out of a record's attached file (a 决定书, a 告知书): its text, or why there is none.
///
/// Read once on import, stored by the file's SHA-256 and attached to every record that names the
/// same bytes; the document rules judge this text, never the file.
public struct DocumentText: Hashable, Sendable, Codable {
    /// The file's format, as its bytes say (not its name).
    public enum Format: String, Hashable, Sendable, Codable, CaseIterable {
        case text = "txt"
        case docx
        case ofd
        case pdf
        case image

        public var chineseName: String {
            switch self {
            case .text: "纯文本"
            case .docx: "Word 文档（DOCX）"
            case .ofd: "OFD 版式文件"
            case .pdf: "PDF"
            case .image: "扫描图像"
            }
        }
    }

    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        /// Text read (from the file's own text, or recognised from its images).
        case read
        /// The file could not be read: damaged, too large, a format Zhifa does not read, a bound passed.
        case unreadable
        /// Scanned pages and no character recognition on this machine (未识别).
        case unrecognized

        public var chineseName: String {
            switch self {
            case .read: "已读取"
            case .unreadable: "无法读取"
            case .unrecognized: "未识别"
            }
        }
    }

    public var format: Format?
    public var status: Status
    /// Why there is no text (`unreadable`, `unrecognized`), in a sentence.
    public var reason: String?
    public var text: String
    public var pages: Int?
    /// Whether the text was recognised from images (OCR) rather than read.
    public var recognized: Bool

    public init(format: Format?, status: Status, reason: String? = nil, text: String = "", pages: Int? = nil, recognized: Bool = false) {
        self.format = format
        self.status = status
        self.reason = reason
        self.text = text
        self.pages = pages
        self.recognized = recognized
    }

    /// As the case page and `zhifa case show` say it: `Word 文档（DOCX），2页 · 已读取 1234 字`, or
    /// `PDF · 无法读取：…`.
    public var summary: String {
        let name = format?.chineseName ?? "未知格式"
        guard status == .read else { return "\(name) · \(status.chineseName)：\(reason ?? "")" }
        let pages = pages.map { "，\($0)页" } ?? ""
        return "\(name)\(pages) · \(status.chineseName)\(recognized ? "（文字识别）" : "") \(text.count) 字"
    }

    /// A file that gave no text, and why.
    public static func unreadable(_ format: Format?, _ reason: String) -> DocumentText {
        DocumentText(format: format, status: .unreadable, reason: reason)
    }

    /// The most text kept of one document: a 决定书 runs to a few thousand characters, and a
    /// file's text beyond this is cut, so that a hostile file stores no more than this.
    public static let maxCharacters = 200_000
}

extension Record {
    /// The key under which the store keeps this record's document text: the file's SHA-256, known
    /// only when the file was found and hashed to it (`evidence == .ok`). An uploaded file is named
    /// by its hash (`<sha256>.<ext>`), which serves when the record gives none.
    public var documentKey: String? {
        guard evidence == .ok, kind == .text, let file else { return nil }
        return sha256?.lowercased() ?? Self.uploadedStem(file)
    }

    /// The hash part of an uploaded evidence name (`<64 hex>` or `<64 hex>.<ext>`, the extension of
    /// at most 8 letters or digits), lowercased; nil for any other name.
    public static func uploadedStem(_ name: String) -> String? {
        let parts = name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let stem = parts.first, stem.count == 64, stem.allSatisfy(\.isHexDigit), stem.allSatisfy(\.isASCII) else { return nil }
        if parts.count == 2 {
            let suffix = parts[1]
            guard (1...8).contains(suffix.count), suffix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        }
        return stem.lowercased()
    }
}
