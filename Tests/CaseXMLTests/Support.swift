import Foundation

/// The repository's folders, found from this file so tests run from any folder.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let samples = root.appendingPathComponent("SampleCases")
    static let sampleCaseFiles: [URL] = {
        let folder = samples.appendingPathComponent("cases")
        return (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil))?
            .filter { $0.pathExtension == "xml" }.sorted { $0.path < $1.path } ?? []
    }()
}

/// A temporary folder removed when the value goes away.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("zhifa-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }
}

/// A minimal valid case document, with `body` inside `<case>` after the party.
func caseDocument(id: String = "T-1", agency: String = "WH-SJJ", type: String = "penalty", attributes: String = "", body: String = "") -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <case xmlns="urn:zhifa:case:1" id="\(id)" agency="\(agency)" type="\(type)"\(attributes.isEmpty ? "" : " " + attributes)>
      <party kind="organisation" name="测试公司"/>
    \(body)
    </case>
    """
}
