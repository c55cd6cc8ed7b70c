import Foundation

/// Where "today" comes from, in one place: the day in Beijing (UTC+8, no daylight saving) whatever
/// the machine's time zone, since deadlines are counted in the agency's days; or a day set for a
/// test or a demonstration. The server takes it from its configuration, the command line from
/// `Today.process`, and a test sets either.
public struct Today: Sendable {
    private let source: @Sendable () -> CalendarDate

    public init(_ source: @escaping @Sendable () -> CalendarDate) { self.source = source }

    /// The day now in Beijing.
    public static let beijing = Today { CalendarDate.todayInBeijing() }

    /// Always `day`.
    public static func fixed(_ day: CalendarDate) -> Today { Today { day } }

    /// `$ZHIFA_TODAY` (YYYY-MM-DD) when it is set, else the day in Beijing: what this process,
    /// command line and server alike, takes for today unless told otherwise.
    public static let process: Today = {
        if let text = ProcessInfo.processInfo.environment["ZHIFA_TODAY"], let day = CalendarDate(text) { return .fixed(day) }
        return .beijing
    }()

    public func callAsFunction() -> CalendarDate { source() }
}
