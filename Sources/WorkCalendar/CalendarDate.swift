import Foundation

/// A civil date in Beijing time, with no time of day.
///
/// Stored as the number of days since 1970-01-01 so that deadline arithmetic is
/// integer arithmetic; year, month and day are derived on demand.
public struct CalendarDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public let dayNumber: Int32

    public init(dayNumber: Int32) {
        self.dayNumber = dayNumber
    }

    /// Returns nil when the parts do not name a real date (2023-02-29, month 13, …).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            day >= 1, day <= CalendarDate.daysInMonth(year: year, month: month)
        else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        self.dayNumber = Int32(era * 146_097 + doe - 719_468)
    }

    /// Parses exactly `YYYY-MM-DD`; anything else (times, zones, short forms) is nil.
    public init?(_ text: some StringProtocol) {
        guard let day = Array(text.utf8).withUnsafeBufferPointer({ CalendarDate(utf8: $0) }) else { return nil }
        self = day
    }

    /// Parses exactly `YYYY-MM-DD` from UTF-8 bytes, as a store's rows hold them: no `String` made.
    public init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var parts: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = Int(dayNumber) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    public var year: Int { parts.year }
    public var month: Int { parts.month }
    public var day: Int { parts.day }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int {
        let shifted = (Int(dayNumber) + 3) % 7  // 1970-01-01 was a Thursday
        return (shifted < 0 ? shifted + 7 : shifted) + 1
    }

    public var isWeekend: Bool { weekday >= 6 }

    /// The first and last days any date may be: 0001-01-01 and 9999-12-31.
    public static let earliest = CalendarDate(dayNumber: -719_162)
    public static let latest = CalendarDate(dayNumber: 2_932_896)

    /// `days` later (earlier when negative), held within `earliest...latest`: a period of absurd
    /// length from a stored case lands on a day no calendar holds, which the deadline rules answer
    /// as "needs a person", instead of overflowing.
    public func adding(days: Int) -> CalendarDate {
        let (sum, overflow) = Int(dayNumber).addingReportingOverflow(days)
        let bounded = overflow ? (days > 0 ? Int(Self.latest.dayNumber) : Int(Self.earliest.dayNumber)) : sum
        return CalendarDate(dayNumber: Int32(min(max(bounded, Int(Self.earliest.dayNumber)), Int(Self.latest.dayNumber))))
    }

    /// Calendar days from `self` to `other` (positive when `other` is later).
    public func days(to other: CalendarDate) -> Int {
        Int(other.dayNumber) - Int(dayNumber)
    }

    public var description: String {
        let (y, m, d) = parts
        guard (0...9999).contains(y) else {
            return String(y).leftPadded(4) + "-" + String(m).leftPadded(2) + "-" + String(d).leftPadded(2)
        }
        // Ten ASCII bytes written in place: an audit writes a date into most messages and every
        // finding's JSON, and five intermediate strings a date cost more than the rule's work.
        return String(unsafeUninitializedCapacity: 10) { bytes in
            bytes[0] = UInt8(ascii: "0") + UInt8(y / 1000)
            bytes[1] = UInt8(ascii: "0") + UInt8(y / 100 % 10)
            bytes[2] = UInt8(ascii: "0") + UInt8(y / 10 % 10)
            bytes[3] = UInt8(ascii: "0") + UInt8(y % 10)
            bytes[4] = UInt8(ascii: "-")
            bytes[5] = UInt8(ascii: "0") + UInt8(m / 10)
            bytes[6] = UInt8(ascii: "0") + UInt8(m % 10)
            bytes[7] = UInt8(ascii: "-")
            bytes[8] = UInt8(ascii: "0") + UInt8(d / 10)
            bytes[9] = UInt8(ascii: "0") + UInt8(d % 10)
            return 10
        }
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool { lhs.dayNumber < rhs.dayNumber }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a YYYY-MM-DD date: \(text)")
        }
        self = date
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

extension CalendarDate {
    /// Today in Beijing (UTC+8, no daylight saving), whatever the machine's time zone. Read through
    /// `Today`, the one clock that a test can set, never directly.
    static func todayInBeijing() -> CalendarDate {
        let seconds = Int(Date().timeIntervalSince1970) + 8 * 3600
        return CalendarDate(dayNumber: Int32(seconds / 86_400))
    }
}

extension CalendarDate {
    /// Spreadsheets (Excel, WPS, LibreOffice) count date cells in days from 1899-12-30, this type
    /// from 1970-01-01: the one offset between them, for reading ledgers and writing workbooks.
    public static let spreadsheetSerialOffset = 25_569

    /// The date as a spreadsheet's date cell holds it.
    public var spreadsheetSerial: Int { Int(dayNumber) + Self.spreadsheetSerialOffset }

    /// The years that reports, scorecards and annual figures may be asked for.
    public static let reportingYears = 2000...2100
}
