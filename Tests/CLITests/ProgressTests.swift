import Foundation
import TestSupport
import Testing

/// Progress bars on standard error when it is a terminal (issue 32); nothing extra in a pipe or
/// with `--quiet`, so that scripts read what they always read.
@Suite(.serialized) struct ProgressTests {
    @Test func aTerminalSeesABarAPipeAndQuietDoNot() throws {
        let folder = try TemporaryFolder()
        let db = folder.file("zhifa.sqlite").path
        let quote = { (text: String) in "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        // `script` runs the command on a pseudo-terminal of its own.
        func onTerminal(_ arguments: [String]) throws -> String {
            let line = ([Zhifa.binary.path] + arguments).map(quote).joined(separator: " ")
            return try Zhifa.shell("script -qec \(quote(line)) /dev/null").out
        }
        let imported = try onTerminal(["import", "--db", db, Repository.samples.path])
        #expect(imported.contains("\r导入 ") && imported.contains("个文件"), "\(imported.prefix(400))")
        let audited = try onTerminal(["audit", "--db", db, "--fresh", "--format", "summary"])
        #expect(audited.contains("\r评查 ") && audited.contains("\(Repository.sampleCaseCount)/\(Repository.sampleCaseCount) 件（100%）"), "\(audited.prefix(400))")
        #expect(audited.contains("案卷数：\(Repository.sampleCaseCount)"))

        let quiet = try onTerminal(["audit", "--db", db, "--fresh", "--format", "summary", "--quiet"])
        #expect(!quiet.contains("\r") || !quiet.contains("评查 █"), "\(quiet.prefix(400))")
        #expect(!quiet.contains("░") && quiet.contains("案卷数：\(Repository.sampleCaseCount)"))
        let piped = try Zhifa.run(["audit", "--db", db, "--fresh", "--format", "summary"])
        #expect(piped.status == 0 && !piped.err.contains("░") && !piped.out.contains("░"))
    }

    /// Today comes from one clock, which `$ZHIFA_TODAY` sets for the command line (and tests).
    @Test func todayIsWhatTheClockSays() throws {
        let folder = try TemporaryFolder()
        let db = folder.file("zhifa.sqlite").path
        #expect(try Zhifa.run(["import", "--db", db, Repository.samples.path]).status == 0)
        let set = try Zhifa.run(["audit", "--db", db, "--format", "summary"], environment: ["ZHIFA_TODAY": "2025-03-03"])
        #expect(set.out.contains("评查基准日：2025-03-03"), "\(set.out)")
        let bad = try Zhifa.run(["audit", "--db", db, "--format", "summary"], environment: ["ZHIFA_TODAY": "2025-02-30"])
        #expect(bad.status == 1 && bad.err.contains("ZHIFA_TODAY“2025-02-30”不是"), "\(bad.err)")
    }
}
