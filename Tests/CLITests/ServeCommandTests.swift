import Foundation
import TestSupport
import Testing

/// `zhifa user add` and `zhifa serve` as an operator runs them.
@Suite(.serialized) struct ServeCommandTests {
    @Test func userAddTakesThePasswordOnlyFromStandardInput() throws {
        let folder = try TemporaryFolder()
        let db = folder.file("store.sqlite").path
        #expect(try Zhifa.run(["import", "--db", db, Repository.samples.appendingPathComponent("registry.xml").path]).status == 0)
        let noFlag = try Zhifa.run(["user", "add", "王某", "--role", "admin", "--db", db])
        #expect(noFlag.status != 0 && noFlag.err.contains("--password-stdin"))
        let noAgency = try Zhifa.run(["user", "add", "王某", "--role", "clerk", "--password-stdin", "--db", db], input: "long enough password\n")
        #expect(noAgency.status != 0 && noAgency.err.contains("--agency"))
        let short = try Zhifa.run(["user", "add", "王某", "--role", "admin", "--password-stdin", "--db", db], input: "short\n")
        #expect(short.status != 0 && short.err.contains("至少 10 个字符"))
        let unknownAgency = try Zhifa.run(
            ["user", "add", "王某", "--role", "clerk", "--agency", "XX", "--password-stdin", "--db", db],
            input: "long enough password\n")
        #expect(unknownAgency.status != 0 && unknownAgency.err.contains("名录中没有执法主体 XX"))
        let added = try Zhifa.run(
            ["user", "add", "王某", "--role", "clerk", "--agency", "WH-SJJ", "--password-stdin", "--db", db],
            input: "long enough password\n")
        #expect(added.status == 0 && added.out == "已添加用户 王某（办案人员，WH-SJJ）\n")
        let again = try Zhifa.run(["user", "add", "王某", "--role", "admin", "--password-stdin", "--db", db], input: "long enough password\n")
        #expect(again.status != 0 && again.err.contains("已被使用"))
        let listed = try Zhifa.run(["user", "list", "--db", db])
        #expect(listed.out.hasPrefix("王某\tclerk\tWH-SJJ\t"))
        // The hash is bcrypt's, never the password.
        let stored = try String(contentsOfFile: db, encoding: .isoLatin1)
        #expect(!stored.contains("long enough password"))

        let removed = try Zhifa.run(["user", "remove", "王某", "--db", db])
        #expect(removed.status == 0 && removed.out == "已删除用户 王某，其登录已全部失效\n")
        #expect(try Zhifa.run(["user", "list", "--db", db]).out.isEmpty)
        let unknown = try Zhifa.run(["user", "remove", "王某", "--db", db])
        #expect(unknown.status != 0 && unknown.err.contains("没有用户 王某"))
        #expect(try Zhifa.run(["verify", "--db", db]).status == 0, "the removal is journaled in the chain")
    }

    @Test(.timeLimit(.minutes(1)))
    func serveAnswersAndStopsCleanlyOnSIGTERM() async throws {
        let folder = try TemporaryFolder()
        let db = folder.file("store.sqlite").path
        #expect(try Zhifa.run(["import", "--db", db, Repository.samples.path]).status == 0)
        let log = folder.file("serve.log")
        try Data().write(to: log)
        let output = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = Zhifa.binary
        process.arguments = ["serve", "--db", db, "--port", "0"]
        process.standardOutput = output
        process.standardError = output
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        var port: String?
        for _ in 0..<200 where port == nil {
            try await Task.sleep(for: .milliseconds(100))
            let text = try String(contentsOf: log, encoding: .utf8)
            port = text.firstMatch(of: /listening on [^:\s]+:(\d+)/).map { String($0.1) }
        }
        let started = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        let listening = try #require(port, "no 'listening' line in: \(started)")
        let page = try Self.fetch("http://127.0.0.1:\(listening)/login")
        #expect(page.contains("<title>登录 · 执法案卷系统</title>"))
        kill(process.processIdentifier, SIGTERM)
        for _ in 0..<100 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!process.isRunning)
        #expect(process.terminationStatus == 0)
        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(text.contains("serving"))
        #expect(text.contains("stopped"))
        #expect(text.contains("no accounts yet"))
    }

    /// One GET through curl, which scripts/install-prerequisites installs.
    static func fetch(_ url: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-s", "--max-time", "10", url]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
