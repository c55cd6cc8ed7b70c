import Foundation

/// Reads the holiday data files of Checklists/calendar.
///
/// The format is line-based so that a clerk can add next year's notice in any editor:
///
///     year 2024 国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号）
///     holiday 春节 2024-02-10..2024-02-17
///     workday 春节 2024-02-04 2024-02-18
///
/// `holiday` lines list the days off (ranges with `..`), `workday` lines the weekend days made
/// working days (调休上班) and the holiday they pay for. Lines belong to the last `year` line;
/// a date may fall in the neighbouring year (the 2012 notice makes 2011-12-31 a working day).
/// `#` starts a comment.
public enum NoticeFile {
    public static func parse(_ text: String, file: String) throws -> [HolidayNotice] {
        var notices: [HolidayNotice] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard let keyword = words.first else { continue }
            func fail(_ message: String) -> CalendarError {
                .malformedData(file: file, line: lineNumber, message: message)
            }
            switch keyword {
            case "year":
                guard words.count >= 3, let year = Int(words[1]), (1949...9999).contains(year) else {
                    throw fail("expected `year YYYY <notice title and number>`")
                }
                if notices.contains(where: { $0.year == year }) { throw fail("year \(year) is given twice") }
                notices.append(HolidayNotice(year: year, citation: words[2...].joined(separator: " ")))
            case "holiday", "workday":
                guard !notices.isEmpty else { throw fail("`\(keyword)` before any `year` line") }
                guard words.count >= 3 else { throw fail("expected `\(keyword) <holiday name> <dates>`") }
                let name = String(words[1])
                var dates: [CalendarDate] = []
                for word in words[2...] {
                    dates += try parseDates(word, fail: fail)
                }
                if keyword == "holiday" {
                    notices[notices.count - 1].holidays.append((name, dates))
                } else {
                    for date in dates {
                        guard date.isWeekend else { throw fail("\(date) is not a weekend day, so it cannot be a make-up working day") }
                        notices[notices.count - 1].makeUpWorkdays.append((name, date))
                    }
                }
            default:
                throw fail("unknown keyword `\(keyword)` (expected year, holiday or workday)")
            }
        }
        return notices
    }

    private static func parseDates(_ word: Substring, fail: (String) -> CalendarError) throws -> [CalendarDate] {
        let bounds = word.components(separatedBy: "..")
        guard bounds.count <= 2, let first = CalendarDate(bounds[0]) else {
            throw fail("`\(word)` is neither a YYYY-MM-DD date nor a range FROM..TO")
        }
        guard bounds.count == 2 else { return [first] }
        guard let last = CalendarDate(bounds[1]), first <= last, first.days(to: last) < 31 else {
            throw fail("`\(word)` is not a range FROM..TO of at most a month")
        }
        return (0...first.days(to: last)).map { first.adding(days: $0) }
    }

    /// Loads every `*.txt` file of a folder, in name order.
    public static func load(directory: URL) throws -> [HolidayNotice] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".txt") }
            .sorted()
        var notices: [HolidayNotice] = []
        for name in names {
            let url = directory.appendingPathComponent(name)
            let text = try String(contentsOf: url, encoding: .utf8)
            let parsed = try parse(text, file: url.path)
            for notice in parsed where notices.contains(where: { $0.year == notice.year }) {
                throw CalendarError.malformedData(file: url.path, line: 0, message: "year \(notice.year) is already given by another file")
            }
            notices += parsed
        }
        return notices
    }
}
