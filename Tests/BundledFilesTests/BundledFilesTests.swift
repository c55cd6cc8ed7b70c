import BundledFiles
import Foundation
import TestSupport
import Testing

/// The files the binary carries are the repository's files, every one of them and byte for byte:
/// after editing a checklist, the calendar, an XSD or a template, `scripts/embed-files` must run.
@Suite struct BundledFilesTests {
    static let folders = ["Checklists", "Sources/CaseXML/Schemas", "Sources/WebService/Templates", "Sources/WebService/Static", "docs/api"]

    @Test func theCarriedFilesAreTheRepositorysFiles() throws {
        var onDisk: [String: String] = [:]
        for folder in Self.folders {
            let base = Repository.root.appendingPathComponent(folder)
            let walker = try #require(FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]))
            for case let url as URL in walker where try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
                guard !url.lastPathComponent.hasPrefix(".") else { continue }
                let path = folder + "/" + url.path.dropFirst(base.path.count + 1)
                onDisk[path] = try String(contentsOf: url, encoding: .utf8)
            }
        }
        #expect(BundledFiles.paths == onDisk.keys.sorted(), "run scripts/embed-files")
        for (path, text) in onDisk {
            #expect(BundledFiles.text(path) == text, "\(path) differs from what the binary carries: run scripts/embed-files")
        }
        #expect(BundledFiles.files(in: "Checklists").keys.sorted() == ["checklist.xsd", "market-regulation.xml", "national.xml"])
    }
}
