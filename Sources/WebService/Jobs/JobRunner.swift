import Audit
import AuditRuns
import CaseModel
import CaseStore
import CaseXML
import Foundation
import Ledger
import Logging
import NIOConcurrencyHelpers
import Reports
import ServiceLifecycle
import WorkCalendar

/// What a job is asked to do, as stored with it (JSON).
struct JobParameters: Codable, Sendable, Equatable {
    var asOf: String
    var agency: String?
    /// For a violations export or a due list: csv or xlsx.
    var format: String?
    /// For a due list: working days ahead, the kind of obligation, overdue or not (nil: either).
    var within: Int?
    var obligation: String?
    var overdue: Bool?
    /// For a ledger: the uploaded file's name (its kind by its ending), kept as the job's input;
    /// for posted case XML, the name its problems are reported under.
    var fileName: String?
    /// For a campaign: what to draw.
    var campaign: CampaignSpec?

    /// As the job keeps them.
    func stored() throws -> String { String(decoding: try JSONEncoder().encode(self), as: UTF8.self) }
}

/// A campaign to draw, as its job keeps it (`CampaignRequest` with the job's as-of day).
struct CampaignSpec: Codable, Sendable, Equatable {
    var name: String
    var scope: CampaignScope
    var size: SampleSize
    /// A 64-bit number in decimal: JSON numbers lose such a number's last digits.
    var seed: String
    var pool: [String]
}

/// Runs the store's queued jobs on this node: at most `limit` at once, each on a thread of its own
/// (never one that answers requests), reporting progress and renewing its lease as it goes. A job
/// whose node stopped renewing its lease (a crash) is claimed again by whichever node asks next.
final class JobRunner: Service, @unchecked Sendable {
    let store: CaseStore
    let runner: AuditRunner
    let limit: Int
    /// How long a claimed job is this node's without a word from it.
    let lease: TimeInterval
    let node: String
    let metrics: ServiceMetrics
    private let active = NIOLockedValueBox(0)
    private let logger = Logger(label: "zhifa.jobs")

    init(store: CaseStore, runner: AuditRunner, limit: Int, lease: TimeInterval = 300, metrics: ServiceMetrics = ServiceMetrics()) {
        self.store = store
        self.metrics = metrics
        self.runner = runner
        self.limit = max(1, limit)
        self.lease = lease
        node = "\(ProcessInfo.processInfo.hostName)-\(getpid())-\(UUID().uuidString.prefix(8))"
    }

    /// Asks the store for work every second while the service runs.
    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                self.startWaitingJobs()
                try await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// Claims and starts as many jobs as this node has room for; returns the threads started.
    @discardableResult
    func startWaitingJobs() -> [Thread] {
        var started: [Thread] = []
        while active.withLockedValue({ $0 < limit }) {
            let claimed: JobRecord?
            do { claimed = try store.claimJob(node: node, lease: lease) } catch {
                logger.warning("could not claim a job", metadata: ["error": .string("\(error)")])
                break
            }
            guard let job = claimed else { break }
            active.withLockedValue { $0 += 1 }
            let thread = Thread { [self] in
                defer { active.withLockedValue { $0 -= 1 } }
                execute(job)
            }
            thread.name = "zhifa-job-\(job.id)"
            thread.start()
            started.append(thread)
        }
        return started
    }

    /// The owner cancelled the job.
    struct Cancelled: Error {}

    private func execute(_ job: JobRecord) {
        let start = ContinuousClock.now
        let state = run(job)
        metrics.job(kind: job.kind.rawValue, state: state.rawValue, duration: ContinuousClock.now - start)
    }

