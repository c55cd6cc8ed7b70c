import Testing
import WorkCalendar

@Suite struct WorkingDayArithmeticTests {
    let calendar = Bundled.calendar

    @Test func countsTheSeventhWorkingDayAcrossSpringFestivalWithItsMakeUpSunday() throws {
        // 2024-02-05 Monday; 2/10–2/17 off; Sunday 2/18 is worked.
        #expect(try calendar.addingWorkdays(7, to: day("2024-02-05")) == day("2024-02-20"))
        // Counting weekdays alone would have said 2024-02-14, a holiday.
        #expect(try calendar.addingWorkdays(4, to: day("2024-02-05")) == day("2024-02-09"))
        #expect(try calendar.addingWorkdays(5, to: day("2024-02-05")) == day("2024-02-18"))
    }

    @Test func countsAcrossNationalDayWithAMakeUpSaturday() throws {
        #expect(try calendar.addingWorkdays(7, to: day("2024-09-27")) == day("2024-10-12"))
        #expect(try calendar.addingWorkdays(20, to: day("2024-09-20")) == day("2024-10-23"))
        #expect(try calendar.addingWorkdays(7, to: day("2023-09-25")) == day("2023-10-10"))
    }

    @Test func startsCountingTheDayAfterEvenFromAHoliday() throws {
        #expect(try calendar.addingWorkdays(1, to: day("2024-02-12")) == day("2024-02-18"))
        #expect(try calendar.addingWorkdays(1, to: day("2024-02-16")) == day("2024-02-18"))
        #expect(try calendar.addingWorkdays(0, to: day("2024-02-12")) == day("2024-02-12"))
    }

    @Test func countsWorkingDaysAfterTheStartThroughTheEnd() throws {
        #expect(try calendar.workdays(from: day("2024-09-27"), through: day("2024-10-12")) == 7)
        #expect(try calendar.workdays(from: day("2024-09-27"), through: day("2024-10-11")) == 6)
        #expect(try calendar.workdays(from: day("2024-02-09"), through: day("2024-02-17")) == 0)
        #expect(try calendar.workdays(from: day("2024-03-01"), through: day("2024-03-01")) == 0)
        #expect(try calendar.workdays(from: day("2024-03-04"), through: day("2024-03-01")) == -1)
    }

    @Test func endsACalendarDayPeriodOnTheNextWorkingDay() throws {
        // 30 days from 2024-01-15 is 2/14, inside Spring Festival; the next working day is Sunday 2/18.
        #expect(try calendar.calendarPeriodEnd(30, from: day("2024-01-15")) == day("2024-02-18"))
        // 90 days from 2024-04-01 is Sunday 6/30.
        #expect(try calendar.calendarPeriodEnd(90, from: day("2024-04-01")) == day("2024-07-01"))
        // A working day stays put.
        #expect(try calendar.calendarPeriodEnd(120, from: day("2024-04-01")) == day("2024-07-30"))
    }

    @Test func refusesYearsItDoesNotHoldAndNamesThem() {
        #expect(throws: CalendarError.yearNotCovered(2027)) { try calendar.isWorkday(day("2027-01-04")) }
        #expect(throws: CalendarError.yearNotCovered(2009)) { try calendar.addingWorkdays(3, to: day("2009-12-30")) }
        #expect(throws: CalendarError.yearNotCovered(2027)) { try calendar.addingWorkdays(5, to: day("2026-12-28")) }
        #expect(throws: CalendarError.yearNotCovered(2027)) { try calendar.calendarPeriodEnd(30, from: day("2026-12-15")) }
        #expect(CalendarError.yearNotCovered(2027).description.contains("2027"))
    }

    @Test func addThenCountGivesNBackAndNoWorkingDayIsAHoliday() throws {
        var date = day("2010-01-01")
        var step = 0
        while date < day("2026-11-30") {
            let n = 1 + step % 25
            let deadline = try calendar.addingWorkdays(n, to: date)
            #expect(try calendar.workdays(from: date, through: deadline) == n)
            #expect(try calendar.isWorkday(deadline))
            #expect(try calendar.workdays(from: date, through: deadline.adding(days: -1)) == n - 1)
            date = date.adding(days: 3)
            step += 1
        }
        for (date, status) in try calendar.statuses(from: day("2010-01-01"), through: day("2026-12-31")) {
            if case .holiday = status { #expect(!status.isWorkday, "\(date)") }
            if case .makeUpWorkday = status { #expect(date.isWeekend, "\(date)") }
            if case .weekend = status { #expect(date.isWeekend, "\(date)") }
            if case .workday = status { #expect(!date.isWeekend, "\(date)") }
        }
    }
}
