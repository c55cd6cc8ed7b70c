import ArgumentParser
import Checklists
import WorkCalendar

struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Working days from the State Council's holiday notices (Checklists/calendar).",
        subcommands: [Days.self, Add.self, Count.self])

    struct CalendarOptions: ParsableArguments {
        @Option(help: ArgumentHelp("A folder of holiday data files instead of the bundled Checklists/calendar.", valueName: "folder"))
        var calendar: String?

        func load() throws -> WorkingDayCalendar {
            do {
                if let calendar { return try WorkingDayCalendar.load(directory: .init(fileURLWithPath: calendar)) }
                return try WorkingDayCalendar.bundled()
            } catch {
                throw CommandFailure("\(error)")
            }
        }
    }

    static func date(_ text: String) throws -> CalendarDate {
        guard let date = CalendarDate(text) else { throw ValidationError("\(text) 不是有效日期，应写作 YYYY-MM-DD，如 2024-10-08。") }
        return date
    }

    /// The N of `calendar add`: one whole number of working days, 0 to 3,660 (ten years, which no
    /// statutory period approaches and which keeps the walk over the calendar short).
    static func workdayCount(_ words: [String]) throws -> Int {
        guard let text = words.first else { throw ValidationError("缺少工作日数 N：请写作 zhifa calendar add 2024-10-08 7。") }
        guard words.count == 1 else { throw ValidationError("只能给一个工作日数，多出了：\(words.dropFirst().joined(separator: " "))。") }
        guard let n = Int(text) else { throw ValidationError("工作日数 \(text) 不是整数。") }
        guard n >= 0 else { throw ValidationError("工作日数 \(n) 为负数：calendar add 只向后数，应为 0 或更多。") }
        guard n <= 3_660 else { throw ValidationError("工作日数 \(n) 过大：最多 3660 个工作日。") }
        return n
    }

    /// Calendar errors (a year the data lacks) become a sentence on stderr and a non-zero exit.
    static func answer<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as CalendarError { throw CommandFailure(error.description) }
    }

    struct Days: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One line per date: YYYY-MM-DD<TAB>工作日|休息日<TAB>note (春节, 调休上班, 周末).")
        @OptionGroup var options: CalendarOptions
        @Argument(help: ArgumentHelp("The first day listed.", valueName: "from"))
        var from: String
        @Argument(help: ArgumentHelp("The last day listed.", valueName: "to"))
        var to: String

        func run() throws {
            let calendar = try options.load()
            let start = try CalendarCommand.date(from)
            let end = try CalendarCommand.date(to)
            for (date, status) in try CalendarCommand.answer({ try calendar.statuses(from: start, through: end) }) {
                print("\(date)\t\(status.isWorkday ? "工作日" : "休息日")\t\(status.note)")
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the N-th working day after DATE (DATE itself not counted).")
        @OptionGroup var options: CalendarOptions
        @Argument(help: ArgumentHelp("The day counting starts from.", valueName: "date"))
        var date: String
        /// Taken as words rather than an `Int`: the parser reads `-3` as an option and would answer
        /// "Missing expected argument", where a clerk needs to hear that N cannot be negative.
        @Argument(parsing: .allUnrecognized, help: ArgumentHelp("How many working days to add (0 or more).", valueName: "n"))
        var count: [String] = []

        func validate() throws {
            _ = try CalendarCommand.workdayCount(count)
        }

        func run() throws {
            let calendar = try options.load()
            let start = try CalendarCommand.date(date)
            let n = try CalendarCommand.workdayCount(count)
            print(try CalendarCommand.answer { try calendar.addingWorkdays(n, to: start) })
        }
    }

    struct Count: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Count working days after FROM up to and including TO.")
        @OptionGroup var options: CalendarOptions
        @Argument(help: ArgumentHelp("Counting starts the day after this one.", valueName: "from"))
        var from: String
        @Argument(help: ArgumentHelp("The last day counted.", valueName: "to"))
        var to: String

        func run() throws {
            let calendar = try options.load()
            let start = try CalendarCommand.date(from)
            let end = try CalendarCommand.date(to)
            print(try CalendarCommand.answer { try calendar.workdays(from: start, through: end) })
        }
    }
}
