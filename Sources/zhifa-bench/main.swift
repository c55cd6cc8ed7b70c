import Checklists
import Foundation
import WorkCalendar

// Micro-benchmarks that the scale script cannot time from outside. Run in release:
//   swift run -c release zhifa-bench [count]
// A million deadline computations across the calendar's years, each a mix of the three questions
// rules ask: the N-th working day after a date, a calendar-day period's end, and a count between dates.

//   zhifa-bench touch STORE SHARE   changes SHARE (0.01) of a store's cases (Touch.swift)
if CommandLine.arguments.count == 4, CommandLine.arguments[1] == "touch", let share = Double(CommandLine.arguments[3]) {
    do {
        try touchCases(location: CommandLine.arguments[2], share: share)
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(1)
    }
}

//   zhifa-bench read STORE   reads every stored case in the audit's batches, auditing none (Touch.swift)
if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "read" {
    do {
        try readCases(location: CommandLine.arguments[2])
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(1)
    }
}

//   zhifa-bench rules N   each rule's cost per case over N generated cases (RuleCost.swift)
if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "rules", let cases = Int(CommandLine.arguments[2]) {
    do {
        try ruleCosts(cases: cases)
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(1)
    }
}

let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 1_000_000
guard let calendar = try? WorkingDayCalendar.bundled() else {
    FileHandle.standardError.write(Data("Checklists/calendar not found; set ZHIFA_CHECKLISTS\n".utf8))
    exit(1)
}
let first = CalendarDate(year: 2010, month: 1, day: 1)!
let span = Int32(CalendarDate(year: 2026, month: 10, day: 1)!.dayNumber - first.dayNumber)
var checksum = 0
let clock = ContinuousClock()
let elapsed = clock.measure {
    for i in 0..<count {
        let date = CalendarDate(dayNumber: first.dayNumber + Int32(truncatingIfNeeded: (i &* 7919) % Int(span)))
        switch i % 3 {
        case 0: checksum &+= Int((try? calendar.addingWorkdays(1 + i % 20, to: date))?.dayNumber ?? 0)
        case 1: checksum &+= Int((try? calendar.calendarPeriodEnd(30 + i % 60, from: date))?.dayNumber ?? 0)
        default: checksum &+= (try? calendar.workdays(from: date, through: date.adding(days: i % 40))) ?? 0
        }
    }
}
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print(String(format: "calendar: %d deadline computations in %.3f s (%.1f million/s), checksum %d", count, seconds, Double(count) / seconds / 1e6, checksum))
