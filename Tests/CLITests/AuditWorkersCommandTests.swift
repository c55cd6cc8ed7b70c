import Foundation
import TestSupport
import Testing

/// `zhifa audit --workers N` runs real worker processes (`--join`) on one store; their run is the
/// one a single process makes.
@Suite struct AuditWorkersCommandTests {
    @Test func threeProcessesWriteTheReportOneWrites() throws {
        let folder = try TemporaryFolder()
        let db = folder.file("store.sqlite").path
        #expect(try Zhifa.run(["import", "--db", db, Repository.samples.path]).status == 0)
        let shared = try Zhifa.run([
            "audit", "--db", db, "--as-of", "2026-11-22", "--workers", "3", "--format", "json", "--out", folder.file("shared.json").path
        ])
        #expect(shared.status == 0, "\(shared.err)")
        let single = try Zhifa.run(["audit", "--db", db, "--as-of", "2026-11-22", "--fresh", "--format", "json", "--out", folder.file("single.json").path])
        #expect(single.status == 0)
        func body(_ name: String) throws -> String {
            try String(contentsOf: folder.file(name), encoding: .utf8).replacing(/"run":[0-9]+/, with: "")
        }
        #expect(try body("shared.json") == body("single.json"))
        #expect(try body("shared.json").contains("WH-SJJ-2024-0204"))
        #expect(try Zhifa.run(["verify", "--db", db]).status == 0)
    }

    @Test func joinNamesWhatItCannotJoin() throws {
        let folder = try TemporaryFolder()
        let db = folder.file("store.sqlite").path
        #expect(try Zhifa.run(["import", "--db", db, Repository.samples.path]).status == 0)
        let unknown = try Zhifa.run(["audit", "--db", db, "--join", "999"])
        #expect(unknown.status != 0 && unknown.err.contains("没有第 999 次评查"))
        #expect(try Zhifa.run(["audit", "--db", db, "--as-of", "2026-11-22", "--out", folder.file("a.txt").path]).status == 0)
        let single = try Zhifa.run(["audit", "--db", db, "--join", "1"])
        #expect(single.status != 0 && single.err.contains("不是多进程共同完成的评查"))
        let mixed = try Zhifa.run(["audit", "--db", db, "--join", "1", "--agency", "WH-SJJ"])
        #expect(mixed.status != 0 && mixed.err.contains("--join 只参与已发起的评查"))
        let many = try Zhifa.run(["audit", "--db", db, "--workers", "65"])
        #expect(many.status != 0 && many.err.contains("1 到 64"))
    }
}
