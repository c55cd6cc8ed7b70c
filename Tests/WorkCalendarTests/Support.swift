import Foundation
@_exported import TestSupport
import WorkCalendar

enum Bundled {
    static let directory = Repository.calendarData
    static let calendar = Repository.calendar
}
