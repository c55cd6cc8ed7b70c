import Foundation
import TestSupport
import Testing

/// The binary carries its checklists, calendar, schemas and templates: copied alone into an
/// empty folder and run from another, it imports and audits with no environment set.
@Suite struct StandaloneTests {
    @Test func theBinaryCopiedAloneImportsAndAudits() throws {
        let folder = try TemporaryFolder()
        let bin = folder.url.appendingPathComponent("bin")
        let work = folder.url.appendingPathComponent("work")
        for made in [bin, work] { try FileManager.default.createDirectory(at: made, withIntermediateDirectories: true) }
        let alone = bin.appendingPathComponent("zhifa")
        // Linked, not copied, where the file system allows: a copy written by this process could be
        // held open by a child another test forks meanwhile, and then would not execute (ETXTBSY).
        do {
            try FileManager.default.linkItem(at: Zhifa.binary, to: alone)
        } catch {
            let copy = Process()
            copy.executableURL = URL(fileURLWithPath: "/bin/cp")
            copy.arguments = [Zhifa.binary.path, alone.path]
            try copy.run()
            copy.waitUntilExit()
            #expect(copy.terminationStatus == 0)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: bin.path) == ["zhifa"])
        // An empty ZHIFA_CHECKLISTS is no folder: nothing but the binary is there to find.
        let quiet = ["ZHIFA_CHECKLISTS": ""]
        let imported = try Zhifa.run(["import", Repository.samples.path], in: work, environment: quiet, executable: alone)
        #expect(imported.status == 0, "\(imported.err)")
        let audit = try Zhifa.run(["audit", "--as-of", "2026-11-22", "--format", "summary"], in: work, environment: quiet, executable: alone)
        #expect(audit.status == 0 && audit.out.contains("\(Repository.sampleCaseCount)件"), "\(audit.out)\(audit.err)")
        #expect(audit.out.contains("（national）"))
        let version = try Zhifa.run(["--version"], in: work, environment: quiet, executable: alone)
        #expect(version.out.hasPrefix("zhifa ") && version.out.contains("工作日历至 20"), "\(version.out)")
        // An operator's own folder still decides: one without the checklist asked for is an error.
        let own = folder.url.appendingPathComponent("own/calendar")
        try FileManager.default.createDirectory(at: own, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Repository.checklists.appendingPathComponent("calendar/cn-holidays.txt"), to: own.appendingPathComponent("cn-holidays.txt"))
        let missing = try Zhifa.run(
            ["audit", "--checklist", "provincial"], in: work, environment: ["ZHIFA_CHECKLISTS": own.deletingLastPathComponent().path],
            executable: alone)
        #expect(missing.status != 0 && missing.err.contains("没有评查表 provincial"), "\(missing.err)")
    }
}
