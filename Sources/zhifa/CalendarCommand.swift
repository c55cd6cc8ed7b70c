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
        guard let date = CalendarDate(text) else { throw ValidationError("\(text) is not a date of the form YYYY-MM-DD.") }
        return date
    }

    /// Calendar errors (a year the data lacks) become a sentence on stderr and a non-zero exit.
    static func answer<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as CalendarError { throw CommandFailure(error.description) }
    }

    struct Days: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One line per date: YYYY-MM-DD<TAB>workday|restday<TAB>note.")
        @OptionGroup var options: CalendarOptions
        @Argument var from: String
        @Argument var to: String

        func run() throws {
            let calendar = try options.load()
            let start = try CalendarCommand.date(from), end = try CalendarCommand.date(to)
            for (date, status) in try CalendarCommand.answer({ try calendar.statuses(from: start, through: end) }) {
                print("\(date)\t\(status.isWorkday ? "workday" : "restday")\t\(status.note)")
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the N-th working day after DATE (DATE itself not counted).")
        @OptionGroup var options: CalendarOptions
        @Argument var date: String
        @Argument var n: Int

        func validate() throws {
            guard n >= 0 else { throw ValidationError("N must be 0 or more working days.") }
        }

        func run() throws {
            let calendar = try options.load()
            let start = try CalendarCommand.date(date)
            print(try CalendarCommand.answer { try calendar.addingWorkdays(n, to: start) })
        }
    }

    struct Count: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Count working days after FROM up to and including TO.")
        @OptionGroup var options: CalendarOptions
        @Argument var from: String
        @Argument var to: String

        func run() throws {
            let calendar = try options.load()
            let start = try CalendarCommand.date(from), end = try CalendarCommand.date(to)
            print(try CalendarCommand.answer { try calendar.workdays(from: start, through: end) })
        }
    }
}
