import Foundation

/// Results handed to the writer: one audited batch's rows and the keys that let a later run reuse them.
public typealias AuditResultBatch = [(record: AuditResultRecord, keys: AuditResultKeys?)]

extension CaseStore {
    /// Runs `body`, which hands batches of results to `append`; a thread of its own writes them
    /// (`appendAuditResults`, a transaction a batch, in the order handed) while `body` goes on
    /// auditing the next batch. Writing was about a sixth of a fresh audit's CPU, done on the
    /// auditing thread while the other core waited.
    ///
    /// At most two batches wait to be written, so memory stays bounded. A failed write stops the
    /// exchange: the next `append` throws that error. Returns when every batch handed over is written.
    public func appendingAuditResultsBehind(_ body: (_ append: (AuditResultBatch) throws -> Void) throws -> Void) throws {
        let handOff = HandOff<AuditResultBatch>(capacity: 2)
        let writer = WriterOutcome()
        Thread.detachNewThread { [self] in
            while let results = handOff.take() {
                do {
                    try appendAuditResults(results)
                } catch {
                    writer.failure = error
                    handOff.cancel()
                    break
                }
            }
            writer.done.signal()
        }
        do {
            try body { results in
                guard handOff.put(results) else { throw writer.failure ?? CancellationError() }
            }
        } catch {
            handOff.finish(error)
            handOff.cancel()
            writer.done.wait()
            throw error
        }
        handOff.finish(nil)
        writer.done.wait()
        if let failure = writer.failure { throw failure }
    }
}

/// What the writer thread reports: written before `done` is signalled or the hand-off cancelled,
/// read after either, so the semaphore and the hand-off's lock order the two.
private final class WriterOutcome: @unchecked Sendable {
    var failure: Error?
    let done = DispatchSemaphore(value: 0)
}
