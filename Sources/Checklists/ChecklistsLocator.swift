import BundledFiles
import Foundation
import WorkCalendar

/// Finds the data a user edits (Checklists/) wherever the binary is run from.
///
/// In order: `$ZHIFA_CHECKLISTS`; a `Checklists` folder beside or above the running executable
/// (a checkout's `.build/debug/zhifa`, or `share/zhifa/Checklists` of an install); then above the
/// current folder. The first folder that holds `calendar/` wins.
public enum ChecklistsLocator {
    public static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let explicit = environment["ZHIFA_CHECKLISTS"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit, isDirectory: true)
        }
        var starts: [URL] = []
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            starts.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        starts.append(executable.deletingLastPathComponent())
        starts.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
        for start in starts {
            var folder = start.standardizedFileURL
            for _ in 0..<8 {
                for candidate in [
                    folder.appendingPathComponent("Checklists"),
                    folder.appendingPathComponent("share/zhifa/Checklists")
                ]
                where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("calendar").path) {
                    return candidate
                }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        return nil
    }
}

extension WorkingDayCalendar {
    /// The calendar of a Checklists folder found (`ChecklistsLocator`), which an operator may extend
    /// with later years; else the one the binary carries.
    public static func bundled() throws -> WorkingDayCalendar {
        if let checklists = ChecklistsLocator.directory() {
            return try load(directory: checklists.appendingPathComponent("calendar"))
        }
        let files = BundledFiles.files(in: "Checklists/calendar").filter { $0.key.hasSuffix(".txt") }.sorted { $0.key < $1.key }
        return try WorkingDayCalendar(
            notices: NoticeFile.load(files: files.map { ("Checklists/calendar/\($0.key)（内置）", $0.value) }),
            source: "Checklists/calendar（内置）")
    }
}
