import Testing
import WorkCalendar

@Suite struct CalendarDateTests {
    @Test func parsesOnlyRealDatesInTheExactForm() {
        #expect(CalendarDate("2024-02-29") != nil)
        #expect(CalendarDate("2023-02-29") == nil)
        #expect(CalendarDate("2024-13-01") == nil)
        #expect(CalendarDate("2024-1-01") == nil)
        #expect(CalendarDate("2024-01-01Z") == nil)
        #expect(CalendarDate("２０２４-01-01") == nil)
        #expect(CalendarDate("") == nil)
    }

    @Test func knowsItsWeekday() {
        #expect(day("1970-01-01").weekday == 4)
        #expect(day("2024-02-18").weekday == 7)
        #expect(day("2024-10-12").weekday == 6)
        #expect(day("2024-10-12").isWeekend)
        #expect(!day("2024-10-14").isWeekend)
    }

    @Test func printsWhatItParsedForEveryDayOfTheCalendarYears() {
        var date = day("2009-12-25")
        while date < day("2027-01-05") {
            #expect(CalendarDate(date.description) == date)
            date = date.adding(days: 1)
        }
        #expect(day("2024-01-31").adding(days: 29).description == "2024-02-29")
        #expect(day("2024-01-15").days(to: day("2024-02-14")) == 30)
    }

    @Test func printsTheFirstAndLastDaysAndThoseBeyondThem() {
        #expect(CalendarDate.earliest.description == "0001-01-01")
        #expect(CalendarDate.latest.description == "9999-12-31")
        #expect(day("2000-10-09").description == "2000-10-09")
        // Days no calendar holds still print, as the general path writes them.
        #expect(CalendarDate(dayNumber: CalendarDate.latest.dayNumber + 1).description == "10000-01-01")
        #expect(CalendarDate(dayNumber: CalendarDate.earliest.dayNumber - 1).description == "0000-12-31")
    }
}
