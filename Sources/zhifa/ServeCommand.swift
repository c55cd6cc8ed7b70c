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

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port \(port) is not a TCP port (0–65535).") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level \(logLevel) is not a level swift-log knows.") }
    }

    func run() async throws {
        var logger = Logger(label: "zhifa")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        // A clerk's save waits at most 5 s behind another process's write (a `zhifa import`), then gets 503.
        let caseStore = try store.open(busyTimeout: 5)
        let folder = evidence.map { URL(fileURLWithPath: $0) } ?? WebServiceConfiguration.evidenceDirectory(forStore: store.path)
        let configuration = WebServiceConfiguration(host: host, port: port, evidenceDirectory: folder, checklist: checklist)
        let web: WebApp
        do {
            web = try await WebApp(store: caseStore, configuration: configuration)
        } catch {
            throw CommandFailure("Cannot start the web service: \(error)")
        }
        if try caseStore.accounts().isEmpty {
            logger.warning("no accounts yet: add one with `zhifa user add NAME --role admin --password-stdin`")
        }
        logger.info("serving", metadata: ["store": .string(store.path), "evidence": .string(folder.path),
                                          "address": .string("http://\(host):\(port)")])
        // On SIGTERM or SIGINT requests in progress get 5 s to finish and 2 s more once cancelled;
        // a request stuck in synchronous work cannot see cancellation, so a watchdog ends the
        // process 10 s after the signal whatever it is doing.
        var group = ServiceGroupConfiguration(services: [web.application(logger: logger)],
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

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Accounts of the web service.", subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account; the password is read from standard input and stored as a bcrypt hash.",
            discussion: "Example: echo \"$PASSWORD\" | zhifa user add 王某 --role clerk --agency WH-SJJ --password-stdin")

        @OptionGroup var store: StoreOptions

        @Argument(help: "The name to sign in with.")
        var name: String

        @Option(help: "clerk (办案人员), reviewer (评查人员), supervisor (监督人员) or admin (系统管理员).")
        var role: Role

        @Option(help: ArgumentHelp("A clerk's agency code.", valueName: "code"))
        var agency: String?

        @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input (its first line).")
        var passwordFromStandardInput = false

        enum Role: String, ExpressibleByArgument, CaseIterable { case clerk, reviewer, supervisor, admin }

        func validate() throws {
            guard passwordFromStandardInput else {
                throw ValidationError("Give the password on standard input with --password-stdin; an argument would show in the process list and the shell history.")
            }
            if role == .clerk, agency == nil { throw ValidationError("A clerk belongs to one agency: add --agency CODE.") }
            if role != .clerk, agency != nil { throw ValidationError("Only a clerk has an agency; a \(role.rawValue) sees every agency.") }
        }

        func run() throws {
            guard let line = readLine(strippingNewline: true), line.count >= 10 else {
                throw ValidationError("The password on standard input must be at least 10 characters on its first line.")
            }
            let caseStore = try store.open()
            do {
                try caseStore.addAccount(name: name, role: UserRole(rawValue: role.rawValue)!, agency: agency,
                                         passwordHash: Passwords.hash(line), actor: store.actorName)
            } catch let error as StoreError {
                throw CommandFailure(error.description)
            }
            print("added \(name) (\(role.rawValue)\(agency.map { ", \($0)" } ?? ""))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts.")

        @OptionGroup var store: StoreOptions

        func run() throws {
            for account in try store.open().accounts() {
                print([account.name, account.role.rawValue, account.agency ?? "-", account.createdAt].joined(separator: "\t"))
            }
        }
    }
}
