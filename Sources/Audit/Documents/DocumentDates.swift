import CaseModel
import WorkCalendar

/// Dates as documents write them: `2024年3月5日`, `2024年03月05日`, `二〇二四年三月五日`,
/// `2024-03-05`, `2024.3.5`.
public enum DocumentDates {
    /// Every date the text writes, in order.
    public static func dates(in text: String) -> [CalendarDate] { dates(in: CaseDocument.compactScalars(text)) }

    static func dates(in c: [Unicode.Scalar]) -> [CalendarDate] {
        var found: [CalendarDate] = []
        var index = 0
        while index + 5 <= c.count {
            let separator = c[index + 4]
            guard separator == "年" || separator == "-" || separator == "." || separator == "/",
                let year = number(c[index..<(index + 4)], figures: true), (1900...2200).contains(year)
            else {
                index += 1
                continue
            }
            let closers: (Unicode.Scalar, Unicode.Scalar?) = separator == "年" ? ("月", "日") : (separator, nil)
            guard let (month, afterMonth) = component(c, from: index + 5, until: closers.0),
                let (day, afterDay) = dayComponent(c, from: afterMonth, closer: closers.1),
                let date = CalendarDate(year: year, month: month, day: day)
            else {
                index += 1
                continue
            }
            found.append(date)
            index = afterDay
        }
        return found
    }

    /// A number of one or two places (or Chinese, up to 三十一) ending at `closer`.
    private static func component(_ c: [Unicode.Scalar], from start: Int, until closer: Unicode.Scalar) -> (Int, Int)? {
        var end = start
        while end < c.count, end - start < 4, c[end] != closer { end += 1 }
        guard end < c.count, c[end] == closer, end > start, let value = number(c[start..<end], figures: false) else { return nil }
        return (value, end + 1)
    }

    /// The day: up to `日`, or (for `2024-03-05`) the one or two digits that follow.
    private static func dayComponent(_ c: [Unicode.Scalar], from start: Int, closer: Unicode.Scalar?) -> (Int, Int)? {
        if let closer { return component(c, from: start, until: closer) }
        var end = start
        while end < c.count, end - start < 2, ("0"..."9").contains(c[end]) { end += 1 }
        guard end > start, let value = number(c[start..<end], figures: true) else { return nil }
        return (value, end)
    }

    /// Digits read place by place (`2024`, `二〇二四`, `03`) or, for months and days, with 十 (`十二`, `二十五`).
    private static func number(_ run: ArraySlice<Unicode.Scalar>, figures: Bool) -> Int? {
        if !figures, let ten = run.firstIndex(of: "十") {
            let before = run[run.startIndex..<ten]
            let after = run[(ten + 1)...]
            guard before.count <= 1, after.count <= 1 else { return nil }
            let tens = before.first.map { ChineseAmounts.digit($0) } ?? 1
            let units = after.first.map { ChineseAmounts.digit($0) } ?? 0
            guard let tens, let units else { return nil }
            return tens * 10 + units
        }
        var value = 0
        for scalar in run {
            guard let d = ChineseAmounts.digit(scalar) else { return nil }
            value = value * 10 + d
        }
        return run.isEmpty ? nil : value
    }
}
