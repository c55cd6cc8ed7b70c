import Foundation

/// A PostgreSQL cluster of the tests' own, started on first use (initdb into a temporary folder,
/// loopback, a free port; as the `postgres` user when the tests run as root) and stopped when the
/// test process exits. `scripts/postgres-cluster` does the work, as it does for the benchmark.
///
/// When PostgreSQL is missing or will not start, `newDatabase()` throws and the tests that need
/// it fail: they are never skipped (`scripts/install-prerequisites test` installs the server).
public final class ThrowawayPostgres: @unchecked Sendable {
    public static let shared = Result { try ThrowawayPostgres() }

    public let port: Int
    private let directory: String
    private let lock = NSLock()
    private var databases = 0

    static let script = Repository.root.appendingPathComponent("scripts/postgres-cluster").path

    /// Runs `scripts/postgres-cluster` with `arguments(directory, port)` on a random free-looking
    /// port, trying five ports (another test process may have taken one) before giving up.
    static func start(_ name: String, what: String, _ arguments: (String, Int) -> [String]) throws
        -> (port: Int, directory: String, output: String)
    {
        var lastError = ""
        for attempt in 0..<5 {
            let port = 20_000 + Int.random(in: 0..<20_000)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(getpid())-\(port)-\(attempt)").path
            let (status, output) = run(script, arguments(directory, port))
            if status == 0 { return (port, directory, output) }
            lastError = output
            run(script, ["stop", directory])
        }
        throw ClusterFailure(message: "无法启动测试用 PostgreSQL\(what)：\(lastError)")
    }

    private init() throws {
        (port, directory, _) = try Self.start("zhifa-pg", what: "") { ["start", $0, String($1)] }
        stopAtExit = (Self.script, directory)
        atexit {
            if let (script, directory) = stopAtExit { _ = ThrowawayPostgres.run(script, ["stop", directory]) }
        }
    }

    /// A streaming replica of the cluster (pg_basebackup -R), started on first use and stopped at exit.
    private lazy var replicaPort: Result<Int, Error> = Result {
        let primary = self.port
        let replica = try Self.start("zhifa-pg-replica", what: " 只读副本") { ["replica", $0, String(primary), String($1)] }
        stopReplicaAtExit = (Self.script, replica.directory)
        atexit {
            if let (script, directory) = stopReplicaAtExit { _ = ThrowawayPostgres.run(script, ["stop", directory]) }
        }
        return replica.port
    }

    /// The URL of `database` (a URL `newDatabase()` gave) on the cluster's replica.
    public static func replicaURL(of database: String) throws -> String {
        let cluster = try shared.get()
        let port = try cluster.lock.withLock { try cluster.replicaPort.get() }
        return database.replacingOccurrences(of: "127.0.0.1:\(cluster.port)/", with: "127.0.0.1:\(port)/")
    }

    /// The URL of a new, empty database in the cluster.
    public static func newDatabase() throws -> String {
        try shared.get().newDatabase()
    }

    public func newDatabase() throws -> String {
        let number = lock.withLock {
            databases += 1
            return databases
        }
        let (status, output) = Self.run(Self.script, ["createdb", String(port), "test\(number)"])
        guard status == 0 else { throw ClusterFailure(message: "createdb: \(output)") }
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs the script with its output in a file, through posix_spawn and waitpid. Foundation's
    /// `Process` notices a child's end by a descriptor the child inherits, and the server the
    /// script leaves running inherits it too, so `waitUntilExit` would wait for the server to stop.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) -> (Int32, String) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("zhifa-pg-\(UUID().uuidString).out").path
        defer { unlink(output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { return (-1, "posix_spawn \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        // Exited normally: the low 7 bits are 0 and the code is in the next 8.
        return ((status & 0x7f) == 0 ? (status >> 8) & 0xff : -1, text)
    }

    public struct ClusterFailure: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}

/// A cluster of one test's own, for tests that stop the server under Zhifa (a crash, a restart)
/// or start it otherwise (TLS): the shared cluster must stay up, as it is, for every other test.
/// Removed when the value goes.
public final class HaltableCluster: @unchecked Sendable {
    public let port: Int
    public let url: String
    private let directory: String
    private static var script: String { ThrowawayPostgres.script }

    /// A new cluster; with `tls`, TLS is on with that certificate and key (PEM files).
    public init(tls: (certificate: String, key: String)? = nil) throws {
        let started = try ThrowawayPostgres.start("zhifa-pg-halt", what: "") { directory, port in
            tls.map { ["start-tls", directory, String(port), $0.certificate, $0.key] } ?? ["start", directory, String(port)]
        }
        port = started.port
        directory = started.directory
        url = started.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    deinit { ThrowawayPostgres.run(Self.script, ["stop", directory]) }

    /// Stops the server at once, as a crash would (`pg_ctl stop -m immediate`).
    public func halt() throws {
        let (status, output) = ThrowawayPostgres.run(Self.script, ["halt", directory])
        guard status == 0 else { throw ThrowawayPostgres.ClusterFailure(message: "halt: \(output)") }
    }

    /// Starts the halted server again on its port.
    public func resume() throws {
        let (status, output) = ThrowawayPostgres.run(Self.script, ["resume", directory, String(port)])
        guard status == 0 else { throw ThrowawayPostgres.ClusterFailure(message: "resume: \(output)") }
    }
}

nonisolated(unsafe) private var stopAtExit: (String, String)?
nonisolated(unsafe) private var stopReplicaAtExit: (String, String)?
