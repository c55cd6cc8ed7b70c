import ArgumentParser
import CaseStore

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the journal's hash chain and every case against what the journal vouched for.",
        discussion: "Exits with status 1 when the chain is broken or a case was changed outside Zhifa.")

    @OptionGroup var store: StoreOptions

    func run() throws {
        let report = try store.open().verify()
        if let broken = report.firstBrokenLink {
            print("journal broken at entry \(broken.seq): \(broken.reason)")
        }
        for tampered in report.tamperedCases {
            print("case \(tampered.id): \(tampered.reason)")
        }
        print("\(report.entriesChecked) journal entries, \(report.casesChecked) cases checked: \(report.isIntact ? "intact" : "NOT intact")")
        if !report.isIntact { throw ExitCode(1) }
    }
}
