import Dispatch
import Foundation
import Logging

/// Ends the process a fixed time after SIGTERM or SIGINT if the server has not stopped by itself:
/// the last resort behind the service group's graceful shutdown, for a request stuck in work that
/// never looks at cancellation. The process's own signal handling (the service group's) still runs.
final class ShutdownWatchdog: @unchecked Sendable {
    private let sources: [DispatchSourceSignal]
    private let queue = DispatchQueue(label: "zhifa.shutdown-watchdog")

    init(after delay: DispatchTimeInterval, logger: Logger) {
        let queue = self.queue
        sources = [SIGTERM, SIGINT].map { signalNumber in
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler {
                queue.asyncAfter(deadline: .now() + delay) {
                    logger.warning("requests still running after the shutdown deadline: stopping now")
                    exit(0)
                }
            }
            source.resume()
            return source
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
    }
}
