import ArgumentParser
import CaseStore
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import WebService

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the browser front end and the JSON API (/api/v1) on the store.",
        discussion: """
            Sign in with accounts made by `zhifa user add`. Stops cleanly on SIGINT or SIGTERM: requests \
            in progress finish, then the store is closed. Uploaded evidence goes to the folder beside the \
            store (zhifa.evidence/ for zhifa.sqlite) unless --evidence names another.
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: "The address to listen on; 0.0.0.0 for every interface.")
    var host: String = "127.0.0.1"

    @Option(help: "The TCP port.")
    var port: Int = 8080

    @Option(help: ArgumentHelp("Where uploaded evidence files are kept.", valueName: "folder"))
    var evidence: String?

    @Option(help: ArgumentHelp("The checklist for case pages, audits and the due list.", valueName: "name|file"))
    var checklist: String = "national"

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    @Option(name: .customLong("log-format"), help: "text (a line a request, for people) or json (an object a line, for log collectors).")
    var logFormat: String = "text"

    @Flag(name: .customLong("secure-cookies"), help: "Mark the session cookie Secure: browsers send it only over HTTPS (behind a TLS proxy).")
    var secureCookies = false

    @Option(
        name: .customLong("public-url"),
        help: ArgumentHelp(
            "The address users open (https://… behind a TLS proxy); an https address marks the session cookie Secure.", valueName: "url"))
    var publicURL: String?

    /// `--secure-cookies`, or a public address served over HTTPS.
    var cookiesSecure: Bool { secureCookies || publicURL?.lowercased().hasPrefix("https://") == true }

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port \(port) 不是 TCP 端口（0–65535）。") }
        if let publicURL {
            guard let url = URL(string: publicURL), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host?.isEmpty == false else {
                throw ValidationError("--public-url \(publicURL) 不是网址，应写作 https://主机名[:端口]。")
            }
        }
        guard ["text", "json"].contains(logFormat) else { throw ValidationError("--log-format \(logFormat) 不是日志格式；可选 text、json。") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level \(logLevel) 不是日志级别；可选 trace、debug、info、notice、warning、error、critical。")
        }
    }

    func run() async throws {
        var logger = logFormat == "json" ? Logger(label: "zhifa", factory: { JSONLogHandler(label: $0) }) : Logger(label: "zhifa")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        // A clerk's save waits at most 5 s behind another process's write (a `zhifa import`), then gets 503.
        let caseStore = try store.open(busyTimeout: 5)
        // Uploaded files live beside an SQLite store; a PostgreSQL store has no folder, so ./zhifa.evidence.
        let storeFile = try store.postgres() == nil ? store.location : "zhifa.sqlite"
        let folder = evidence.map { URL(fileURLWithPath: $0) } ?? WebServiceConfiguration.evidenceDirectory(forStore: storeFile)
        var configuration = WebServiceConfiguration(
            host: host, port: port, evidenceDirectory: folder, checklist: checklist,
            secureCookies: cookiesSecure)
        // From the environment, never a flag: a command line is visible to every user of the machine.
        configuration.metricsToken = ProcessInfo.processInfo.environment["ZHIFA_METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        let web: WebApp
        do {
            web = try await WebApp(store: caseStore, configuration: configuration)
        } catch {
            throw CommandFailure("无法启动网页服务：\(error)")
        }
        if try caseStore.accounts().isEmpty {
            logger.warning("no accounts yet: add one with `zhifa user add NAME --role admin --password-stdin`")
        }
        logger.info(
            "serving",
            metadata: [
                "store": .string(store.displayName), "evidence": .string(folder.path),
                "address": .string("http://\(host):\(port)"), "secureCookies": .stringConvertible(cookiesSecure),
                "metrics": .string(configuration.metricsToken == nil ? "off" : "/metrics")
            ])
        // On SIGTERM or SIGINT requests in progress get 5 s to finish and 2 s more once cancelled;
        // a request stuck in synchronous work cannot see cancellation, so a watchdog ends the
        // process 10 s after the signal whatever it is doing.
        var group = ServiceGroupConfiguration(
            services: [web.application(logger: logger)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        group.maximumGracefulShutdownDuration = .seconds(5)
        group.maximumCancellationDuration = .seconds(2)
        let watchdog = ShutdownWatchdog(after: .seconds(10), logger: logger)
        do {
            try await ServiceGroup(configuration: group).run()
        } catch {
            logger.notice("stopped before every request finished", metadata: ["reason": .string("\(error)")])
        }
        watchdog.cancel()
        logger.info("stopped")
    }
}