    /// Does the job and ends it in the store; returns how it ended.
    private func run(_ job: JobRecord) -> JobRecord.State {
        var lastReport = ContinuousClock.now - .seconds(10)
        let report: (Int, Int?) throws -> Void = { [self] done, total in
            let now = ContinuousClock.now
            guard now - lastReport >= .seconds(1) || (total.map { done >= $0 } ?? false) else { return }
            lastReport = now
            if try store.reportJob(id: job.id, node: node, done: done, total: total, lease: lease) { throw Cancelled() }
        }
        do {
            let parameters = try JSONDecoder().decode(JobParameters.self, from: Data(job.parameters.utf8))
            guard let asOf = CalendarDate(parameters.asOf) else { throw JobFailure("评查基准日 \(parameters.asOf) 不是有效日期") }
            // An audit and a violations export start from the run of their day; a due list from the due index.
            let audit = {
                try self.metrics.auditRun {
                    try self.runner.run(asOf: asOf, selection: AuditSelection(agency: parameters.agency), actor: job.owner) { try report($0, $1) }
                }
            }
            switch job.kind {
            case .audit:
                let summary = try audit()
                try store.finishJob(
                    id: job.id, node: node, state: .done,
                    message: "评查完成：共 \(summary.run.caseCount) 件（截至 \(asOf)）", runId: summary.run.id)
            case .violations:
                let summary = try audit()
                let result = try export(summary.run, parameters: parameters, asOf: asOf, report: report)
                try store.finishJob(
                    id: job.id, node: node, state: .done, message: "导出完成：\(result.name)",
                    runId: summary.run.id, result: result)
            case .due:
                let result = try dueList(parameters, today: asOf)
                try store.finishJob(id: job.id, node: node, state: .done, message: "导出完成：\(result.name)", result: result)
            case .ledger:
                let message = try importLedger(of: job, parameters)
                try store.finishJob(id: job.id, node: node, state: .done, message: message)
            case .cases:
                let message = try importCases(of: job, parameters)
                try store.finishJob(id: job.id, node: node, state: .done, message: message)
            case .campaign:
                guard let spec = parameters.campaign, let seed = UInt64(spec.seed) else { throw JobFailure("任务缺少评查活动的设定") }
                let request = CampaignRequest(name: spec.name, asOf: asOf, scope: spec.scope, size: spec.size, seed: seed, pool: spec.pool)
                do {
                    let result = try runner.createCampaign(request, actor: job.owner)
                    try store.finishJob(
                        id: job.id, node: node, state: .done,
                        message: "已抽取评查活动“\(spec.name)”：\(result.assignments.count) 件，抽样种子 \(spec.seed)")
                } catch let error as CampaignError {
                    throw JobFailure(error.description)
                }
            }
            return .done
        } catch is Cancelled {
            try? store.finishJob(id: job.id, node: node, state: .cancelled, message: "已取消")
            return .cancelled
        } catch {
            // A user's own problem (a ledger's rows, a day that is no date) may quote what they
            // typed, an identity number among it: their job's page says it, the log does not.
            if error is JobFailure {
                logger.notice("job refused", metadata: ["job": .stringConvertible(job.id), "kind": .string(job.kind.rawValue)])
            } else {
                logger.error("job failed", metadata: ["job": .stringConvertible(job.id), "error": .string("\(error)")])
            }
            try? store.finishJob(id: job.id, node: node, state: .failed, message: WebError.from(error).sentence(for: error))
            return .failed
        }
    }

    private func export(
        _ run: AuditRunRecord, parameters: JobParameters, asOf: CalendarDate,
        report: (Int, Int?) throws -> Void
    ) throws -> JobResult {
        let format = ExportFormat(rawValue: parameters.format ?? "xlsx") ?? .xlsx
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("zhifa-job-\(UUID().uuidString).\(format.rawValue)")
        defer { try? FileManager.default.removeItem(at: url) }
        try ViolationExport.write(run: run, store: store, filter: ViolationFilter(agency: parameters.agency), format: format, to: url) {
            try report($0, nil)
        }
        return JobResult(name: "违法问题清单-\(asOf).\(format.rawValue)", contentType: format.contentType, data: try Data(contentsOf: url))
    }
}

