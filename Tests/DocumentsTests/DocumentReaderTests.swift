import CaseModel
import Documents
import Foundation
import Generator
import TestSupport
import Testing

/// Each format's text read back as written: a decision written in plain text, DOCX and OFD by the
/// generator's writers, a PDF made of the DOCX by LibreOffice, and the same page scanned (rendered
/// to an image by poppler's pdftoppm) through Tesseract.
@Suite(.serialized) struct DocumentReaderTests {
    static let text = """
        某局
        行政处罚决定书
        某罚〔2024〕12号
        当事人：某食品有限公司
        经查，当事人经营超过保质期的食品，有现场检查笔录等证据证实。
        依据《中华人民共和国食品安全法》第一百二十四条第一款，本局决定对当事人处以罚款人民币贰万元整。
        如不服本决定，可以在收到本决定书之日起六十日内向某市人民政府申请行政复议，也可以在六个月内向人民法院提起行政诉讼。
        某局
        2024年6月12日
        """
    static let compact = text.filter { !$0.isWhitespace }

    static func write(_ data: Data, _ name: String, in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    @Test func plainTextInUTF8WithOrWithoutAMarkAndInUTF16() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, data) in [
            ("plain.txt", Data(Self.text.utf8)), ("bom.txt", Data([0xEF, 0xBB, 0xBF]) + Data(Self.text.utf8)),
            ("utf16.txt", Self.text.data(using: .utf16)!)
        ] {
            let document = DocumentReader().read(try Self.write(data, name, in: folder))
            #expect(document.status == .read && document.format == .text && document.text.filter { !$0.isWhitespace } == Self.compact, "\(name)")
        }
        let gbk = DocumentReader().read(try Self.write(Data([0xC4, 0xB3, 0xBE, 0xD6, 0x00]), "gbk.txt", in: folder))
        #expect(gbk.status == .unreadable && gbk.reason == "无法识别的文件格式（可读取纯文本、DOCX、OFD、PDF 及 PNG/JPEG 扫描件）")
    }

    @Test(arguments: [DocumentText.Format.docx, .ofd])
    func packagesWrittenByTheGeneratorReadBack(_ format: DocumentText.Format) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try Self.write(try DocumentFiles.data(Self.text, as: format), "decision.\(format.rawValue)", in: folder)
        let document = DocumentReader().read(url)
        #expect(document.status == .read && document.format == format)
        #expect(document.text.filter { !$0.isWhitespace } == Self.compact)
        // Lines stay lines: a paragraph (DOCX) or a text object lower on the page (OFD) starts one.
        #expect(document.text.contains("行政处罚决定书\n某罚〔2024〕12号"))
    }

    @Test func anOFDOfManyPagesIsReadPageByPage() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let long = (1...70).map { "第\($0)行" }.joined(separator: "\n")
        let document = DocumentReader().read(try Self.write(try DocumentFiles.data(long, as: .ofd), "long.ofd", in: folder))
        #expect(document.pages == 3 && document.text.split(separator: "\n").count == 70)
    }

    /// LibreOffice prints the generator's DOCX to PDF; poppler reads its text layer; the page
    /// rendered to an image and wrapped as a scan is recognised, or 未识别 without Tesseract.
    @Test func aPDFAndItsScanAreRead() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Self.write(try DocumentFiles.data(Self.text, as: .docx), "decision.docx", in: folder)
        try run("/usr/bin/soffice", ["--headless", "--convert-to", "pdf", "decision.docx"], in: folder)
        let pdf = folder.appendingPathComponent("decision.pdf")
        let document = DocumentReader().read(pdf)
        #expect(document.status == .read && document.format == .pdf && document.pages == 1 && !document.recognized)
        #expect(document.text.filter { !$0.isWhitespace } == Self.compact)

        try run("/usr/bin/pdftoppm", ["-r", "150", "-jpeg", "-singlefile", "decision.pdf", "page"], in: folder)
        let jpeg = try Data(contentsOf: folder.appendingPathComponent("page.jpg"))
        let scan = try Self.write(scannedPDF(jpeg: jpeg, width: 1241, height: 1754), "scan.pdf", in: folder)
        let unrecognized = DocumentReader(recognizer: nil).read(scan)
        #expect(unrecognized.status == .unrecognized && unrecognized.reason?.contains("未识别") == true && unrecognized.pages == 1)
        let image = folder.appendingPathComponent("page.jpg")
        #expect(DocumentReader(recognizer: nil).read(image).status == .unrecognized)
        #expect(TextRecognizer(executable: "/nonexistent/tesseract").hasLanguage == false)

        let tesseract = try #require(TextRecognizer.installed, "scripts/install-prerequisites test installs tesseract-ocr-chi-sim")
        for url in [scan, image] {
            let recognized = DocumentReader(recognizer: tesseract).read(url)
            let compact = recognized.text.filter { !$0.isWhitespace }
            #expect(recognized.status == .read && recognized.recognized, "\(url.lastPathComponent)")
            #expect(compact.contains("行政处罚决定书") && compact.contains("行政复议"), "\(url.lastPathComponent): \(compact)")
        }
    }
}
