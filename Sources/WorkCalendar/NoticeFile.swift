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
                    throw fail("应写作 `year YYYY 通知标题和文号`")
                }
                if notices.contains(where: { $0.year == year }) { throw fail("\(year)年出现了两次") }
                notices.append(HolidayNotice(year: year, citation: words[2...].joined(separator: " ")))
            case "holiday", "workday":
                guard !notices.isEmpty else { throw fail("`\(keyword)` 行之前没有 `year` 行") }
                guard words.count >= 3 else { throw fail("应写作 `\(keyword) 节日名称 日期`") }
                let name = String(words[1])
                var dates: [CalendarDate] = []
                for word in words[2...] {
                    dates += try parseDates(word, fail: fail)
                }
                if keyword == "holiday" {
                    notices[notices.count - 1].holidays.append((name, dates))
                } else {
                    for date in dates {
                        guard date.isWeekend else { throw fail("\(date) 不是周末，不能作为调休上班日") }
                        notices[notices.count - 1].makeUpWorkdays.append((name, date))
                    }
                }
            default:
                throw fail("不认识的关键字 `\(keyword)`（应为 year、holiday 或 workday）")
            }
        }
        return notices
    }

    private static func parseDates(_ word: Substring, fail: (String) -> CalendarError) throws -> [CalendarDate] {
        let bounds = word.components(separatedBy: "..")
        guard bounds.count <= 2, let first = CalendarDate(bounds[0]) else {
            throw fail("`\(word)` 既不是 YYYY-MM-DD 日期，也不是 起..止 的日期范围")
        }
        guard bounds.count == 2 else { return [first] }
        guard let last = CalendarDate(bounds[1]), first <= last, first.days(to: last) < 31 else {
            throw fail("`\(word)` 不是一个月以内的 起..止 日期范围")
        }
        return (0...first.days(to: last)).map { first.adding(days: $0) }
    }

    /// Loads every `*.txt` file of a folder, in name order.
    public static func load(directory: URL) throws -> [HolidayNotice] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".txt") }
            .sorted()
        return try load(
            files: names.map { name in
                let url = directory.appendingPathComponent(name)
                return (url.path, try String(contentsOf: url, encoding: .utf8))
            })
    }

    /// The notices of files given by name and text, in order; a year given twice is an error.
    public static func load(files: [(name: String, text: String)]) throws -> [HolidayNotice] {
        var notices: [HolidayNotice] = []
        for (name, text) in files {
            let parsed = try parse(text, file: name)
            for notice in parsed where notices.contains(where: { $0.year == notice.year }) {
                throw CalendarError.malformedData(file: name, line: 0, message: "\(notice.year)年已由另一个文件给出")
            }
            notices += parsed
        }
        return notices
    }
}
