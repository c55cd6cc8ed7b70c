import ArgumentParser
import CaseStore

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the journal's hash chain and every case against what the journal vouched for.",
        discussion: "Exits with status 1 when the chain is broken or a case was changed outside Zhifa.")

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The chain head an earlier verify printed (SEQ:HASH), kept outside the store: detects a journal cut short or rewritten.",
                               valueName: "seq:hash"))
    var head: JournalHead?

    func run() throws {
        let report = try store.open().verify(expecting: head)
        if let problem = report.anchorProblem {
            print("journal anchor: \(problem)")
        }
        if let broken = report.firstBrokenLink {
            print("journal broken at entry \(broken.seq): \(broken.reason)")
        }
        for tampered in report.tamperedCases {
            print("case \(tampered.id): \(tampered.reason)")
        }
        print("\(report.entriesChecked) journal entries, \(report.casesChecked) cases checked: \(report.isIntact ? "intact" : "NOT intact")")
        print("链头（请保存在库外，下次以 --head 核对）：\(report.head)")
        if !report.isIntact { throw ExitCode(1) }
    }
}
/// `--head SEQ:HASH`, parsed as `JournalHead` parses it.
extension JournalHead: ExpressibleByArgument {}
