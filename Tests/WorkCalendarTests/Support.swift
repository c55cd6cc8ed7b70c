import Foundation
import WorkCalendar

enum Bundled {
    /// The repository's Checklists/calendar, found from this file so tests run from any folder.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Checklists/calendar")

    static let calendar: WorkingDayCalendar = {
        do { return try WorkingDayCalendar.load(directory: directory) } catch { fatalError("bundled calendar: \(error)") }
    }()
}

func day(_ text: String) -> CalendarDate {
    guard let date = CalendarDate(text) else { fatalError("bad test date \(text)") }
    return date
}
