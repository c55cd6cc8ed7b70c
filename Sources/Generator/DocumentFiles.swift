import CaseModel
import Foundation
import ZIPFoundation

/// A document's text as the bytes of a file in one of the formats agencies keep their 文书 in:
/// plain text, DOCX (a Word document a word processor opens) or OFD (GB/T 33190: a ZIP of XML
/// pages). Every entry carries the same date, so that a seed always gives the same bytes.
public enum DocumentFiles {
    static let fixedDate = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01

    public static func data(_ text: String, as format: DocumentText.Format) throws -> Data {
        switch format {
        case .docx: try package(docx(text))
        case .ofd: try package(ofd(text))
        default: Data(text.utf8)
        }
    }

    /// The usual file name ending of a format.
    public static func pathExtension(_ format: DocumentText.Format) -> String {
        switch format {
        case .text: "txt"
        case .image: "png"
        default: format.rawValue
        }
    }

    private static func package(_ parts: [(String, String)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create, pathEncoding: nil)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: fixedDate, compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data ?? Data()
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func docx(_ text: String) -> [(String, String)] {
        let paragraphs = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.isEmpty ? "<w:p/>" : "<w:p><w:r><w:t xml:space=\"preserve\">\(escaped(String(line)))</w:t></w:r></w:p>"
        }.joined()
        return [
            (
                "[Content_Types].xml",
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
                """
            ),
            (
                "_rels/.rels",
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
                """
            ),
            (
                "word/document.xml",
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(paragraphs)<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>
                """
            )
        ]
    }

    /// An A4 OFD of 30 lines a page, each line a text object 8 mm below the last, in 宋体 4.2 mm.
    static func ofd(_ text: String) -> [(String, String)] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let pages = stride(from: 0, to: max(lines.count, 1), by: 30).map { Array(lines[$0..<min($0 + 30, lines.count)]) }
        let ns = "xmlns:ofd=\"http://www.ofdspec.org/2016\""
        var parts: [(String, String)] = [
            (
                "OFD.xml",
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <ofd:OFD \(ns) Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>zhifa</ofd:DocID><ofd:Creator>Zhifa</ofd:Creator></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>
                """
            ),
            (
                "Doc_0/PublicRes.xml",
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <ofd:Res \(ns) BaseLoc="Res"><ofd:Fonts><ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>
                """
            )
        ]
        var pageList = ""
        var nextID = 10
        for (index, page) in pages.enumerated() {
            pageList += "<ofd:Page ID=\"\(index + 3)\" BaseLoc=\"Pages/Page_\(index)/Content.xml\"/>"
            var objects = ""
            for (row, line) in page.enumerated() where !line.isEmpty {
                let top = 25 + row * 8
                let width = min(160, line.count * 5)
                objects +=
                    "<ofd:TextObject ID=\"\(nextID)\" Boundary=\"25 \(top) \(width) 6\" Font=\"2\" Size=\"4.2\"><ofd:TextCode X=\"0\" Y=\"4.5\">\(escaped(line))</ofd:TextCode></ofd:TextObject>"
                nextID += 1
            }
            parts.append(
                (
                    "Doc_0/Pages/Page_\(index)/Content.xml",
                    """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <ofd:Page \(ns)><ofd:Content><ofd:Layer ID="\(nextID)">\(objects)</ofd:Layer></ofd:Content></ofd:Page>
                    """
                ))
            nextID += 1
        }
        parts.append(
            (
                "Doc_0/Document.xml",
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <ofd:Document \(ns)><ofd:CommonData><ofd:MaxUnitID>\(nextID)</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>\(pageList)</ofd:Pages></ofd:Document>
                """
            ))
        return parts
    }
}
