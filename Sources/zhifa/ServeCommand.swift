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
            store (zhifa.evidence/ for zhifa.sqlite) unless --evidence names another. Each setting comes \
            from its flag, else ZHIFA_… in the environment, else the --config file, else its default; \
            --print-config shows which.
            """)

    @OptionGroup var store: StoreOptions

    // No defaults here: a flag given wins, else the environment, else --config, else the default
    // (`ServeSettings`), which a default of the parser would always hide.
    @Option(help: "The address to listen on; 0.0.0.0 for every interface (default 127.0.0.1).")
    var host: String?

    @Option(help: "The TCP port (default 8080).")
    var port: Int?

    @Option(help: ArgumentHelp("Where uploaded evidence files are kept.", valueName: "folder"))
    var evidence: String?

    @Option(help: ArgumentHelp("The checklist for case pages, audits and the due list (default national).", valueName: "name|file"))
    var checklist: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (default info).")
    var logLevel: String?

    @Option(name: .customLong("log-format"), help: "text (a line a request, for people) or json (an object a line, for log collectors).")
    var logFormat: String?

    @Flag(name: .customLong("secure-cookies"), help: "Mark the session cookie Secure: browsers send it only over HTTPS (behind a TLS proxy).")
    var secureCookies = false

    @Option(
        name: .customLong("public-url"),
        help: ArgumentHelp(
            "The address users open (https://… behind a TLS proxy); an https address marks the session cookie Secure.", valueName: "url"))
    var publicURL: String?

    @Option(
        help: ArgumentHelp(
            "A JSON file of settings ({\"port\": 8080, \"log\": {\"level\": \"info\"}}); flags and ZHIFA_… variables take precedence.",
            valueName: "file"))
    var config: String?

    @Flag(name: .customLong("print-config"), help: "Print every setting, its value and where it came from (secrets left out), and exit.")
    var printConfig = false

    /// The settings as resolved from the flags given, the environment and the file.
    func settings() async throws -> ServeSettings {
        var flags: [String: String] = [:]
        flags["db"] = store.db
        flags["read.db"] = store.readDB
        flags["host"] = host
        flags["port"] = port.map(String.init)
        flags["evidence"] = evidence
        flags["checklist"] = checklist
        flags["log.level"] = logLevel
        flags["log.format"] = logFormat
        flags["public.url"] = publicURL
        if secureCookies { flags["secure.cookies"] = "true" }
        let settings = try await ServeSettings(flags: flags, file: config)
        try settings.validate()
        return settings
    }

    func run() async throws {
        let settings = try await settings()
        if printConfig {
            print(settings.printed)
            return
        }
        var logger = settings.logFormat == "json" ? Logger(label: "zhifa", factory: { JSONLogHandler(label: $0) }) : Logger(label: "zhifa")
        logger.logLevel = try settings.logLevel()
        var store = self.store
        store.db = settings.db
        store.readDB = settings.readDB
        // A clerk's save waits at most 5 s behind another process's write (a `zhifa import`), then gets 503.
        // Opened on a thread apart: opening waits for the server, which a cooperative thread must not.
        let opening = store
        let caseStore = try await CaseStore.apart { try opening.open(busyTimeout: 5) }
        // Uploaded files live beside an SQLite store; a PostgreSQL store has no folder, so ./zhifa.evidence.
        let storeFile = try store.postgres() == nil ? store.location : "zhifa.sqlite"
        let folder = settings.evidence.map { URL(fileURLWithPath: $0) } ?? WebServiceConfiguration.evidenceDirectory(forStore: storeFile)
        let (host, port, secure) = (settings.host, try settings.port(), try settings.secureCookies())
        var configuration = WebServiceConfiguration(
            host: host, port: port, evidenceDirectory: folder, checklist: settings.checklist, secureCookies: secure)
        configuration.metricsToken = settings.metricsToken
        let web: WebApp
        do {
            web = try await WebApp(store: caseStore, configuration: configuration)
        } catch {
            throw CommandFailure("无法启动网页服务：\(error)")
        }
        if try await caseStore.reading({ try await $0.accounts.accounts() }).isEmpty {
            logger.warning("no accounts yet: add one with `zhifa user add NAME --role admin --password-stdin`")
        }
        logger.info(
            "serving",
            metadata: [
                "store": .string(store.displayName), "evidence": .string(folder.path),
                "address": .string("http://\(host):\(port)"), "secureCookies": .stringConvertible(secure),
                "metrics": .string(configuration.metricsToken == nil ? "off" : "/metrics")
            ])
        // On SIGTERM or SIGINT requests in progress get 5 s to finish and 2 s more once cancelled;
        // a request stuck in synchronous work cannot see cancellation, so a watchdog ends the
        // process 10 s after the signal whatever it is doing.
        var group = ServiceGroupConfiguration(
            // Listed first, so stopped last: the store closes after the last request has finished.
            services: [StoreService(caseStore), web.application(logger: logger)],
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
