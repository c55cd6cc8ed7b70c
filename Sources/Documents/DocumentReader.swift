import CaseModel
import Foundation

/// How much of a hostile file a reader takes before it gives up with a sentence.
public struct DocumentLimits: Sendable {
    /// The largest file read at all: a scanned 决定书 of a few pages is a few megabytes.
    public var maxFileBytes: Int = 50 << 20
    /// The most bytes one part of a DOCX or OFD inflates to.
    public var maxPartBytes: Int = 32 << 20
    /// The most pages read of a PDF or OFD: a case's 文书 run to tens of pages, not thousands.
    public var maxPages: Int = 500
    /// The largest image recognised, in pixels (an A4 page scanned at 600 dpi is 35 megapixels).
    public var maxPixels: Int = 50_000_000
    /// How long one document may take to read, recognition included.
    public var timeLimit: Duration = .seconds(60)

    public init() {}

    public static let standard = DocumentLimits()
}

/// Reads the text out of a record's attached file, whatever its format: plain text, DOCX, OFD, PDF
/// with a text layer, scanned images and scanned PDF pages through character recognition when it
/// is installed. Never throws: a file that gives no text gives a `DocumentText` saying why.
public struct DocumentReader: Sendable {
    public var limits: DocumentLimits
    /// Character recognition; nil reads no image (every scanned page is 未识别).
    public var recognizer: TextRecognizer?

    public init(limits: DocumentLimits = .standard, recognizer: TextRecognizer? = TextRecognizer.installed) {
        self.limits = limits
        self.recognizer = recognizer
    }

    /// The text of the regular file at `url`.
    public func read(_ url: URL) -> DocumentText {
        let started = ContinuousClock.now
        let deadline = started + limits.timeLimit
        let data: Data
        switch Self.contents(url, limit: limits.maxFileBytes) {
        case .failure(let refusal): return .unreadable(nil, refusal.message)
        case .success(let bytes): data = bytes
        }
        let format = Self.format(of: data)
        do {
            var document: DocumentText
            switch format {
            case .pdf: document = try PDFText(limits: limits, recognizer: recognizer, deadline: deadline).read(data)
            case .docx: document = try WordText(limits: limits).read(url)
            case .ofd: document = try OFDText(limits: limits, deadline: deadline).read(url)
            case .image: document = try ImageText(limits: limits, recognizer: recognizer, deadline: deadline).read(data, at: url)
            case .text: document = try PlainText.read(data)
            case nil: return .unreadable(nil, "无法识别的文件格式（可读取纯文本、DOCX、OFD、PDF 及 PNG/JPEG 扫描件）")
            }
            // Cut before cleaning: a 50 MB text is not walked scalar by scalar to keep 200,000 characters.
            document.text = Self.cleaned(Self.bounded(document.text))
            return document
        } catch let refusal as DocumentRefusal {
            return .unreadable(format, refusal.message)
        } catch {
            return .unreadable(format, "读取失败：\(error)")
        }
    }

    private static let apart = DispatchQueue(label: "zhifa-documents", qos: .userInitiated, attributes: .concurrent)

    /// `read`, awaited from a thread apart: reading a scan may take the better part of a minute,
    /// which must not hold one of Swift's cooperative threads (they answer the web's requests).
    public func readApart(_ url: URL) async -> DocumentText {
        await withCheckedContinuation { continuation in
            Self.apart.async { continuation.resume(returning: self.read(url)) }
        }
    }

    /// The format the bytes are in. A ZIP package is a DOCX when it holds `word/document.xml` and
    /// an OFD when it holds `OFD.xml`; that is told by `PackageKind` once it is opened.
    static func format(of data: Data) -> DocumentText.Format? {
        let head = [UInt8](data.prefix(8))
        if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return PackageKind.of(data) }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47]) || head.starts(with: [0xFF, 0xD8, 0xFF]) { return .image }
        return PlainText.looksLikeText(data) ? .text : nil
    }

    /// The text without control characters, which no document shows and no XML can carry: a
    /// form feed (poppler's page break) becomes a line end, tabs and line ends stay.
    static func cleaned(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: scalars.append(scalar)
            case 0x0C: scalars.append("\n")
            case 0x00...0x1F, 0x7F...0x9F, 0xFFFE, 0xFFFF: continue
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// At most `DocumentText.maxCharacters`, cut at a character.
    static func bounded(_ text: String) -> String {
        String(text.prefix(DocumentText.maxCharacters))
    }

    /// The bytes of a regular file of at most `limit` bytes, opened without following a final link.
    static func contents(_ url: URL, limit: Int) -> Result<Data, DocumentRefusal> {
        let descriptor = open(url.path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(DocumentRefusal("文件无法打开")) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return .failure(DocumentRefusal("不是普通文件")) }
        guard Int64(info.st_size) <= Int64(limit) else {
            return .failure(DocumentRefusal("文件超过 \(limit >> 20) MB 的上限"))
        }
        do {
            let data = try handle.readToEnd() ?? Data()
            guard data.count <= limit else { return .failure(DocumentRefusal("文件超过 \(limit >> 20) MB 的上限")) }
            return .success(data)
        } catch {
            return .failure(DocumentRefusal("文件无法读取"))
        }
    }
}

/// Why a document gave no text, in a sentence (the finding quotes it).
public struct DocumentRefusal: Error, Sendable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }
}

/// Checked between pages and parts: a document that takes longer than its limit stops.
struct Deadline {
    let instant: ContinuousClock.Instant

    func check() throws {
        if ContinuousClock.now > instant { throw DocumentRefusal("读取超时") }
    }
}
