import AuditRuns
import CaseStore
import Foundation
import WorkCalendar

/// `zhifa audit --workers N` and `zhifa audit --join RUN`: one run shared by several processes
/// (`AuditRuns/SharedAudit.swift`). The local workers are this program run again with `--join`,
/// the store's address handed over in `$ZHIFA_DB` so that a URL's password is not on their
/// command lines.
enum SharedAuditCommand {
    static func join(_ runId: Int64, runner: AuditRunner, actor: String, lease: Int) throws -> Int {
        do {
            return try runner.work(on: runId, worker: AuditRunner.workerName(), actor: actor, lease: Double(lease))
        } catch let error as SharedAuditError {
            throw CommandFailure(error.description)
        }
    }

    /// Plans a shared run, starts `workers - 1` more processes on it, works on it here too, and
    /// returns it once complete. An identical earlier run is returned as it is (unless `fresh`).
    static func run(
        asOf: CalendarDate, selection: AuditSelection, runner: AuditRunner, store: StoreOptions, checklist: String,
        workers: Int, lease: Int, fresh: Bool
    ) throws -> AuditRunSummary {
        if !fresh, let existing = try runner.completeRun(inputsHash: try runner.inputsHash(asOf: asOf, selection: selection)) {
            return existing
        }
        let run = try runner.planShared(asOf: asOf, selection: selection, actor: store.actorName, incremental: !fresh)
        let runId = run.id!
        let helpers = try (1..<max(1, workers)).map { _ in try spawn(runId: runId, store: store, checklist: checklist, lease: lease) }
        // This process works too; if a helper dies, its chunk is claimed again when its lease runs out.
        _ = try join(runId, runner: runner, actor: store.actorName, lease: lease)
        for helper in helpers { helper.waitUntilExit() }
        guard let done = try runner.store.auditRun(id: runId), done.complete else {
            throw CommandFailure("第 \(runId) 次评查未能完成。")
        }
        return AuditRunSummary(run: done, reused: false)
    }

    private static func spawn(runId: Int64, store: StoreOptions, checklist: String, lease: Int) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["audit", "--join", String(runId), "--checklist", checklist, "--lease", String(lease)]
        var environment = ProcessInfo.processInfo.environment
        environment["ZHIFA_DB"] = store.location
        environment["ZHIFA_USER"] = store.actorName
        if let replica = store.readLocation { environment["ZHIFA_READ_DB"] = replica }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }
}
