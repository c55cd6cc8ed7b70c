import ArgumentParser
import CaseStore

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the journal's hash chain and every case against what the journal vouched for.",
        discussion: "Exits with status 1 when the chain is broken or a case was changed outside Zhifa.")

    @OptionGroup var store: StoreOptions

    @Option(
        help: ArgumentHelp(
            "The chain head an earlier verify printed (SEQ:HASH), kept outside the store: detects a journal cut short or rewritten.",
            valueName: "seq:hash"))
    var head: JournalHead?

    func run() throws {
        let report = try store.open().verify(expecting: head)
        if let problem = report.anchorProblem {
            print("链头核对：\(problem)")
        }
        if let broken = report.firstBrokenLink {
            print("日志链在第 \(broken.seq) 条断开：\(broken.reason)")
        }
        for tampered in report.tamperedCases {
            print("案件 \(tampered.id)：\(tampered.reason)")
        }
        print("核对日志 \(report.entriesChecked) 条、案件 \(report.casesChecked) 件：\(report.isIntact ? "完整" : "不完整")")
        print("链头（请保存在库外，下次以 --head 核对）：\(report.head)")
        if !report.isIntact { throw ExitCode(1) }
    }
}
/// `--head SEQ:HASH`, parsed as `JournalHead` parses it.
extension JournalHead: ExpressibleByArgument {}
