import Foundation
import TestSupport
import Testing

/// Every command on a PostgreSQL store through `--db postgres://…`: the same answers as on a
/// file, the password taken from where libpq takes it and never printed.
@Suite struct PostgresCommandTests {
    private static let password = "s3cret-pg"

    /// A new database's URL without its password, and the URL with it.
    private func database() throws -> (bare: String, full: String) {
        let full = try ThrowawayPostgres.newDatabase()
        return (full.replacingOccurrences(of: ":\(Self.password)@", with: "@"), full)
    }

    private func withoutRunNumbers(_ json: String) -> String {
        json.replacingOccurrences(of: #""run":\d+"#, with: "\"run\":N", options: .regularExpression)
    }

    @Test func theCommandsGiveTheSameAnswersOnPostgreSQLAsOnAFile() throws {
        let folder = try TemporaryFolder()
        let file = folder.file("s.sqlite").path
        let server = try database()
        let password = ["PGPASSWORD": Self.password]
        let imported = try Zhifa.run(["import", "--db", server.bare, Repository.samples.path], environment: password)
        #expect(imported.status == 0, "\(imported.err)")
        #expect(imported.out.contains("新增 \(Repository.sampleCaseCount) 件"))
        #expect(try Zhifa.run(["import", "--db", file, Repository.samples.path]).status == 0)

        let onServer = try Zhifa.run(["audit", "--db", server.bare, "--as-of", "2024-12-31", "--format", "json", "--all"], environment: password)
        let onFile = try Zhifa.run(["audit", "--db", file, "--as-of", "2024-12-31", "--format", "json", "--all"])
        #expect(onServer.status == 0 && !onServer.out.isEmpty, "\(onServer.err)")
        #expect(withoutRunNumbers(onServer.out) == withoutRunNumbers(onFile.out))
        // The totals, counted by the server, are the file's.
        let totalsOnServer = try Zhifa.run(["audit", "--db", server.bare, "--as-of", "2024-12-31", "--format", "summary"], environment: password)
        let totalsOnFile = try Zhifa.run(["audit", "--db", file, "--as-of", "2024-12-31", "--format", "summary"])
        #expect(totalsOnServer.status == 0 && totalsOnServer.out.contains("汇总：\(Repository.sampleCaseCount)件"), "\(totalsOnServer.err)")
        #expect(totalsOnServer.out == totalsOnFile.out)
        let listOnServer = try Zhifa.run(["cases", "--db", server.full, "--format", "json"])
        #expect(listOnServer.out == (try Zhifa.run(["cases", "--db", file, "--format", "json"])).out)

        // The whole store to a new file and back to a new database: verify passes on each with the same head.
        let verified = try Zhifa.run(["verify", "--db", server.full])
        #expect(verified.status == 0)
        let head = try #require(verified.out.split(separator: "\n").last.flatMap { $0.split(separator: "：").last }.map(String.init))
        let copy = folder.file("copy.sqlite").path
        let copied = try Zhifa.run(["store", "copy", "--from", server.full, "--to", copy])
        #expect(copied.status == 0, "\(copied.err)")
        #expect(try Zhifa.run(["verify", "--db", copy, "--head", head]).status == 0)
        let back = try database()
        #expect(try Zhifa.run(["store", "copy", "--from", copy, "--to", back.full]).status == 0)
        #expect(try Zhifa.run(["verify", "--db", back.full, "--head", head]).status == 0)
        let again = try Zhifa.run(["store", "copy", "--from", copy, "--to", back.full])
        #expect(again.status != 0 && again.err.contains("不是空库"))

        // The password is never printed, whatever the command says.
        for result in [imported, onServer, listOnServer, verified, copied, again] {
            #expect(!(result.out + result.err).contains(Self.password))
        }
    }

    @Test func thePasswordComesFromAPasswordFileOnlyWhenOthersCannotReadIt() throws {
        let folder = try TemporaryFolder()
        let server = try database()
        let port = String(try ThrowawayPostgres.shared.get().port)
        let passfile = try folder.write("pgpass", "# host:port:database:user:password\n127.0.0.1:\(port):*:zhifa:\(Self.password)\n")
        chmod(passfile.path, 0o600)
        let environment = ["PGPASSFILE": passfile.path]
        let imported = try Zhifa.run(
            ["import", "--db", server.bare, Repository.samples.appendingPathComponent("registry.xml").path],
            environment: environment)
        #expect(imported.status == 0, "\(imported.err)")
        chmod(passfile.path, 0o644)
        let refused = try Zhifa.run(["verify", "--db", server.bare], environment: environment)
        #expect(refused.status != 0)
        #expect(refused.err.contains("无法打开库 postgres://zhifa@127.0.0.1:\(port)/"), "\(refused.err)")
        #expect(!refused.err.contains(Self.password))
    }

    @Test func aMalformedAddressIsNamedNotTried() throws {
        let missingUser = try Zhifa.run(["verify", "--db", "postgres://127.0.0.1:5432/zhifa"])
        #expect(missingUser.status != 0 && missingUser.err.contains("缺少用户名"))
        let missingDatabase = try Zhifa.run(["verify", "--db", "postgres://zhifa@127.0.0.1:5432/"])
        #expect(missingDatabase.status != 0 && missingDatabase.err.contains("缺少数据库名"))
        // A refused connection names the server (without a password) and does not hang.
        let closed = try Zhifa.run(["verify", "--db", "postgres://zhifa:secret@127.0.0.1:1/zhifa"])
        #expect(closed.status != 0 && closed.err.contains("postgres://zhifa@127.0.0.1:1/zhifa") && !closed.err.contains("secret"))
    }

    @Test func readDBSendsReadsToAReplicaAndNeedsPostgreSQL() throws {
        let server = try database()
        let replica = try ThrowawayPostgres.replicaURL(of: server.full).replacingOccurrences(of: ":\(Self.password)@", with: "@")
        let password = ["PGPASSWORD": Self.password]
        #expect(try Zhifa.run(["import", "--db", server.bare, Repository.samples.path], environment: password).status == 0)
        // Run at once after the import: the replica is waited for, so nothing imported is missing.
        let fromReplica = try Zhifa.run(
            ["audit", "--db", server.bare, "--read-db", replica, "--as-of", "2024-12-31", "--format", "json"],
            environment: password)
        #expect(fromReplica.status == 0, "\(fromReplica.err)")
        let fromPrimary = try Zhifa.run(["audit", "--fresh", "--db", server.bare, "--as-of", "2024-12-31", "--format", "json"], environment: password)
        #expect(withoutRunNumbers(fromReplica.out) == withoutRunNumbers(fromPrimary.out))
        #expect(fromReplica.out.contains("WH-SJJ-2024-0204"))
        #expect(!fromReplica.err.contains(Self.password))

        let folder = try TemporaryFolder()
        let file = folder.file("s.sqlite").path
        #expect(try Zhifa.run(["import", "--db", file, Repository.samples.path]).status == 0)
        let refused = try Zhifa.run(["cases", "--db", file, "--read-db", replica], environment: password)
        #expect(refused.status != 0 && refused.err.contains("--read-db 只用于 PostgreSQL"))
    }
}
