import CaseModel
import Foundation
import XMLParts

/// An OFD document (GB/T 33190-2016, 版式文档): a ZIP whose `OFD.xml` names the document root, whose
/// `Document.xml` lists the pages, each page's `Content.xml` holding `TextObject`s of `TextCode`s.
/// A text object below the previous one starts a new line. Paths stay inside the package.
struct OFDText {
    let limits: DocumentLimits
    let deadline: ContinuousClock.Instant

    func read(_ url: URL) throws -> DocumentText {
        let archive = try refusing { try PackageArchive(url: url, kindName: "OFD", maxPartBytes: limits.maxPartBytes, maxRatio: PackageArchive.documentRatio) }
        let entry = OFDEntry()
        guard try refusing({ try archive.parse("OFD.xml", entry) }) else { throw DocumentRefusal("OFD 中没有 OFD.xml") }
        guard let root = entry.documentRoot.flatMap({ Self.resolve($0, from: "") }) else { throw DocumentRefusal("OFD.xml 未指明文档根节点（DocRoot）") }
        let pages = OFDPages(maxPages: limits.maxPages)
        guard try refusing({ try archive.parse(root, pages) }) else { throw DocumentRefusal("OFD 中没有 \(root)") }
        let folder = root.split(separator: "/").dropLast().joined(separator: "/")
        let content = OFDContent(maxCharacters: DocumentText.maxCharacters)
        for location in pages.locations {
            try Deadline(instant: deadline).check()
            guard let path = Self.resolve(location, from: folder) else { throw DocumentRefusal("OFD 页面路径“\(location)”不在文件包内") }
            content.newPage()
            guard try refusing({ try archive.parse(path, content) }) else { throw DocumentRefusal("OFD 中没有页面 \(path)") }
        }
        return DocumentText(format: .ofd, status: .read, text: content.text, pages: pages.locations.count)
    }

    /// A location inside the package: absolute (`/Doc_0/…`) or relative to `folder`; nil when it
    /// would leave the package (`..`) or is empty.
    static func resolve(_ location: String, from folder: String) -> String? {
        let trimmed = location.trimmingCharacters(in: .whitespaces)
        let joined = trimmed.hasPrefix("/") ? String(trimmed.dropFirst()) : (folder.isEmpty ? trimmed : folder + "/" + trimmed)
        let parts = joined.split(separator: "/").filter { $0 != "." }
        guard !parts.isEmpty, !parts.contains("..") else { return nil }
        return parts.joined(separator: "/")
    }
}

/// `<ofd:DocRoot>` of the first document body.
final class OFDEntry: PartHandler {
    private(set) var documentRoot: String?
    private var inRoot = false
    private var buffer = ""
    var failure: Error?

    func start(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("DocRoot"), documentRoot == nil { inRoot = true }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard inRoot, buffer.utf8.count < 1000 else { return }
        buffer += String(decoding: bytes, as: UTF8.self)
    }

    func end(_ name: XMLName) {
        guard inRoot, name.is("DocRoot") else { return }
        inRoot = false
        documentRoot = buffer
    }
}

/// `<ofd:Page BaseLoc=…>` of `Document.xml`, in order, bounded in number.
final class OFDPages: PartHandler {
    private(set) var locations: [String] = []
    private let maxPages: Int
    var failure: Error?

    init(maxPages: Int) {
        self.maxPages = maxPages
    }

    func start(_ name: XMLName, _ attributes: XMLAttributes) {
        guard name.is("Page"), let location = attributes["BaseLoc"] else { return }
        guard locations.count < maxPages else {
            failure = PartUnreadable(message: "OFD 超过 \(maxPages) 页的上限")
            return
        }
        locations.append(location)
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}
    func end(_ name: XMLName) {}
}

/// The text of `<ofd:TextCode>`s, a new line when a text object starts below the last one.
final class OFDContent: PartHandler {
    private(set) var text = ""
    private var inCode = false
    private var lastTop: Double?
    private let maxCharacters: Int
    private var count = 0
    var failure: Error?

    init(maxCharacters: Int) {
        self.maxCharacters = maxCharacters
    }

    func newPage() {
        if !text.isEmpty { append("\n") }
        lastTop = nil
    }

    func start(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("TextObject") {
            // Boundary="x y width height", in millimetres from the page's top left.
            let top = attributes["Boundary"].flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Double($0) }
            if let top, let lastTop, abs(top - lastTop) > 1 { append("\n") }
            if let top { lastTop = top }
        } else if name.is("TextCode") {
            inCode = true
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard inCode else { return }
        append(String(decoding: bytes, as: UTF8.self))
    }

    func end(_ name: XMLName) {
        if name.is("TextCode") { inCode = false }
    }

    private func append(_ piece: String) {
        guard count < maxCharacters else { return }
        text += piece
        count += piece.count
    }
}
