import CaseStore
import Configuration
import Foundation
import Logging

/// Every setting of `zhifa serve` in one place: from its flag, else its environment variable
/// (`ZHIFA_PORT`, `ZHIFA_LOG_LEVEL`, …: `ZHIFA_` and the key in capitals), else the JSON file of
/// `--config` (`{"port": 8080, "log": {"level": "info"}}`), else its default, read through
/// swift-configuration's providers in that order. `--print-config` prints what was chosen and
/// where it came from, secrets left out.
struct ServeSettings {
    /// One setting: its key (dots nest in the file), its flag, its default, whether it is secret.
    struct Setting: Sendable {
        var key: String
        var flag: String?
        var defaultValue: String?
        var secret = false

        var environmentName: String { "ZHIFA_" + key.uppercased().replacingOccurrences(of: ".", with: "_") }
    }

    static let settings: [Setting] = [
        Setting(key: "db", flag: "--db", defaultValue: "zhifa.sqlite"),
        Setting(key: "read.db", flag: "--read-db"),
        Setting(key: "host", flag: "--host", defaultValue: "127.0.0.1"),
        Setting(key: "port", flag: "--port", defaultValue: "8080"),
        Setting(key: "evidence", flag: "--evidence"),
        Setting(key: "checklist", flag: "--checklist", defaultValue: "national"),
        Setting(key: "public.url", flag: "--public-url"),
        Setting(key: "secure.cookies", flag: "--secure-cookies", defaultValue: "false"),
        Setting(key: "log.level", flag: "--log-level", defaultValue: "info"),
        Setting(key: "log.format", flag: "--log-format", defaultValue: "text"),
        // Never a flag: a command line is visible to every user of the machine.
        Setting(key: "metrics.token", flag: nil, secret: true)
    ]

    /// Each setting's value (nil: unset) and where it came from.
    private(set) var values: [String: (value: String?, source: String)] = [:]

    /// `flags`: what the command line gave, by key.
    init(flags: [String: String], file: String?, environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        let secrets = Set(Self.settings.filter(\.secret).map(\.environmentName))
        let fromEnvironment = ConfigReader(
            provider: EnvironmentVariablesProvider(environmentVariables: environment, secretsSpecifier: .specific(secrets)).prefixKeys(with: "zhifa"))
        var fromFile: ConfigReader?
        if let file {
            guard FileManager.default.isReadableFile(atPath: file) else { throw CommandFailure("--config \(file)：没有这个文件，或无权读取。") }
            let location = ConfigReader(provider: InMemoryProvider(values: ["filePath": .init(.string(file), isSecret: false)]))
            do {
                fromFile = ConfigReader(provider: try await FileProvider<JSONSnapshot>(config: location))
            } catch {
                throw CommandFailure("--config \(file) 不是有效的 JSON 配置文件（应为一个对象，如 {\"port\": 8080, \"log\": {\"level\": \"info\"}}）。")
            }
        }
        for setting in Self.settings {
            let key = ConfigKey(setting.key)
            if let flag = flags[setting.key] {
                values[setting.key] = (flag, "参数 \(setting.flag ?? "")")
            } else if let value = Self.text(fromEnvironment, key) {
                values[setting.key] = (value, "环境变量 \(setting.environmentName)")
            } else if let fromFile, let value = Self.text(fromFile, key) {
                values[setting.key] = (value, "配置文件 \(file ?? "")")
            } else {
                values[setting.key] = (setting.defaultValue, "默认")
            }
        }
    }

    /// A value as text, whatever type the provider holds it as (a file's `8080`, an environment's `"8080"`).
    private static func text(_ reader: ConfigReader, _ key: ConfigKey) -> String? {
        if let text = reader.string(forKey: key), !text.isEmpty { return text }
        if let number = reader.int(forKey: key) { return String(number) }
        if let flag = reader.bool(forKey: key) { return String(flag) }
        return nil
    }

    func value(_ key: String) -> String? { values[key]?.value ?? nil }

    var db: String { value("db") ?? "zhifa.sqlite" }
    var readDB: String? { value("read.db") }
    var host: String { value("host") ?? "127.0.0.1" }
    var evidence: String? { value("evidence") }
    var checklist: String { value("checklist") ?? "national" }
    var publicURL: String? { value("public.url") }
    var metricsToken: String? { value("metrics.token") }
    var logFormat: String { value("log.format") ?? "text" }

    /// The checked values, or a sentence saying which setting is wrong and where it came from.
    func port() throws -> Int {
        guard let text = value("port"), let port = Int(text), (0...65_535).contains(port) else {
            throw CommandFailure("port \(value("port") ?? "")（\(values["port"]?.source ?? "")）不是 TCP 端口（0–65535）。")
        }
        return port
    }

    func logLevel() throws -> Logger.Level {
        guard let level = value("log.level").flatMap(Logger.Level.init(rawValue:)) else {
            throw CommandFailure(
                "log.level \(value("log.level") ?? "")（\(values["log.level"]?.source ?? "")）不是日志级别；可选 trace、debug、info、notice、warning、error、critical。")
        }
        return level
    }

    func secureCookies() throws -> Bool {
        switch value("secure.cookies")?.lowercased() {
        case nil, "false", "0", "no": return publicURL?.lowercased().hasPrefix("https://") == true
        case "true", "1", "yes": return true
        default: throw CommandFailure("secure.cookies \(value("secure.cookies") ?? "")（\(values["secure.cookies"]?.source ?? "")）应为 true 或 false。")
        }
    }

    func validate() throws {
        _ = try port()
        _ = try logLevel()
        _ = try secureCookies()
        guard ["text", "json"].contains(logFormat) else {
            throw CommandFailure("log.format \(logFormat)（\(values["log.format"]?.source ?? "")）不是日志格式；可选 text、json。")
        }
        if let publicURL {
            guard let url = URL(string: publicURL), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host?.isEmpty == false else {
                throw CommandFailure("public.url \(publicURL)（\(values["public.url"]?.source ?? "")）不是网址，应写作 https://主机名[:端口]。")
            }
        }
    }

    /// One line a setting: key, value (a secret only as set or not, a store's address without
    /// its password) and where it came from.
    var printed: String {
        Self.settings.map { setting in
            let (value, source) = values[setting.key] ?? (nil, "默认")
            let shown: String =
                switch value {
                case nil: "（未设置）"
                case let value? where setting.secret: value.isEmpty ? "（未设置）" : "（已设置，不显示）"
                case let value? where setting.key.hasSuffix("db"): StoreAddress(value).displayName
                case let value?: value
                }
            return [setting.key.padding(toLength: 16, withPad: " ", startingAt: 0), shown, "  ← " + source].joined(separator: " ")
        }.joined(separator: "\n")
    }
}
