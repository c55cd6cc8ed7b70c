import ArgumentParser
import Audit
import AuditRuns
import CaseModel
import Foundation
import Reports

struct OfficersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "officers",
        abstract: "Per agency: certified share of officers (持证率), training hours, certificates about to end, uncertified acts, auxiliaries acting alone.",
        discussion: """
            Training hours are held against the checklist's training.hours (default 60 a year), and a \
            certificate is warned of within its certificate.warning.days (default 30) of its end, \
            renewals counted.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var options: AuditOptions

    @Option(help: ArgumentHelp("The year whose training hours count (default: the as-of day's).", valueName: "YYYY"))
    var year: Int?

    @Option(help: ArgumentHelp("Only this agency.", valueName: "code"))
    var agency: String?

    @Option(help: "How to list them.")
    var format: WarningFormat = .text

    func validate() throws {
        if let year, !CalendarDate.reportingYears.contains(year) {
            throw ValidationError("--year \(year) 超出范围，应在 \(CalendarDate.reportingYears.lowerBound) 至 \(CalendarDate.reportingYears.upperBound) 之间。")
        }
    }

    func run() throws {
        let caseStore = try store.open()
        let runner = try options.runner(store: caseStore)
        let asOf = try options.date()
        let parameters: AuditParameters
        do { parameters = try AuditParameters(runner.checklist.parameters) } catch let invalid as AuditParameters.Invalid {
            throw CommandFailure(invalid.message)
        }
        if let agency, try !caseStore.registry().agencies.contains(where: { $0.code == agency }) {
            throw CommandFailure("名录中没有代码为 \(agency) 的执法主体。")
        }
        let review = try OfficerReview.make(store: caseStore, parameters: parameters, asOf: asOf, year: year ?? asOf.year, agency: agency)
        print(format == .json ? try JSONOutput.string(review) : OfficerReport.text(review))
    }
}
