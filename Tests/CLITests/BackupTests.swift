import Foundation
import TestSupport
import Testing

/// `zhifa store backup` while another process writes, and `zhifa store restore` from it.
@Suite struct BackupTests {
    @Test func aBackupTakenWhileOthersWriteRestoresToAStoreWhoseHeadVerifies() throws {
        let folder = try TemporaryFolder()
        let db = folder.file("live.sqlite").path
        #expect(try Zhifa.run(["import", Repository.samples.path, "--db", db]).status == 0)
        // A writer in another process adds accounts (each journaled) before, during and after the backup.
        let writing = DispatchGroup()
        let written = Counter()
        DispatchQueue.global().async(group: writing) {
            for index in 0..<12 {
                let added = try? Zhifa.run(
                    ["user", "add", "评查员\(index)", "--role", "reviewer", "--password-stdin", "--db", db], input: "long enough password\n")
                if added?.status == 0 { written.add() }
            }
        }
        Thread.sleep(forTimeInterval: 0.3)
        let backupFile = folder.file("nightly.sqlite").path
        let backup = try Zhifa.run(["store", "backup", "--to", backupFile, "--db", db])
        #expect(backup.status == 0, "\(backup.err)")
        writing.wait()
        #expect(written.value == 12, "the writer was never held up for long")
        let head = try #require(backup.out.range(of: #"\d+:[0-9a-f]{64}"#, options: .regularExpression).map { String(backup.out[$0]) })
        #expect(backup.out.contains("案件 \(Repository.sampleCaseCount) 件"), "\(backup.out)")
        // Only the backup is left in the folder: nothing beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.contains("nightly") } == ["nightly.sqlite"])

        let restored = folder.file("restored.sqlite").path
        let backupBytes = try Data(contentsOf: URL(fileURLWithPath: backupFile))
        let restore = try Zhifa.run(["store", "restore", "--from", backupFile, "--db", restored])
        #expect(restore.status == 0, "\(restore.err)")
        let verify = try Zhifa.run(["verify", "--head", head, "--db", restored])
        #expect(verify.status == 0 && !verify.out.contains("链头核对"), "\(verify.out)\(verify.err)")
        // A restore only reads the backup.
        #expect(try Data(contentsOf: URL(fileURLWithPath: backupFile)) == backupBytes)
        // The live store went on: its head is past the backup's, and the backup's head holds on it too.
        #expect(try Zhifa.run(["verify", "--head", head, "--db", db]).status == 0)

        // A restore never writes over a store; a backup never over a folder.
        let again = try Zhifa.run(["store", "restore", "--from", backupFile, "--db", restored])
        #expect(again.status != 0 && again.err.contains("已存在"), "\(again.err)")
        let intoFolder = try Zhifa.run(["store", "backup", "--to", folder.url.path, "--db", db])
        #expect(intoFolder.status != 0 && FileManager.default.fileExists(atPath: folder.url.path))
    }

    @Test func aBackupRestoresIntoAnEmptyPostgreSQLDatabase() throws {
        let folder = try TemporaryFolder()
        let db = folder.file("live.sqlite").path
        #expect(try Zhifa.run(["import", Repository.samples.path, "--db", db]).status == 0)
        let backupFile = folder.file("nightly.sqlite").path
        let backup = try Zhifa.run(["store", "backup", "--to", backupFile, "--db", db])
        let head = try #require(backup.out.range(of: #"\d+:[0-9a-f]{64}"#, options: .regularExpression).map { String(backup.out[$0]) })
        let postgres = try ThrowawayPostgres.newDatabase()
        let restore = try Zhifa.run(["store", "restore", "--from", backupFile, "--db", postgres])
        #expect(restore.status == 0 && restore.out.contains("案件 \(Repository.sampleCaseCount) 件"), "\(restore.out)\(restore.err)")
        #expect(try Zhifa.run(["verify", "--head", head, "--db", postgres]).status == 0)
        // Nothing is left in the temporary folder by the working copy.
        let left = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path).filter { $0.hasPrefix("zhifa-restore-") }
        #expect(left.isEmpty, "\(left)")
    }
}

/// A count shared between threads.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func add() {
        lock.lock()
        count += 1
        lock.unlock()
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
