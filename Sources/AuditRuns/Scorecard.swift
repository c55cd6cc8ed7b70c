import Audit
import CaseModel
import CaseStore
import Foundation

/// A ratio with its parts, so that "no case" is not shown as 0%.
public struct Coverage: Codable, Sendable, Equatable {
    public var count: Int
    public var total: Int

    public init(count: Int, total: Int) { self.count = count; self.total = total }

    public var rate: Double? { total == 0 ? nil : Double(count) / Double(total) }

    public var text: String {
        guard let rate else { return "—" }
        return String(format: "%.1f%%（%d/%d）", rate * 100, count, total)
    }
}

/// One line of an annual 法治政府建设考核 for an agency, counted from rule failures.
public struct AppraisalLine: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var occurrences: Int
    public var deduction: Double
}

/// How one agency did in a year.
public struct AgencyScorecard: Codable, Sendable, Equatable {
    public var agency: String
    public var name: String
    public var year: Int
    public var cases: Int
    public var averageScore: Double?
    public var previousYearCases: Int
    public var previousYearAverage: Double?
    public var grades: [String: Int]
    /// Failed findings (occurrences) by rule family, keyed by `RuleFamily.rawValue` (DISCLOSE, OFFICER…).
    public var failuresByFamily: [String: Int]
    public var disclosureOnTime: Coverage
    public var audioVideoCoverage: Coverage
    public var legalReviewCoverage: Coverage
    /// Officers who acted without a covering certificate, by id.
    public var uncertifiedOfficers: [String]
    public var appraisal: [AppraisalLine]
    public var appraisalDeduction: Double
}

/// Builds agencies' scorecards for a year from a stored audit run that covers that year and the one before.
public struct ScorecardBuilder: Sendable {
    public let runner: AuditRunner

    public init(runner: AuditRunner) { self.runner = runner }

    /// Audits as of the year's last day (or `today`, if earlier) and aggregates per agency.
    public func build(year: Int, today: CalendarDate, actor: String) throws -> (run: AuditRunRecord, cards: [AgencyScorecard]) {
        guard let yearEnd = CalendarDate(year: year, month: 12, day: 31) else {
            throw CalendarError.yearNotCovered(year)
        }
        let asOf = min(yearEnd, today)
        let run = try runner.run(asOf: asOf, actor: actor).run
        let auditor = try CaseAuditor(checklist: runner.checklist, calendar: runner.calendar, registry: runner.store.registry(),
                                      benchmarks: runner.store.benchmarkSets())
        let agencies = try runner.store.registry().agencies
        var cards = Dictionary(uniqueKeysWithValues: agencies.map { agency in
            (agency.code, Tally(code: agency.code, name: agency.name))
        })
        let ids = try runner.store.caseIds(datedFrom: CalendarDate(year: year - 1, month: 1, day: 1) ?? .earliest, to: yearEnd)
        let decoder = JSONDecoder()
        try runner.store.forEachBatch(of: ids) { cases, _ in
            let results = try runner.store.auditResults(runId: run.id!, caseIds: cases.map(\.id))
            for c in cases {
                guard let record = results[c.id] else { continue }
                let audit = try decoder.decode(CaseAudit.self, from: Data(record.audit.utf8))
                let date = c.decision?.date ?? c.events.map(\.date).min()
                let thisYear = date?.year == year
                cards[c.agency, default: Tally(code: c.agency, name: c.agency)]
                    .add(c, audit, thisYear: thisYear, context: auditor.context(for: c, asOf: asOf))
            }
        }
        let result = cards.values.sorted { $0.code < $1.code }.map { $0.card(year: year, appraisal: runner.checklist.appraisal) }
        return (run, result)
    }
}

/// Running totals of one agency while cases stream by.
private struct Tally {
    var code: String
    var name: String
    var cases = 0, scoreSum = 0.0
    var previousCases = 0, previousScoreSum = 0.0
    var grades: [String: Int] = [:]
    var families: [String: Int] = [:]
    var failuresByRule: [String: Int] = [:]
    var disclosure = Coverage(count: 0, total: 0)
    var audioVideo = Coverage(count: 0, total: 0)
    var review = Coverage(count: 0, total: 0)
    var uncertified: Set<String> = []

    mutating func add(_ c: EnforcementCase, _ audit: CaseAudit, thisYear: Bool, context: AuditContext) {
        guard thisYear else {
            previousCases += 1
            previousScoreSum += audit.score
            return
        }
        cases += 1
        scoreSum += audit.score
        grades[audit.grade, default: 0] += 1
        let failures = audit.failures.filter { RuleCatalogue.rule($0.rule) != nil }
        for finding in failures {
            if let family = RuleFamily(ruleId: finding.rule) { families[family.rawValue, default: 0] += 1 }
            failuresByRule[finding.rule, default: 0] += 1
            if finding.rule == RuleID.officerCert.rawValue, let officer = finding.officer { uncertified.insert(officer) }
        }
        if context.decision != nil {
            let late = failures.contains { $0.rule == RuleID.discloseLate.rawValue || $0.rule == RuleID.discloseMissing.rawValue }
            let disclosed = c.disclosure?.date != nil || c.disclosure?.exempt != nil
            if late || disclosed {
                disclosure.total += 1
                if !late { disclosure.count += 1 }
            }
            if context.isMajor {
                review.total += 1
                if c.events.contains(where: { $0.kind == .legalReview && $0.result == .approved }) { review.count += 1 }
            }
        }
        for event in c.events where [.seizure, .seizureExtended, .demolition].contains(event.kind) {
            audioVideo.total += 1
            if event.records.contains(where: { $0.kind == .audioVideo }) { audioVideo.count += 1 }
        }
    }

    func card(year: Int, appraisal: [AppraisalDeduction]) -> AgencyScorecard {
        let lines = appraisal.map { item -> AppraisalLine in
            let occurrences = item.rules.reduce(0) { $0 + (failuresByRule[$1] ?? 0) }
            let raw = Double(occurrences) * item.each
            return AppraisalLine(id: item.id, title: item.title, occurrences: occurrences, deduction: min(raw, item.cap ?? raw))
        }
        return AgencyScorecard(
            agency: code, name: name, year: year, cases: cases,
            averageScore: cases == 0 ? nil : (scoreSum / Double(cases) * 10).rounded() / 10,
            previousYearCases: previousCases,
            previousYearAverage: previousCases == 0 ? nil : (previousScoreSum / Double(previousCases) * 10).rounded() / 10,
            grades: grades, failuresByFamily: families, disclosureOnTime: disclosure, audioVideoCoverage: audioVideo,
            legalReviewCoverage: review, uncertifiedOfficers: uncertified.sorted(), appraisal: lines,
            appraisalDeduction: lines.reduce(0) { $0 + $1.deduction })
    }
}
