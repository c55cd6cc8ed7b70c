import CaseModel
import Documents
import Foundation
import TestSupport
import Testing
import ZIPFoundation

/// Files made to hurt a reader give a sentence each, within their bounds, and never a crash.
@Suite struct HostileDocumentTests {
    static func zip(_ parts: [(String, Data)], to url: URL) throws {
        let archive = try Archive(url: url, accessMode: .create)
        for (path, data) in parts {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    static func read(_ url: URL, limits: DocumentLimits = .standard) -> DocumentText {
        DocumentReader(limits: limits, recognizer: nil).read(url)
    }

    @Test func aZipBombIsRefusedByItsRatio() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bomb =
            Data("<w:document xmlns:w=\"w\"><w:body><w:p><w:t>".utf8) + Data(repeating: 0x61, count: 30 << 20)
            + Data("</w:t></w:p></w:body></w:document>".utf8)
        let url = folder.appendingPathComponent("bomb.docx")
        try Self.zip([("word/document.xml", bomb)], to: url)
        let started = ContinuousClock.now
        let document = Self.read(url)
        #expect(document.status == .unreadable && document.reason?.contains("压缩比超过 200:1") == true, "\(document.reason ?? "")")
        #expect(ContinuousClock.now - started < .seconds(5))
        // The same part within the ratio but past the part bound is refused by its size.
        var small = DocumentLimits()
        small.maxPartBytes = 1 << 20
        #expect(Self.read(url, limits: small).reason?.contains("解压后过大") == true)
    }

    @Test func deepXMLIsRefusedByTheParser() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let deep = String(repeating: "<w:p>", count: 1_000) + String(repeating: "</w:p>", count: 1_000)
        let url = folder.appendingPathComponent("deep.docx")
        try Self.zip([("word/document.xml", Data("<w:document xmlns:w=\"w\"><w:body>\(deep)</w:body></w:document>".utf8))], to: url)
        let document = Self.read(url)
        #expect(document.status == .unreadable && document.reason == "word/document.xml 的元素嵌套超过 256 层，不予读取", "\(document.reason ?? "")")
        let entity = folder.appendingPathComponent("entity.docx")
        try Self.zip([("word/document.xml", Data("<!DOCTYPE x [<!ENTITY a \"aaaa\">]><w:document xmlns:w=\"w\"/>".utf8))], to: entity)
        #expect(Self.read(entity).reason?.contains("DOCTYPE") == true)
    }

