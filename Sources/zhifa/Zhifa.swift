import ArgumentParser
import Checklists
import WorkCalendar

@main
struct Zhifa: AsyncParsableCommand {
    /// This program's version; `zhifa --version` prints it with the last year its calendar knows.
    static let version = "0.4.0"

    /// What `zhifa --version` prints. Not the configuration's `version`: that is built before every
    /// command, and this loads the calendar, which only `--version` needs (`main`).
    static var versionLine: String {
        "zhifa \(version)；工作日历至 \((try? WorkingDayCalendar.bundled().lastYear).map(String.init) ?? "？") 年"
    }

    static let configuration = CommandConfiguration(
        commandName: "zhifa",
        abstract: "执法：保管行政执法案卷，并对照法律规定评查。",
        version: "zhifa \(version)",
        subcommands: [
            ImportCommand.self, CasesCommand.self, CaseCommand.self, AuditCommand.self, ReviewCommand.self, SignCommand.self, CheckCommand.self,
            FindingCommand.self,
            CampaignCommand.self,
            ExportCommand.self, ScorecardCommand.self, DueCommand.self, OfficersCommand.self, GenerateCommand.self,
            FormCommand.self, AnnualCommand.self, LedgerCommand.self, VerifyCommand.self, StoreCommand.self, RunsCommand.self, RulesCommand.self,
            CalendarCommand.self,
            ServeCommand.self, UserCommand.self
        ]
    )
}
