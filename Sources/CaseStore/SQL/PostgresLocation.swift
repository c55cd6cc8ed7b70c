import Foundation
import PostgresNIO

/// A PostgreSQL server and database, from `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`.
///
/// The password may also come from `$PGPASSWORD` or a `~/.pgpass`-style file (`$PGPASSFILE`), as
/// libpq finds it, so that it need not appear on a command line. It is never printed: `description`
/// shows the location without it.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    /// How the connection is encrypted and the server's certificate checked: libpq's `sslmode`.
    public var sslMode: SSLMode = .prefer
    /// The certificates that may sign the server's (libpq's `sslrootcert`); nil for
    /// `~/.postgresql/root.crt` when it exists, else the system's.
    public var sslRootCertificate: String?

    public init(user: String, password: String?, host: String, port: Int, database: String) {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
    }

    /// libpq's `sslmode`, with libpq's meanings.
    public enum SSLMode: String, Sendable, CaseIterable {
        /// Never encrypted.
        case disable
        /// Encrypted when the server offers it, unverified; unencrypted otherwise (libpq's `allow` too).
        case prefer
        /// Always encrypted; the certificate checked as `verify-ca` when a root certificate is given.
        case require
        /// Always encrypted, the certificate signed by a trusted root.
        case verifyCA = "verify-ca"
        /// As `verify-ca`, and the certificate names the host connected to.
        case verifyFull = "verify-full"
    }

    /// Reads a URL; nil when `text` is not a `postgres://` or `postgresql://` URL at all.
    /// - Throws: `StoreLocationError` naming what is wrong with a URL that is one.
    public static func parse(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PostgresLocation? {
        guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") else { return nil }
        guard let components = URLComponents(string: text) else { throw StoreLocationError.malformed }
        guard let host = components.host, !host.isEmpty else { throw StoreLocationError.missing("主机名") }
        guard let user = components.user, !user.isEmpty else { throw StoreLocationError.missing("用户名") }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else { throw StoreLocationError.missing("数据库名") }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw StoreLocationError.malformed }
        var location = PostgresLocation(user: user, password: components.password, host: host, port: port, database: database)
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                let value = item.value ?? ""
                guard let mode = value == "allow" ? .prefer : SSLMode(rawValue: value) else { throw StoreLocationError.sslMode(value) }
                location.sslMode = mode
            case "sslrootcert":
                guard let path = item.value, !path.isEmpty else { throw StoreLocationError.sslMode("sslrootcert=") }
                location.sslRootCertificate = path
            // Accepted as libpq accepts them; Zhifa's own deadlines apply.
            case "connect_timeout", "application_name": continue
            default: throw StoreLocationError.unknownParameter(item.name)
            }
        }
        if location.password == nil {
            location.password = environment["PGPASSWORD"] ?? PasswordFile.lookup(location, environment: environment)
        }
        return location
    }

    /// The location without its password.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }
}

/// Why `--db` (or `$ZHIFA_DB`) does not name a store.
public enum StoreLocationError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformed
    case missing(String)
    case sslMode(String)
    case unknownParameter(String)

    public var description: String {
        switch self {
        case .malformed: "数据库地址应写作 postgres://用户名[:密码]@主机[:端口]/数据库名，或一个 SQLite 文件的路径"
        case .missing(let part): "数据库地址缺少\(part)：应写作 postgres://用户名[:密码]@主机[:端口]/数据库名"
        case .sslMode(let value):
            "数据库地址中的 sslmode“\(value)”无效；可选 disable、prefer、require、verify-ca、verify-full，sslrootcert 须为证书文件路径"
        case .unknownParameter(let name):
            "数据库地址中的参数 \(name) 无法识别；可用 sslmode、sslrootcert、connect_timeout、application_name"
        }
    }
}

/// `hostname:port:database:username:password` lines, `*` matching anything, `\:` and `\\` escaped;
/// the first line that matches gives the password. A file others may read is ignored, as libpq does.
enum PasswordFile {
    static func lookup(_ location: PostgresLocation, environment: [String: String]) -> String? {
        let path = environment["PGPASSFILE"] ?? (environment["HOME"].map { $0 + "/.pgpass" } ?? "")
        guard !path.isEmpty,
            let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let permissions = attributes[.posixPermissions] as? Int, permissions & 0o077 == 0,
            let size = attributes[.size] as? Int, size < 1 << 20,
            let text = try? String(contentsOfFile: path, encoding: .utf8)
        else { return nil }
        let wanted = [location.host, String(location.port), location.database, location.user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(String(line))
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    private static func split(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}

/// A failure the PostgreSQL server or the connection to it reported, with the server's SQLSTATE
/// and message (PostgresNIO's own description hides both).
public struct PostgresFailure: Error, Sendable, CustomStringConvertible {
    /// The five-character SQLSTATE, when the server sent one.
    public var sqlState: String?
    public var message: String
    /// The server could not be reached, the connection broke, or the server did not answer within
    /// the deadline: nothing about the request itself, so trying again later can succeed.
    public var unavailable = false

    init(_ error: any Error, connecting location: PostgresLocation? = nil) {
        if let failure = error as? PostgresFailure {
            self = failure
            return
        }
        if let location, let problem = Self.tlsProblem(error, mode: location.sslMode) {
            sqlState = nil
            message = "无法连接 PostgreSQL 数据库 \(location)：\(problem)"
            return
        }
        if let psql = error as? PSQLError {
            sqlState = psql.serverInfo?[.sqlState]
            let lost: Set<PSQLError.Code> = [.serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown]
            unavailable =
                lost.contains(psql.code) || (location != nil && sqlState == nil)
                // admin_shutdown, crash_shutdown, cannot_connect_now: the server is going or coming.
                || ["57P01", "57P02", "57P03"].contains(sqlState ?? "")
            if unavailable && sqlState == nil {
                message = location.map { "无法连接 PostgreSQL 数据库 \($0)（服务器未启动或网络不通）" } ?? Self.connectionLost
            } else {
                let detail = psql.serverInfo?[.message] ?? "\(psql.code)"
                message = location.map { "无法连接 PostgreSQL 数据库 \($0)：\(detail)" } ?? detail
            }
        } else {
            sqlState = nil
            unavailable = location != nil
            message = location.map { "无法连接 PostgreSQL 数据库 \($0)（服务器未启动或网络不通：\(error)）" } ?? "\(error)"
        }
    }

    init(message: String) {
        self.message = message
    }

    private init(unavailable message: String) {
        self.message = message
        self.unavailable = true
    }

    static let connectionLost = "与 PostgreSQL 数据库的连接已断开（服务器可能已停止或重启，或网络中断）；本次操作未完成，之前已提交的内容不受影响"

    /// The connection closed under a request that PostgresNIO would never have answered.
    static var lost: PostgresFailure { PostgresFailure(unavailable: connectionLost) }

    /// The server did not answer within `seconds`.
    static func deadline(_ seconds: Int) -> PostgresFailure {
        PostgresFailure(unavailable: "PostgreSQL 数据库在 \(seconds) 秒内没有应答，已断开这次连接；本次操作未完成，之前已提交的内容不受影响")
    }

    public var description: String {
        sqlState.map { "PostgreSQL 报错（\($0)）：\(message)" } ?? message
    }
}
