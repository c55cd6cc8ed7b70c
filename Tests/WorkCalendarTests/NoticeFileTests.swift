import Foundation
import Testing
import WorkCalendar

@Suite struct NoticeFileTests {
    @Test func readsYearsHolidaysAndMakeUpDays() throws {
        let notices = try NoticeFile.parse(
            """
            # comment
            year 2030 国务院办公厅关于2030年部分节假日安排的通知
            holiday 元旦 2030-01-01
            holiday 春节 2030-02-02..2030-02-08   # trailing comment
            workday 春节 2030-01-26 2030-02-09
            """, file: "x.txt")
        #expect(notices.count == 1)
        #expect(notices[0].holidays.map(\.name) == ["元旦", "春节"])
        #expect(notices[0].holidays[1].dates.count == 7)
        #expect(notices[0].makeUpWorkdays.map(\.date) == [day("2030-01-26"), day("2030-02-09")])
        let calendar = try WorkingDayCalendar(notices: notices)
        #expect(try calendar.addingWorkdays(1, to: day("2030-02-01")) == day("2030-02-09"))
    }

    @Test func namesTheFileAndLineOfABadLine() {
        #expect(throws: CalendarError.malformedData(file: "x.txt", line: 3, message: "`2030-02-30` 既不是 YYYY-MM-DD 日期，也不是 起..止 的日期范围")) {
            try NoticeFile.parse("year 2030 通知\nholiday 元旦 2030-01-01\nholiday 春节 2030-02-30\n", file: "x.txt")
        }
        #expect(throws: CalendarError.malformedData(file: "x.txt", line: 1, message: "`holiday` 行之前没有 `year` 行")) {
            try NoticeFile.parse("holiday 元旦 2030-01-01\n", file: "x.txt")
        }
        #expect(throws: CalendarError.malformedData(file: "x.txt", line: 2, message: "2030-01-02 不是周末，不能作为调休上班日")) {
            try NoticeFile.parse("year 2030 通知\nworkday 元旦 2030-01-02\n", file: "x.txt")
        }
    }

    @Test func refusesAGapBetweenYearsRatherThanGuessing() throws {
        let notices = try NoticeFile.parse("year 2030 a\nyear 2032 b\n", file: "gap.txt")
        #expect(throws: CalendarError.missingYears(file: "gap.txt", [2031])) { try WorkingDayCalendar(notices: notices, source: "gap.txt") }
    }

    @Test func takesNextYearsNoticeFromAnExtraFileWithoutARebuild() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhifa-calendar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            at: Bundled.directory.appendingPathComponent("cn-holidays.txt"),
            to: folder.appendingPathComponent("cn-holidays.txt"))
        try "year 2027 国务院办公厅关于2027年部分节假日安排的通知\nholiday 元旦 2027-01-01..2027-01-03\n"
            .write(to: folder.appendingPathComponent("2027.txt"), atomically: true, encoding: .utf8)
        let extended = try WorkingDayCalendar.load(directory: folder)
        #expect(extended.lastYear == 2027)
        #expect(try extended.addingWorkdays(1, to: day("2026-12-31")) == day("2027-01-04"))
    }
}
