import AuditRuns
import Logging
import ServiceLifecycle

/// Keeps the due index (`DueIndex`) up to date while the server runs: built when the server starts
/// (about a minute at a million cases, the first time or after an upgrade), then brought up to the
/// store's latest change every `interval`, so that a due list or the dashboard seldom waits for it.
/// The work runs on a long-work thread, never on one that answers requests, and stops between two
/// batches when the server shuts down.
struct DueIndexKeeper: Service {
    let app: WebApp
    var interval: Duration = .seconds(60)
    private static let logger = Logger(label: "zhifa.due-index")

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let judged = try await app.longWork.run { try DueIndex(runner: app.runner).refresh(today: app.today()) }
                    if judged > 0 { Self.logger.info("due index brought up to date", metadata: ["cases": .stringConvertible(judged)]) }
                } catch is CancellationError {
                    return
                } catch {
                    Self.logger.warning("due index not brought up to date", metadata: ["error": .string("\(error)")])
                }
                try await Task.sleep(for: interval)
            }
        }
    }
}
