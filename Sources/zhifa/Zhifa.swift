import ArgumentParser

@main
struct Zhifa: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zhifa",
        abstract: "执法 — keeps administrative law-enforcement case files and checks them against the law.",
        subcommands: [
            ImportCommand.self, CasesCommand.self, CaseCommand.self, AuditCommand.self, ReviewCommand.self,
            ExportCommand.self, ScorecardCommand.self, DueCommand.self, GenerateCommand.self,
            FormCommand.self, AnnualCommand.self, LedgerCommand.self, VerifyCommand.self, StoreCommand.self, RulesCommand.self, CalendarCommand.self,
            ServeCommand.self, UserCommand.self
        ]
    )
}
