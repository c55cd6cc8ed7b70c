/// Working days (工作日) as the State Council's annual notices define them.
///
/// Everything is precomputed into flat tables over the years held, so that every question is a
/// few array reads: the status of each day, the running count of working days, and the position
/// of each working day. A date outside the years held is an error naming the year.
public struct WorkingDayCalendar: Sendable {
    public let firstYear: Int
    public let lastYear: Int
    /// Citation of each year's notice, for reports that say which calendar they used.
    public let citations: [Int: String]

    private let origin: Int32
    private let statuses: [DayStatus]
    /// workdaysThrough[i]: working days among days 0...i.
    private let workdaysThrough: [Int32]
    /// workdayPositions[k]: index of the (k+1)-th working day.
    private let workdayPositions: [Int32]

    public init(notices: [HolidayNotice], source: String = "calendar") throws {
        guard let first = notices.map(\.year).min(), let last = notices.map(\.year).max() else {
            throw CalendarError.missingYears(file: source, [])
        }
        let held = Set(notices.map(\.year))
        let gaps = (first...last).filter { !held.contains($0) }
        guard gaps.isEmpty else { throw CalendarError.missingYears(file: source, gaps) }

        let start = CalendarDate(year: first, month: 1, day: 1)!
        let end = CalendarDate(year: last, month: 12, day: 31)!
        var statuses = (0...Int(end.dayNumber - start.dayNumber)).map { offset -> DayStatus in
            start.adding(days: offset).isWeekend ? .weekend : .workday
        }
        for notice in notices {
            for (name, dates) in notice.holidays {
                for date in dates where date >= start && date <= end {
                    statuses[Int(date.dayNumber - start.dayNumber)] = .holiday(name)
                }
            }
            for (name, date) in notice.makeUpWorkdays where date >= start && date <= end {
                statuses[Int(date.dayNumber - start.dayNumber)] = .makeUpWorkday(name)
            }
        }
        var through = [Int32](repeating: 0, count: statuses.count)
        var positions: [Int32] = []
        positions.reserveCapacity(statuses.count * 3 / 4)
        var running: Int32 = 0
        for (index, status) in statuses.enumerated() {
            if status.isWorkday {
                running += 1
                positions.append(Int32(index))
            }
            through[index] = running
        }
        self.firstYear = first
        self.lastYear = last
        self.citations = Dictionary(uniqueKeysWithValues: notices.map { ($0.year, $0.citation) })
        self.origin = start.dayNumber
        self.statuses = statuses
        self.workdaysThrough = through
        self.workdayPositions = positions
    }

    private func index(of date: CalendarDate) throws -> Int {
        let offset = Int(date.dayNumber - origin)
        guard offset >= 0, offset < statuses.count else { throw CalendarError.yearNotCovered(date.year) }
        return offset
    }

    private func date(at index: Int) -> CalendarDate {
        CalendarDate(dayNumber: origin + Int32(index))
    }

    /// The year just past the table, named when a count runs off its end.
    private var yearAfter: Int { lastYear + 1 }

    public func status(of date: CalendarDate) throws -> DayStatus {
        statuses[try index(of: date)]
    }

    public func isWorkday(_ date: CalendarDate) throws -> Bool {
        statuses[try index(of: date)].isWorkday
    }

    /// The N-th working day after `date`, the date itself not counted ("within N working days").
    /// With `n <= 0` the date itself is returned: no deadline counts backwards.
    public func addingWorkdays(_ n: Int, to date: CalendarDate) throws -> CalendarDate {
        let i = try index(of: date)
        guard n > 0 else { return date }
        // n comes from a checklist: a count past the table is a year the calendar lacks, not a trap.
        let (target, overflow) = Int(workdaysThrough[i]).addingReportingOverflow(n - 1)
        guard !overflow, target < workdayPositions.count else { throw CalendarError.yearNotCovered(yearAfter) }
        return self.date(at: Int(workdayPositions[target]))
    }

    /// Working days after `from` up to and including `to`; negative when `to` is earlier.
    public func workdays(from: CalendarDate, through to: CalendarDate) throws -> Int {
        let a = try index(of: from)
        let b = try index(of: to)
        return Int(workdaysThrough[b]) - Int(workdaysThrough[a])
    }

    /// `date` itself when it is a working day, else the first working day after it.
    public func nextWorkday(onOrAfter date: CalendarDate) throws -> CalendarDate {
        let i = try index(of: date)
        if statuses[i].isWorkday { return date }
        let next = Int(workdaysThrough[i])
        guard next < workdayPositions.count else { throw CalendarError.yearNotCovered(yearAfter) }
        return self.date(at: Int(workdayPositions[next]))
    }

    /// The end of a period of `days` calendar days from `date` ("within N days"): date + N, moved to
    /// the next working day when that day is a weekend or holiday.
    public func calendarPeriodEnd(_ days: Int, from date: CalendarDate) throws -> CalendarDate {
        _ = try index(of: date)
        return try nextWorkday(onOrAfter: date.adding(days: days))
    }

    /// Every date of the table between two dates, with its status.
    public func statuses(from: CalendarDate, through to: CalendarDate) throws -> [(CalendarDate, DayStatus)] {
        let a = try index(of: from)
        let b = try index(of: to)
        guard a <= b else { return [] }
        return (a...b).map { (date(at: $0), statuses[$0]) }
    }
}

extension WorkingDayCalendar {
    /// Every day the notices change, with the citations: equal signatures, equal answers. Audits
    /// record its hash so that a rerun after a calendar edit is not mistaken for the same run.
    public var signature: String {
        var parts = ["\(firstYear)-\(lastYear)"]
        for year in citations.keys.sorted() { parts.append("\(year):\(citations[year]!)") }
        for (offset, status) in statuses.enumerated() {
            switch status {
            case .workday, .weekend: continue
            case .holiday(let name): parts.append("\(offset)H\(name)")
            case .makeUpWorkday(let name): parts.append("\(offset)W\(name)")
            }
        }
        return parts.joined(separator: "\n")
    }
}
