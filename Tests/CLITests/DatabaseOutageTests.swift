import Foundation
import TestSupport
import Testing

/// PostgreSQL stopped hard under a running command (issue 31): the command ends with a Chinese
/// sentence and exit 1 within seconds, nothing half stored, and the same command succeeds once the
/// server is back. Before, the import, `verify` and `audit` waited for ever.
@Suite(.serialized) struct DatabaseOutageTests {
    /// A command running in the background, its output in files that can be read while it runs.
    final class Running {
        let process = Process()
        let out: URL, err: URL

        init(_ arguments: [String], folder: TemporaryFolder, name: String) throws {
            out = folder.file("\(name).out")
            err = folder.file("\(name).err")
            FileManager.default.createFile(atPath: out.path, contents: nil)
            FileManager.default.createFile(atPath: err.path, contents: nil)
            process.executableURL = Zhifa.binary
            process.arguments = arguments
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = try FileHandle(forWritingTo: err)
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }

        var output: String { (try? String(contentsOf: out, encoding: .utf8)) ?? "" }
        var errors: String { (try? String(contentsOf: err, encoding: .utf8)) ?? "" }

        /// Waits until `condition` holds or `seconds` pass; whether it held.
        func wait(upTo seconds: Double, until condition: () -> Bool) -> Bool {
            let end = Date().addingTimeInterval(seconds)
            while Date() < end {
                if condition() { return true }
                usleep(50_000)
            }
            return condition()
        }

        /// The exit status, or nil when it is still running after `seconds` (it is then killed).
        func exit(within seconds: Double) -> Int32? {
            guard wait(upTo: seconds, until: { !process.isRunning }) else {
                process.terminate()
                return nil
            }
            return process.terminationStatus
        }
    }

    @Test func importAndAuditEndWithASentenceWhenTheServerDiesAndSucceedWhenItIsBack() throws {
        let cluster = try HaltableCluster()
        let folder = try TemporaryFolder()
        let data = folder.file("data").path
        #expect(try Zhifa.run(["generate", "--cases", "30000", "--seed", "31", "--out", data]).status == 0)
        // A store in use (one sample case): into an empty one the files would be one first load,
        // reported when it commits (`FirstLoad`).
        let sample = ["registry.xml", "cases/WH-SJJ-2024-0117.xml"].map { Repository.samples.appendingPathComponent($0).path }
        #expect(try Zhifa.run(["import", "--db", cluster.url] + sample).status == 0)

        // The server stops hard right after the first file of cases is committed, while the third is
        // written (on PostgreSQL the first two are written at once, the third once one of them is).
        let importing = try Running(["import", "--db", cluster.url, data], folder: folder, name: "import")
        let firstCommitted = importing.wait(upTo: 300) { importing.output.contains("已导入 \(data)/cases/") }
        try #require(firstCommitted, "the first file of cases was imported: \(importing.output) \(importing.errors)")
        try cluster.halt()
        let status = importing.exit(within: 30)
        #expect(status == 1, "the import ends instead of waiting for ever: \(importing.errors)")
        #expect(importing.errors.contains("导入中止") && importing.errors.contains("连接"), "\(importing.errors)")
        #expect(!importing.errors.contains("PSQLError") && !importing.errors.contains("Error Domain"))

        // While it is down, every command says so at once.
        for arguments in [["verify"], ["audit", "--format", "summary"], ["cases"]] {
            let down = try Zhifa.run(arguments + ["--db", cluster.url])
            #expect(down.status == 1 && down.err.contains("无法连接 PostgreSQL 数据库"), "\(arguments) \(down.err)")
        }

        // Back up: the committed file is whole, the broken one left nothing, and the import completes.
        try cluster.resume()
        let committed = importing.output.components(separatedBy: "\n").filter { $0.hasPrefix("已导入 \(data)/cases/") }.count
        let cases = try Zhifa.run(["cases", "--db", cluster.url, "--format", "json"])
        let stored = try JSONSerialization.jsonObject(with: Data(cases.out.utf8)) as? [Any]
        // The test cluster runs with synchronous_commit off, so a crash may lose the last commits,
        // but only whole files: never part of one.
        let count = (stored?.count ?? 0) - 1
        #expect(count % 10_000 == 0 && count <= committed * 10_000, "\(count) cases after \(committed) files of 10,000 committed")
        #expect(try Zhifa.run(["verify", "--db", cluster.url]).status == 0)
        let again = try Zhifa.run(["import", "--db", cluster.url, data])
        #expect(again.status == 0, "\(again.err)")
        #expect(try Zhifa.run(["verify", "--db", cluster.url]).status == 0)

        // An audit of the whole store whose server stops under it ends too.
        let auditing = try Running(["audit", "--db", cluster.url, "--fresh", "--format", "summary"], folder: folder, name: "audit")
        usleep(1_500_000)
        try cluster.halt()
        #expect(auditing.exit(within: 30) == 1, "the audit ends instead of waiting for ever: \(auditing.output) \(auditing.errors)")
        #expect(auditing.errors.contains("PostgreSQL"), "\(auditing.errors)")
        try cluster.resume()
        let audited = try Zhifa.run(["audit", "--db", cluster.url, "--format", "summary"])
        #expect(audited.status == 0 && audited.out.contains("案卷数：30001"), "\(audited.out) \(audited.err)")
    }
}