    @Test func aPDFOfTenThousandPagesIsRefusedBeforeAnyPageIsRead() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("pages.pdf")
        try emptyPagesPDF(10_000).write(to: url)
        let document = Self.read(url)
        #expect(document.status == .unreadable && document.reason == "PDF 共 10000 页，超过 500 页的上限", "\(document.reason ?? "")")
        try emptyPagesPDF(500).write(to: url)
        // 500 empty pages: within the bound, and with no text layer a scan that nothing recognises here.
        #expect(Self.read(url).status == .unrecognized)
    }

    @Test func aHundredMegapixelImageIsRefusedFromItsHeader() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]) + Data("IHDR".utf8)
        png += Data([0, 0, 0x27, 0x10, 0, 0, 0x27, 0x10, 8, 2, 0, 0, 0, 0, 0, 0, 0])  // 10,000 × 10,000
        let url = folder.appendingPathComponent("huge.png")
        try png.write(to: url)
        let document = DocumentReader(recognizer: TextRecognizer(executable: "/bin/false")).read(url)
        #expect(document.reason == "图像为 10000×10000 像素，超过 50 百万像素的上限")
        png.replaceSubrange(16..<24, with: [0, 0, 0x1B, 0x58, 0, 0, 0x1B, 0x58])  // 7,000 × 7,000: 49 megapixels
        try png.write(to: url)
        #expect(Self.read(url).status == .unrecognized)
    }

    @Test func aRecognizerThatHangsIsStoppedAtTheDeadline() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("slow")
        try "#!/bin/sh\nexec sleep 30\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]) + Data("IHDR".utf8) + Data([0, 0, 0, 10, 0, 0, 0, 10, 8, 2, 0, 0, 0])
        let url = folder.appendingPathComponent("page.png")
        try png.write(to: url)
        var limits = DocumentLimits()
        limits.timeLimit = .seconds(1)
        let started = ContinuousClock.now
        let document = DocumentReader(limits: limits, recognizer: TextRecognizer(executable: script.path)).read(url)
        #expect(document.status == .unreadable && document.reason == "文字识别失败或超时")
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func brokenTruncatedAndStrangeFilesGiveASentence() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func file(_ name: String, _ data: Data) throws -> URL {
            let url = folder.appendingPathComponent(name)
            try data.write(to: url)
            return url
        }
        #expect(Self.read(try file("broken.pdf", Data("%PDF-1.7\nnot really".utf8))).reason?.hasPrefix("PDF 无法打开") == true)
        let real = emptyPagesPDF(2)
        #expect(Self.read(try file("cut.pdf", real.prefix(real.count / 2))).status == .unreadable)
        #expect(Self.read(try file("noise.bin", Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) }))).status == .unreadable)
        #expect(Self.read(try file("notzip.docx", Data([0x50, 0x4B, 0x03, 0x04]) + Data("word/document.xml".utf8))).reason?.contains("ZIP") == true)
        let jpeg = Self.read(try file("cut.jpg", Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00])))
        #expect(jpeg.reason == "图像文件头无法读取（文件可能已损坏）")
        var small = DocumentLimits()
        small.maxFileBytes = 1000
        #expect(Self.read(try file("big.txt", Data(repeating: 0x61, count: 2000)), limits: small).reason == "文件超过 0 MB 的上限")
        // Control characters are no document's: a few are dropped, a file of them is no text.
        let body = String(repeating: "正文", count: 50)
        #expect(Self.read(try file("bell.txt", Data("\(body)\u{7}内容\u{C}第二页".utf8))).text == "\(body)内容\n第二页")
        #expect(Self.read(try file("bells.txt", Data(repeating: 7, count: 60 << 10))).status == .unreadable)
        let fifo = folder.appendingPathComponent("fifo")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        #expect(Self.read(fifo).reason == "不是普通文件")
        let long = Self.read(try file("long.txt", Data(String(repeating: "字", count: DocumentText.maxCharacters + 10).utf8)))
        #expect(long.text.count == DocumentText.maxCharacters)
    }

    @Test func anOFDPageOutsideItsPackageIsRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("escape.ofd")
        try Self.zip(
            [
                ("OFD.xml", Data("<ofd:OFD xmlns:ofd=\"o\"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>".utf8)),
                (
                    "Doc_0/Document.xml",
                    Data("<ofd:Document xmlns:ofd=\"o\"><ofd:Pages><ofd:Page ID=\"1\" BaseLoc=\"../../etc/passwd\"/></ofd:Pages></ofd:Document>".utf8)
                )
            ], to: url)
        #expect(Self.read(url).reason == "OFD 页面路径“../../etc/passwd”不在文件包内")
        let many = (0..<600).map { "<ofd:Page ID=\"\($0)\" BaseLoc=\"Pages/P\($0).xml\"/>" }.joined()
        try FileManager.default.removeItem(at: url)
        try Self.zip(
            [
                ("OFD.xml", Data("<ofd:OFD xmlns:ofd=\"o\"><ofd:DocBody><ofd:DocRoot>/Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>".utf8)),
                ("Doc_0/Document.xml", Data("<ofd:Document xmlns:ofd=\"o\"><ofd:Pages>\(many)</ofd:Pages></ofd:Document>".utf8))
            ], to: url)
        #expect(Self.read(url).reason == "OFD 超过 500 页的上限")
    }
}
