import Foundation
import WorkCalendar

/// The repository's folders, found from this file so that tests run from any folder.
public enum Repository {
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let samples = root.appendingPathComponent("SampleCases")
    public static let checklists = root.appendingPathComponent("Checklists")
    public static let calendarData = checklists.appendingPathComponent("calendar")
    /// How many cases SampleCases/ holds, and how many of them are decided (scored).
    public static let sampleCaseCount = 37
    public static let decidedSampleCaseCount = 36
    public static let sampleCaseFiles: [URL] = {
        let folder = samples.appendingPathComponent("cases")
        return (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil))?
            .filter { $0.pathExtension == "xml" }.sorted { $0.path < $1.path } ?? []
    }()

    /// The bundled calendar, loaded once.
    public static let calendar: WorkingDayCalendar = {
        do { return try WorkingDayCalendar.load(directory: calendarData) } catch { fatalError("bundled calendar: \(error)") }
    }()
}

/// A date from `YYYY-MM-DD` test text.
public func day(_ text: String) -> CalendarDate {
    guard let date = CalendarDate(text) else { fatalError("bad test date \(text)") }
    return date
}

/// A temporary folder removed when the value goes away.
public final class TemporaryFolder {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("zhifa-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    @discardableResult
    public func write(_ name: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Copies files of Checklists/ in, for tests that add a checklist beside them.
    public func copyChecklists(_ names: [String]) throws {
        for name in names {
            try FileManager.default.copyItem(at: Repository.checklists.appendingPathComponent(name), to: url.appendingPathComponent(name))
        }
    }
}

/// A minimal valid case document, with `body` inside `<case>` after the party.
public func caseDocument(id: String = "T-1", agency: String = "WH-SJJ", type: String = "penalty", attributes: String = "", body: String = "") -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <case xmlns="urn:zhifa:case:1" id="\(id)" agency="\(agency)" type="\(type)"\(attributes.isEmpty ? "" : " " + attributes)>
      <party kind="organisation" name="测试公司"/>
    \(body)
    </case>
    """
}

/// Another writer holding a lock while a test works: `body` runs on its own thread and calls
/// `whileHeld` once it holds the lock; the thread lets go on `release()`.
public final class BackgroundHold: @unchecked Sendable {
    private let held = DispatchSemaphore(value: 0)
    private let released = DispatchSemaphore(value: 0)

    public init(_ body: @escaping @Sendable (_ whileHeld: () -> Void) -> Void) {
        let held = held
        let released = released
        Thread.detachNewThread {
            body {
                held.signal()
                released.wait()
            }
        }
        held.wait()
    }

    public func release() { released.signal() }
}

/// The rows of a CSV text as Zhifa writes it (a byte-order mark, quoted fields that may hold
/// commas, none holding a line end), for tests that read an export back.
public func csvRows(_ text: String) -> [[String]] {
    var text = text
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    return text.split(whereSeparator: \.isNewline).map { line in
        var fields = [""]
        var quoted = false
        for character in line {
            if character == "\"" {
                quoted.toggle()
            } else if character == ",", !quoted {
                fields.append("")
            } else {
                fields[fields.count - 1].append(character)
            }
        }
        return fields
    }
}