extension JobRunner {
    /// The whole due list the parameters filter, from the due index brought up to date.
    func dueList(_ parameters: JobParameters, today: CalendarDate) throws -> JobResult {
        let index = DueIndex(runner: runner)
        try index.refresh(today: today)
        let filter = index.filter(
            today: today, within: parameters.within ?? 5, agency: parameters.agency,
            kind: parameters.obligation.flatMap(DueObligation.Kind.init(rawValue:)), overdue: parameters.overdue)
        let items = try store.dueObligations(filter).map { index.obligation($0, today: today) }
        let ids = Array(Set(items.map(\.case)))
        let cases = Dictionary(try store.caseSummaries(ids: ids).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let names = RegistryNames(try store.registry())
        let format = ExportFormat(rawValue: parameters.format ?? "xlsx") ?? .xlsx
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("zhifa-job-\(UUID().uuidString).\(format.rawValue)")
        defer { try? FileManager.default.removeItem(at: url) }
        try DueExport.write(
            items, asOf: today, names: names, cases: cases, scope: parameters.agency.map(names.agency) ?? "全部执法主体", format: format, to: url)
        return JobResult(name: "到期预警-\(today).\(format.rawValue)", contentType: format.contentType, data: try Data(contentsOf: url))
    }
}

extension JobRunner {
    /// Imports the job's ledger as its owner, within the agency it was uploaded for: all of its
    /// cases or none. Cancelling stops it only before it writes.
    func importLedger(of job: JobRecord, _ parameters: JobParameters) throws -> String {
        guard let name = parameters.fileName, LedgerFiles.isLedger(name), let data = try store.jobInput(id: job.id) else {
            throw JobFailure("任务的台账文件已不在库中，请重新上传。")
        }
        // The reader works on a file: a private temporary one, named by a fresh UUID, removed at once.
        let ext = (name as NSString).pathExtension.lowercased()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("zhifa-ledger-\(UUID().uuidString).\(ext)")
        defer { try? FileManager.default.removeItem(at: url) }
        try data.write(to: url, options: .withoutOverwriting)
        if try store.reportJob(id: job.id, node: node, done: 0, total: nil, lease: lease) { throw Cancelled() }
        return try importing("台账 \(name) ") {
            try store.importLedger(url, displayName: name, actor: job.owner, agencyScope: parameters.agency)
        }
    }

    /// An import of `what` by a job, counted in the metrics: what it stored or, its first problems
    /// named (each with its line, or a ledger's row and column), why nothing was.
    private func importing(_ what: String, _ body: () throws -> ImportCounts) throws -> String {
        do {
            let counts = try body()
            metrics.importedFile(cases: counts.newCases + counts.replacedCases, refused: false)
            return LedgerRoutes.saved(what.trimmingCharacters(in: .whitespaces), counts)
        } catch let error as CaseXMLError {
            metrics.importedFile(cases: 0, refused: true)
            let problems = error.diagnostics
            let shown = problems.prefix(20).map(\.description).joined(separator: "；")
            throw JobFailure("\(what)有 \(problems.count) 处问题，未保存任何内容：\(shown)\(problems.count > 20 ? "；……" : "")")
        }
    }
}

extension JobRunner {
    /// Stores the job's posted case XML as its owner, within the agency it was posted for, its
    /// records naming only that agency's uploads: all of its cases or none, as a smaller document
    /// posted within its request (`APIRoutes.importCases`).
    func importCases(of job: JobRecord, _ parameters: JobParameters) throws -> String {
        guard let agency = parameters.agency, let data = try store.jobInput(id: job.id) else {
            throw JobFailure("任务的案件文档已不在库中，请重新提交。")
        }
        let name = parameters.fileName ?? "api:\(job.owner)"
        if try store.reportJob(id: job.id, node: node, done: 0, total: nil, lease: lease) { throw Cancelled() }
        return try importing("案件文档") {
            let owned = try store.uploadedEvidence(agency: agency)
            return try store.importDocument(
                .memory(data), kind: .cases, displayName: name, actor: job.owner, agencyScope: agency, evidence: .uploads(owned: owned))
        }
    }
}

extension ExportFormat {
    /// What a download of this format says it is.
    var contentType: String {
        switch self {
        case .csv: "text/csv; charset=utf-8"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .json: "application/json"
        }
    }
}

/// A job that cannot be done as asked, in words for its page.
struct JobFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension WebError {
    /// The sentence a job's page shows for `error`: the user's own problem as it is, anything else
    /// as the web service's sentence for it (never internal text).
    func sentence(for error: Error) -> String {
        if let failure = error as? JobFailure { return failure.description }
        if case .internalError = self { return message }
        return problems.isEmpty ? message : message + problems.joined(separator: "；")
    }
}
