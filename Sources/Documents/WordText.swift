import CaseModel
import Foundation
import XMLParts

/// Which kind of ZIP package the bytes hold, by the names in its directory.
enum PackageKind {
    static func of(_ data: Data) -> DocumentText.Format? {
        if ByteSearch.contains("word/document.xml", in: data) { return .docx }
        if ByteSearch.contains("OFD.xml", in: data) { return .ofd }
        return nil
    }
}

/// A DOCX (Office Open XML) document: the text of `word/document.xml`, a line per paragraph, tabs
/// and breaks as written. Streamed through libxml2 as it inflates (`PackageArchive`).
struct WordText {
    let limits: DocumentLimits

    func read(_ url: URL) throws -> DocumentText {
        let archive = try refusing { try PackageArchive(url: url, kindName: "DOCX", maxPartBytes: limits.maxPartBytes, maxRatio: PackageArchive.documentRatio) }
        let body = WordBody(maxCharacters: DocumentText.maxCharacters)
        guard try refusing({ try archive.parse("word/document.xml", body) }) else { throw DocumentRefusal("DOCX 中没有 word/document.xml") }
        return DocumentText(format: .docx, status: .read, text: body.text, pages: nil)
    }
}

/// A package's own refusals as the document's.
func refusing<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let unreadable as PartUnreadable { throw DocumentRefusal(unreadable.message) }
}

/// `<w:t>` text, `<w:tab/>`, `<w:br/>` and the end of each `<w:p>`, kept up to a bound.
final class WordBody: PartHandler {
    private(set) var text = ""
    private var inText = false
    private let maxCharacters: Int
    private var count = 0
    var failure: Error?

    init(maxCharacters: Int) {
        self.maxCharacters = maxCharacters
    }

    func start(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("t") {
            inText = true
        } else if name.is("tab") {
            append("\t")
        } else if name.is("br") || name.is("cr") {
            append("\n")
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard inText else { return }
        append(String(decoding: bytes, as: UTF8.self))
    }

    func end(_ name: XMLName) {
        if name.is("t") {
            inText = false
        } else if name.is("p") {
            append("\n")
        }
    }

    private func append(_ piece: String) {
        guard count < maxCharacters else { return }
        text += piece
        count += piece.count
    }
}
