import Testing
import WorkCalendar

/// Dates pinned from each year's State Council notice: the first and last day of the Spring Festival
/// and National Day breaks, and a weekend day made a working day (调休上班).
struct PinnedYear: Sendable, CustomStringConvertible {
    var year: Int
    var springFestival: (String, String)
    var nationalDay: (String, String)
    var makeUpWorkday: String
    var description: String { String(year) }
}

let pinnedYears: [PinnedYear] = [
    .init(year: 2010, springFestival: ("2010-02-13", "2010-02-19"), nationalDay: ("2010-10-01", "2010-10-07"), makeUpWorkday: "2010-02-20"),
    .init(year: 2011, springFestival: ("2011-02-02", "2011-02-08"), nationalDay: ("2011-10-01", "2011-10-07"), makeUpWorkday: "2011-01-30"),
    .init(year: 2012, springFestival: ("2012-01-22", "2012-01-28"), nationalDay: ("2012-09-30", "2012-10-07"), makeUpWorkday: "2011-12-31"),
    .init(year: 2013, springFestival: ("2013-02-09", "2013-02-15"), nationalDay: ("2013-10-01", "2013-10-07"), makeUpWorkday: "2013-01-05"),
    .init(year: 2014, springFestival: ("2014-01-31", "2014-02-06"), nationalDay: ("2014-10-01", "2014-10-07"), makeUpWorkday: "2014-01-26"),
    .init(year: 2015, springFestival: ("2015-02-18", "2015-02-24"), nationalDay: ("2015-10-01", "2015-10-07"), makeUpWorkday: "2015-09-06"),
    .init(year: 2016, springFestival: ("2016-02-07", "2016-02-13"), nationalDay: ("2016-10-01", "2016-10-07"), makeUpWorkday: "2016-02-14"),
    .init(year: 2017, springFestival: ("2017-01-27", "2017-02-02"), nationalDay: ("2017-10-01", "2017-10-08"), makeUpWorkday: "2017-09-30"),
    .init(year: 2018, springFestival: ("2018-02-15", "2018-02-21"), nationalDay: ("2018-10-01", "2018-10-07"), makeUpWorkday: "2018-12-29"),
    .init(year: 2019, springFestival: ("2019-02-04", "2019-02-10"), nationalDay: ("2019-10-01", "2019-10-07"), makeUpWorkday: "2019-05-05"),
    .init(year: 2020, springFestival: ("2020-01-24", "2020-02-02"), nationalDay: ("2020-10-01", "2020-10-08"), makeUpWorkday: "2020-01-19"),
    .init(year: 2021, springFestival: ("2021-02-11", "2021-02-17"), nationalDay: ("2021-10-01", "2021-10-07"), makeUpWorkday: "2021-02-20"),
    .init(year: 2022, springFestival: ("2022-01-31", "2022-02-06"), nationalDay: ("2022-10-01", "2022-10-07"), makeUpWorkday: "2022-01-29"),
    .init(year: 2023, springFestival: ("2023-01-21", "2023-01-27"), nationalDay: ("2023-09-29", "2023-10-06"), makeUpWorkday: "2023-10-08"),
    .init(year: 2024, springFestival: ("2024-02-10", "2024-02-17"), nationalDay: ("2024-10-01", "2024-10-07"), makeUpWorkday: "2024-02-18"),
    .init(year: 2025, springFestival: ("2025-01-28", "2025-02-04"), nationalDay: ("2025-10-01", "2025-10-08"), makeUpWorkday: "2025-01-26"),
    .init(year: 2026, springFestival: ("2026-02-15", "2026-02-23"), nationalDay: ("2026-10-01", "2026-10-07"), makeUpWorkday: "2026-02-28")
]

@Suite struct HolidayNoticeTests {
    let calendar = Bundled.calendar

    @Test func holdsEveryYearFrom2010To2026() {
        #expect(calendar.firstYear == 2010)
        #expect(calendar.lastYear == 2026)
        for year in 2010...2026 {
            #expect(calendar.citations[year]?.contains("国务院") == true, "year \(year) cites its notice")
        }
    }

    @Test(arguments: pinnedYears)
    func pinsTheBreaksAndMakeUpDaysOf(_ pinned: PinnedYear) throws {
        for (first, last) in [pinned.springFestival, pinned.nationalDay] {
            #expect(try !calendar.isWorkday(day(first)), "\(first) is the first day off")
            #expect(try !calendar.isWorkday(day(last)), "\(last) is the last day off")
            #expect(try calendar.isWorkday(try calendar.nextWorkday(onOrAfter: day(last))))
            // The day after the break is the first working day: no day off hides in between.
            let next = try calendar.nextWorkday(onOrAfter: day(last).adding(days: 1))
            #expect(try calendar.workdays(from: day(first), through: next) == 1)
            // The day before the break is not part of it.
            if case .holiday(let name) = try calendar.status(of: day(first).adding(days: -1)) {
                Issue.record("\(first) minus one day is still \(name)")
            }
        }
        let makeUp = day(pinned.makeUpWorkday)
        #expect(makeUp.isWeekend)
        #expect(try calendar.status(of: makeUp).isWorkday)
        #expect(try calendar.status(of: makeUp).note == "调休上班")
    }

    @Test func namesTheHolidayAndTheReason() throws {
        #expect(try calendar.status(of: day("2024-02-12")) == .holiday("春节"))
        #expect(try calendar.status(of: day("2023-09-29")) == .holiday("中秋节、国庆节"))
        #expect(try calendar.status(of: day("2024-02-18")) == .makeUpWorkday("春节"))
        #expect(try calendar.status(of: day("2024-02-24")) == .weekend)
        #expect(try calendar.status(of: day("2024-02-19")) == .workday)
        #expect(try calendar.status(of: day("2015-09-03")) == .holiday("抗战胜利纪念日"))
    }
}
