import Foundation
import TestSupport
import Testing

/// `--out` of every command that writes a file (issue 31): a folder, a device or a link there is
/// refused and left as it was; a full disk is an error that leaves the destination as it was; an
/// existing regular file is replaced only by a complete output.
@Suite(.serialized) struct OutputTests {
    /// Each command that writes `--out`, with the file name it writes.
    private static let writers: [(name: String, arguments: [String])] = [
        ("annual.xlsx", ["annual", "--year", "2024", "--format", "xlsx"]),
        ("annual.html", ["annual", "--year", "2024", "--format", "html"]),
        ("scorecard.xlsx", ["scorecard", "--year", "2024", "--format", "xlsx"]),
        ("scorecard.json", ["scorecard", "--year", "2024", "--format", "json"]),
        ("violations.xlsx", ["export", "violations", "--as-of", "2025-06-30", "--format", "xlsx"]),
        ("violations.csv", ["export", "violations", "--as-of", "2025-06-30", "--format", "csv"]),
        ("ledger.xlsx", ["export", "ledger"]),
        ("template.xlsx", ["ledger", "template"]),
        ("audit.json", ["audit", "--as-of", "2025-06-30", "--format", "json"]),
        ("form.html", ["form", "WH-HBJ-2024-0018", "--as-of", "2025-06-30"])
    ]

    private func sampleStore(_ folder: TemporaryFolder) throws -> String {
        let db = folder.file("zhifa.sqlite").path
        #expect(try Zhifa.run(["import", "--db", db, Repository.samples.path]).status == 0)
        return db
    }

    private func arguments(_ writer: (name: String, arguments: [String]), db: String, out: String) -> [String] {
        writer.arguments + (writer.arguments.first == "ledger" ? [] : ["--db", db]) + ["--out", out]
    }

    @Test func aFolderALinkOrADeviceAtOutIsRefusedAndLeftAsItWas() throws {
        let folder = try TemporaryFolder()
        let db = try sampleStore(folder)
        let target = try folder.write("target.txt", "keep me")
        for writer in Self.writers {
            let occupied = folder.file("folder-" + writer.name)
            try FileManager.default.createDirectory(at: occupied, withIntermediateDirectories: true)
            try "inside".write(to: occupied.appendingPathComponent("keep.txt"), atomically: true, encoding: .utf8)
            let refused = try Zhifa.run(arguments(writer, db: db, out: occupied.path))
            #expect(refused.status == 1 && refused.err.contains("是一个文件夹，不是普通文件"), "\(writer.arguments) \(refused.err)")
            #expect(try String(contentsOf: occupied.appendingPathComponent("keep.txt"), encoding: .utf8) == "inside", "\(writer.arguments)")

            let link = folder.file("link-" + writer.name)
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
            let linked = try Zhifa.run(arguments(writer, db: db, out: link.path))
            #expect(linked.status == 1 && linked.err.contains("符号链接"), "\(writer.arguments) \(linked.err)")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
            #expect(try String(contentsOf: target, encoding: .utf8) == "keep me")

            let device = try Zhifa.run(arguments(writer, db: db, out: "/dev/null"))
            #expect(device.status == 1 && device.err.contains("设备文件"), "\(writer.arguments) \(device.err)")

            // A regular file is replaced by the whole output, and nothing is left beside it.
            let regular = try folder.write("regular-" + writer.name, "old")
            let written = try Zhifa.run(arguments(writer, db: db, out: regular.path))
            #expect(written.status == 0, "\(writer.arguments) \(written.err)")
            #expect(try Data(contentsOf: regular).count > 1000, "\(writer.arguments)")
        }
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: "/dev/null", isDirectory: &isFolder) && !isFolder.boolValue)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
    }

    /// A full disk, mounted in a mount namespace of the command's own (`unshare`), so
    /// that only the output's folder is full and the store beside it is not.
    @Test func aFullDiskIsAnErrorThatLeavesTheDestinationAsItWas() throws {
        let folder = try TemporaryFolder()
        let db = try sampleStore(folder)
        let full = folder.file("full")
        try FileManager.default.createDirectory(at: full, withIntermediateDirectories: true)
        let probe = try Zhifa.shell("unshare -rm sh -c 'mount -t tmpfs -o size=24k tmpfs \(full.path) && echo mounted'")
        try #require(probe.out == "mounted\n", "this machine lets a test mount a small disk: \(probe.err)")
        for writer in Self.writers {
            let out = full.appendingPathComponent(writer.name).path
            let command = arguments(writer, db: db, out: out).map { "'\($0)'" }.joined(separator: " ")
            // Fill the disk with an old file of the same name and a filler, then write.
            let script = """
                mount -t tmpfs -o size=24k tmpfs \(full.path) && echo old > '\(out)' && \
                (head -c 100000 /dev/zero > \(full.path)/filler 2>/dev/null; true) && \
                '\(Zhifa.binary.path)' \(command); echo "exit $?"; cat '\(out)'; ls -A \(full.path)
                """
            let file = try folder.write("full.sh", script)
            let result = try Zhifa.shell("unshare -rm sh '\(file.path)'")
            let lines = result.out.split(separator: "\n").map(String.init)
            #expect(lines.first == "exit 1", "\(writer.arguments): \(result.out) \(result.err)")
            #expect(result.err.contains("失败：磁盘空间不足；原有文件未被改动"), "\(writer.arguments): \(result.err)")
            #expect(!result.err.contains("Error Domain") && !result.err.contains("unwritable"), "\(result.err)")
            #expect(
                Array(lines.dropFirst()) == ["old"] + [writer.name, "filler"].sorted(),
                "\(writer.arguments): the old file is whole and nothing is left beside it: \(lines)")
        }
    }
}

extension Zhifa {
    /// Runs a shell command line, for tests that need the shell's own tools (`unshare`, `script`).
    static func shell(_ line: String) throws -> Result {
        try run(["-c", line], executable: URL(fileURLWithPath: "/bin/sh"))
    }
}
