import Audit
import CaseModel
import CaseStore
import Foundation
import WorkCalendar

/// One month (or a whole period) of one agency, as the bureau's dashboard shows it.
public struct PeriodFigures: Codable, Sendable, Equatable {
    /// Cases decided in the period.
    public var decided = 0
    /// Decided cases with a disclosure due or made, and those on time.
    public var disclosure = Coverage(count: 0, total: 0)
    public var scoreSum = 0.0
    /// Of `decided`, those whose score is still the machine's 初评, which the average includes.
    public var provisional = 0
    public var grades: [String: Int] = [:]
    /// Failed findings by rule family (`RuleFamily.rawValue`).
    public var failuresByFamily: [String: Int] = [:]

    public init() {}

    public var averageScore: Double? { decided == 0 ? nil : (scoreSum / Double(decided) * 10).rounded() / 10 }

    mutating func add(_ audit: CaseAudit, _ indicators: CaseIndicators) {
        guard indicators.decided, !audit.isInProgress else { return }
        decided += 1
        scoreSum += audit.score
        if audit.isProvisional { provisional += 1 }
        grades[audit.grade, default: 0] += 1
        if let onTime = indicators.disclosedOnTime {
            disclosure.total += 1
            if onTime { disclosure.count += 1 }
        }
        for finding in audit.failures {
            if let family = RuleFamily(ruleId: finding.rule) { failuresByFamily[family.rawValue, default: 0] += 1 }
        }
    }
}

/// One agency over the period: the whole, each month, and what is overdue today.
public struct AgencyDashboard: Codable, Sendable, Equatable {
    public var agency: String
    public var name: String
    public var total: PeriodFigures
    /// By month, `2024-03`, for every month of the period (empty months included).
    public var months: [String: PeriodFigures]
    /// Open obligations past their deadline on the day the dashboard was made.
    public var overdueNow: Int
}

/// The bureau's dashboard for a year: per agency and per month, from one stored audit run.
public struct Dashboard: Sendable {
    public var year: Int
    public var run: AuditRunRecord
    public var today: CalendarDate
    public var grades: [String]
    /// `2024-01` … `2024-12`.
    public var months: [String]
    public var agencies: [AgencyDashboard]
    public var names: RegistryNames
}

public struct DashboardBuilder {
    public let runner: AuditRunner

    public init(runner: AuditRunner) { self.runner = runner }

    /// Audits as of the year's last day (or today, if earlier) and counts each decided case in the
    /// month of its decision; what is overdue is counted as of today.
    public func build(year: Int, today: CalendarDate, actor: String) throws -> Dashboard {
        guard let first = CalendarDate(year: year, month: 1, day: 1), let last = CalendarDate(year: year, month: 12, day: 31) else {
            throw CalendarError.yearNotCovered(year)
        }
        let run = try runner.run(asOf: min(last, today), actor: actor).run
        let registry = try runner.store.registry()
        let months = (1...12).map { String(format: "%04d-%02d", year, $0) }
        // The year's figures are the run's, counted once and kept with it; what is overdue is today's.
        let name = "dashboard-\(year)"
        var agencies: [String: AgencyDashboard]
        if let stored = try runner.store.storedFigures(runId: run.id!, name: name),
            let figures = try? JSONDecoder().decode([String: AgencyDashboard].self, from: Data(stored.utf8))
        {
            agencies = figures
        } else {
            agencies = try count(run: run, year: year, first: first, last: last, months: months, registry: registry)
            try runner.store.storeFigures(runId: run.id!, name: name, body: String(decoding: try JSONEncoder().encode(agencies), as: UTF8.self))
        }
        for (agency, count) in try DueIndex(runner: runner).overdueByAgency(today: today) {
            agencies[agency]?.overdueNow = count
        }
        return Dashboard(
            year: year, run: run, today: today, grades: runner.checklist.gradeNames, months: months,
            agencies: agencies.values.sorted { $0.agency < $1.agency }, names: RegistryNames(registry))
    }

    /// Counts each decided case of the run in the month of its decision.
    private func count(
        run: AuditRunRecord, year: Int, first: CalendarDate, last: CalendarDate, months: [String], registry: Registry
    ) throws -> [String: AgencyDashboard] {
        var agencies = Dictionary(
            uniqueKeysWithValues: registry.agencies.map { agency in
                (
                    agency.code,
                    AgencyDashboard(
                        agency: agency.code, name: agency.name, total: PeriodFigures(),
                        months: Dictionary(uniqueKeysWithValues: months.map { ($0, PeriodFigures()) }), overdueNow: 0)
                )
            })
        let decoder = JSONDecoder()
        try runner.store.forEachAuditResultWithCase(runId: run.id!, from: first, to: last) { entry in
            guard let decided = entry.decisionDate, decided >= first, decided <= last else { return }
            let audit = try decoder.decode(CaseAudit.self, from: Data(entry.result.audit.utf8))
            guard let indicators = audit.indicators else { return }
            let month = String(decided.description.prefix(7))
            let code = entry.result.agency
            var dashboard =
                agencies[code]
                ?? AgencyDashboard(
                    agency: code, name: code, total: PeriodFigures(),
                    months: Dictionary(uniqueKeysWithValues: months.map { ($0, PeriodFigures()) }),
                    overdueNow: 0)
            dashboard.total.add(audit, indicators)
            dashboard.months[month, default: PeriodFigures()].add(audit, indicators)
            agencies[code] = dashboard
        }
        return agencies
    }
}
