import Foundation

extension WorkingDayCalendar {
    /// The calendar of a folder of holiday-notice files (`Checklists/calendar`).
    public static func load(directory: URL) throws -> WorkingDayCalendar {
        try WorkingDayCalendar(notices: NoticeFile.load(directory: directory), source: directory.path)
    }
}
