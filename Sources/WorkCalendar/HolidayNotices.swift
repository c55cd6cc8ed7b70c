/// What the State Council's notices say about one date.
public enum DayStatus: Hashable, Sendable {
    case workday
    /// Saturday or Sunday with no notice touching it.
    case weekend
    /// A day of a statutory holiday's break (放假), named as the notice names it.
    case holiday(String)
    /// A weekend day the notice makes a working day (调休上班), with the holiday it pays for.
    case makeUpWorkday(String)

    public var isWorkday: Bool {
        switch self {
        case .workday, .makeUpWorkday: true
        case .weekend, .holiday: false
        }
    }

    /// The note of `zhifa calendar days`: the holiday's name, 调休上班, 周末, or empty.
    public var note: String {
        switch self {
        case .workday: ""
        case .weekend: "周末"
        case .holiday(let name): name
        case .makeUpWorkday: "调休上班"
        }
    }
}

/// One year's notice (国务院办公厅关于部分节假日安排的通知) as the data file states it.
public struct HolidayNotice: Sendable, Equatable {
    public var year: Int
    /// The notice's title and number, as cited in the data file.
    public var citation: String
    public var holidays: [(name: String, dates: [CalendarDate])]
    public var makeUpWorkdays: [(name: String, date: CalendarDate)]

    public init(year: Int, citation: String) {
        self.year = year
        self.citation = citation
        self.holidays = []
        self.makeUpWorkdays = []
    }

    public static func == (lhs: HolidayNotice, rhs: HolidayNotice) -> Bool {
        lhs.year == rhs.year && lhs.citation == rhs.citation
            && lhs.holidays.map(\.name) == rhs.holidays.map(\.name)
            && lhs.holidays.map(\.dates) == rhs.holidays.map(\.dates)
            && lhs.makeUpWorkdays.map(\.name) == rhs.makeUpWorkdays.map(\.name)
            && lhs.makeUpWorkdays.map(\.date) == rhs.makeUpWorkdays.map(\.date)
    }
}

/// Why a calendar could not be built or asked.
public enum CalendarError: Error, Equatable, CustomStringConvertible {
    /// The data holds no notice for this year, so no answer is given rather than a weekday guess.
    case yearNotCovered(Int)
    /// A line of the data file could not be read.
    case malformedData(file: String, line: Int, message: String)
    /// The years held leave a gap, so counting across it would silently guess.
    case missingYears(file: String, [Int])

    public var description: String {
        switch self {
        case .yearNotCovered(let year):
            "工作日历中没有\(year)年的国务院办公厅部分节假日安排通知，无法计算工作日；请将该年通知加入 Checklists/calendar"
        case .malformedData(let file, let line, let message):
            line > 0 ? "\(file) 第\(line)行：\(message)" : "\(file)：\(message)"
        case .missingYears(let file, let years):
            "\(file)：工作日历缺少\(years.map(String.init).joined(separator: "、"))年的节假日安排通知（夹在已有年份之间，跨年计算会出错）"
        }
    }
}
