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

    /// Every setting from its flag, else `ZHIFA_…`, else the `--config` file, else its default, and
    /// `--print-config` says which, with no secret in it.
    @Test func serveSettingsComeFromTheFlagThenTheEnvironmentThenTheFile() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write(
            "zhifa.json", #"{"port": 9090, "host": "10.0.0.5", "log": {"level": "debug"}, "metrics": {"token": "file-token-xyz"}}"#)
        let printed = try Zhifa.run(
            ["serve", "--config", file.path, "--port", "7070", "--print-config"],
            environment: ["ZHIFA_HOST": "0.0.0.0", "ZHIFA_DB": "postgres://u:pw-in-url@db.example/zhifa"])
        #expect(printed.status == 0, "\(printed.err)")
        var lines: [String: (value: String, source: String)] = [:]
        for line in printed.out.split(separator: "\n") {
            let parts = line.split(separator: "←").map { $0.trimmingCharacters(in: .whitespaces) }
            let fields = parts[0].split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            lines[fields[0]] = (fields.count > 1 ? fields[1] : "", parts.count > 1 ? parts[1] : "")
        }
        #expect(lines["port"]?.value == "7070" && lines["port"]?.source == "参数 --port")
        #expect(lines["host"]?.value == "0.0.0.0" && lines["host"]?.source == "环境变量 ZHIFA_HOST")
        #expect(lines["log.level"]?.value == "debug" && lines["log.level"]?.source == "配置文件 \(file.path)")
        #expect(lines["checklist"]?.value == "national" && lines["checklist"]?.source == "默认")
        #expect(lines["db"]?.value == "postgres://u@db.example:5432/zhifa")
        #expect(lines["metrics.token"]?.value == "（已设置，不显示）")
        #expect(!printed.out.contains("pw-in-url") && !printed.out.contains("file-token-xyz"))
        // A wrong value is named with where it came from.
        let wrong = try Zhifa.run(["serve", "--print-config"], environment: ["ZHIFA_PORT": "http"])
        #expect(wrong.status != 0 && wrong.err.contains("port http（环境变量 ZHIFA_PORT）不是 TCP 端口"), "\(wrong.err)")
        let broken = try Zhifa.run(["serve", "--config", try folder.write("broken.json", "{port").path, "--print-config"])
        #expect(broken.status != 0 && broken.err.contains("不是有效的 JSON 配置文件"))
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
