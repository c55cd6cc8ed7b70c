import Foundation
import TestSupport
import Testing

/// `sslmode` and `sslrootcert` in the `postgres://` URL, with libpq's meanings, against a cluster
/// started with TLS on and a certificate authority made here (issue 32).
@Suite(.serialized) struct PostgresTLSTests {
    /// A certificate authority, the server's certificate for `names` signed by it, and an unrelated authority.
    private func certificates(_ folder: TemporaryFolder, names: String) throws {
        let script = try folder.write(
            "certificates.sh",
            """
            set -e
            cd '\(folder.url.path)'
            openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 2 -subj "/CN=Zhifa Test CA"
            openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj "/CN=zhifa-test-db"
            printf 'subjectAltName=\(names)\\n' > names.cnf
            openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 2 -extfile names.cnf
            openssl req -x509 -newkey rsa:2048 -nodes -keyout other.key -out other.crt -days 2 -subj "/CN=Another CA"
            """)
        let made = try Zhifa.shell("sh '\(script.path)'")
        try #require(made.status == 0, "openssl: \(made.err)")
    }

    private func url(_ cluster: HaltableCluster, host: String = "127.0.0.1", _ query: String) -> String {
        cluster.url.replacingOccurrences(of: "127.0.0.1", with: host) + "?" + query
    }

    @Test func verifyFullConnectsAndAWrongRootOrHostIsRefused() throws {
        let folder = try TemporaryFolder()
        try certificates(folder, names: "DNS:localhost")
        let cluster = try HaltableCluster(tls: (folder.file("server.crt").path, folder.file("server.key").path))
        let root = folder.file("ca.crt").path
        let other = folder.file("other.crt").path
        let connects = try Zhifa.run([
            "import", "--db", url(cluster, host: "localhost", "sslmode=verify-full&sslrootcert=\(root)"),
            Repository.samples.appendingPathComponent("registry.xml").path
        ])
        #expect(connects.status == 0, "\(connects.err)")
        for (query, host, sentence) in [
            ("sslmode=verify-full&sslrootcert=\(other)", "localhost", "证书未通过验证"),
            ("sslmode=verify-ca&sslrootcert=\(other)", "localhost", "证书未通过验证"),
            ("sslmode=verify-full&sslrootcert=\(root)", "127.0.0.1", "不是签发给所连接的主机名"),
            ("sslmode=verify-full&sslrootcert=\(folder.file("missing.crt").path)", "localhost", "找不到根证书文件")
        ] {
            let refused = try Zhifa.run(["cases", "--db", url(cluster, host: host, query)])
            #expect(refused.status == 1 && refused.err.contains(sentence), "\(query) @ \(host): \(refused.err)")
            #expect(!refused.err.contains("s3cret-pg"), "the password is never printed")
        }
        // verify-ca checks who signed the certificate, not the name; prefer and require encrypt unchecked.
        for query in ["sslmode=verify-ca&sslrootcert=\(root)", "sslmode=require", "sslmode=prefer", "sslmode=disable"] {
            let listed = try Zhifa.run(["cases", "--db", url(cluster, host: "127.0.0.1", query)])
            #expect(listed.status == 0, "\(query): \(listed.err)")
        }
    }

    @Test func requireAgainstAServerWithoutTLSFailsClearly() throws {
        let cluster = try HaltableCluster()
        let refused = try Zhifa.run(["cases", "--db", url(cluster, "sslmode=require")])
        #expect(refused.status == 1 && refused.err.contains("不支持加密连接（TLS）") && refused.err.contains("sslmode=require"), "\(refused.err)")
        // The default (prefer) still connects, unencrypted; a mode libpq does not know is refused by name.
        #expect(try Zhifa.run(["import", "--db", cluster.url, Repository.samples.appendingPathComponent("registry.xml").path]).status == 0)
        let bogus = try Zhifa.run(["cases", "--db", url(cluster, "sslmode=verify")])
        #expect(bogus.status == 1 && bogus.err.contains("sslmode“verify”无效"), "\(bogus.err)")
    }
}
