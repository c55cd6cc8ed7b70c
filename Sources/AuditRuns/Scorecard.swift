import Audit
import CaseModel
import CaseStore
import Foundation

/// A ratio with its parts, so that "no case" is not shown as 0%.
public struct Coverage: Codable, Sendable, Equatable {
    public var count: Int
    public var total: Int

    public init(count: Int, total: Int) {
        self.count = count
        self.total = total
    }

    public var rate: Double? { total == 0 ? nil : Double(count) / Double(total) }

    public var text: String {
        guard let rate else { return "—" }
        return String(format: "%.1f%%（%d/%d）", rate * 100, count, total)
    }
}

/// One line of an annual 法治政府建设考核 for an agency, counted from rule failures and from what
/// became of decisions in 复议 and 诉讼.
public struct AppraisalLine: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var occurrences: Int
    public var deduction: Double

    public init(id: String, title: String, occurrences: Int, deduction: Double) {
        self.id = id
        self.title = title
        self.occurrences = occurrences
        self.deduction = deduction
    }
}

/// How one agency did in a year.
public struct AgencyScorecard: Codable, Sendable, Equatable {
    public var agency: String
    public var name: String
    public var year: Int
    /// Cases of the year with a decision: the ones scored, graded and averaged.
    public var cases: Int
    /// Cases of the year still 办理中 on the as-of date: their failures count, their scores do not.
    public var casesInProgress: Int
    /// Of `cases`, those whose score is still the machine's 初评 (manual items open or the
    /// conclusion unsigned): the average is theirs too, and says so.
    public var casesProvisional: Int
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
    /// 复议纠错率: of the year's decisions decided in 行政复议 by the as-of day, those revoked,
    /// changed, found unlawful or ordered to perform.
    public var reconsiderationCorrected: Coverage
    /// 败诉率: of the year's decisions judged in 行政诉讼 by the as-of day, those lost.
    public var litigationLost: Coverage
    public var appraisal: [AppraisalLine]
    public var appraisalDeduction: Double
}

/// The scorecards of one year, with the run they were counted from and the checklist's grades.
public struct Scorecards: Sendable {
    public var run: AuditRunRecord
    /// The checklist's grade names, best first: the columns of the grade counts.
    public var grades: [String]
    public var cards: [AgencyScorecard]
    /// Names of the agencies and officers the cards mention by code, as the registry holds them.
    public var names: RegistryNames
}

/// Builds agencies' scorecards for a year from a stored audit run that covers that year and the one before.
public struct ScorecardBuilder: Sendable {
    public let runner: AuditRunner

    public init(runner: AuditRunner) { self.runner = runner }

    /// Audits as of the year's last day (or `today`, if earlier) and aggregates per agency.
    /// Everything counted comes from the stored audits (their scores, findings and indicators),
    /// never from the live cases, so the scorecard says what the run it names says.
    public func build(year: Int, today: CalendarDate, actor: String) throws -> Scorecards {
        guard let yearEnd = CalendarDate(year: year, month: 12, day: 31) else {
            throw CalendarError.yearNotCovered(year)
        }
        let asOf = min(yearEnd, today)
        let run = try runner.run(asOf: asOf, actor: actor).run
        let registry = try runner.store.registry()
        let agencies = registry.agencies
        var cards = Dictionary(
            uniqueKeysWithValues: agencies.map { agency in
                (agency.code, Tally(code: agency.code, name: agency.name))
            })
        let ids = try runner.store.caseIds(datedFrom: CalendarDate(year: year - 1, month: 1, day: 1) ?? .earliest, to: yearEnd)
        let decoder = JSONDecoder()
        for start in stride(from: 0, to: ids.count, by: 512) {
            let batch = Array(ids[start..<min(start + 512, ids.count)])
            let results = try runner.store.auditResults(runId: run.id!, caseIds: batch)
            for id in batch {
                guard let record = results[id] else { continue }
                let audit = try decoder.decode(CaseAudit.self, from: Data(record.audit.utf8))
                // A case that could not be read has no indicators; its finding is in the run's report.
                guard let indicators = audit.indicators, let date = indicators.countedOn else { continue }
                cards[record.agency, default: Tally(code: record.agency, name: record.agency)]
                    .add(audit, indicators, thisYear: date.year == year)
            }
        }
        let result = cards.values.sorted { $0.code < $1.code }.map { $0.card(year: year, appraisal: runner.checklist.appraisal) }
        return Scorecards(run: run, grades: runner.checklist.gradeNames, cards: result, names: RegistryNames(registry))
    }
}

/// Running totals of one agency while cases stream by.
private struct Tally {
    var code: String
    var name: String
    var cases = 0, scoreSum = 0.0, inProgress = 0, provisional = 0
    var previousCases = 0, previousScoreSum = 0.0
    var grades: [String: Int] = [:]
    var families: [String: Int] = [:]
    var failuresByRule: [String: Int] = [:]
    var disclosure = Coverage(count: 0, total: 0)
    var audioVideo = Coverage(count: 0, total: 0)
    var review = Coverage(count: 0, total: 0)
    var uncertified: Set<String> = []
    var reconsidered = Coverage(count: 0, total: 0)
    var litigated = Coverage(count: 0, total: 0)

    mutating func add(_ audit: CaseAudit, _ indicators: CaseIndicators, thisYear: Bool) {
        guard thisYear else {
            if !audit.isInProgress {
                previousCases += 1
                previousScoreSum += audit.score
            }
            return
        }
        if audit.isInProgress {
            inProgress += 1
        } else {
            cases += 1
            scoreSum += audit.score
            grades[audit.grade, default: 0] += 1
            if audit.isProvisional { provisional += 1 }
        }
        for finding in audit.failures where RuleCatalogue.rule(finding.rule) != nil {
            if let family = RuleFamily(ruleId: finding.rule) { families[family.rawValue, default: 0] += 1 }
            failuresByRule[finding.rule, default: 0] += 1
            if finding.source == .rule(.officerCert), let officer = finding.officer { uncertified.insert(officer) }
        }
        if let onTime = indicators.disclosedOnTime {
            disclosure.total += 1
            if onTime { disclosure.count += 1 }
        }
        if let approved = indicators.legalReviewApproved {
            review.total += 1
            if approved { review.count += 1 }
        }
        if let ruling = indicators.reconsideration {
            reconsidered.total += 1
            if ruling.correctsDecision { reconsidered.count += 1 }
        }
        if let ruling = indicators.judgment {
            litigated.total += 1
            if ruling.correctsDecision { litigated.count += 1 }
        }
        audioVideo.total += indicators.sensitiveActs
        audioVideo.count += indicators.sensitiveActsRecorded
    }

    func card(year: Int, appraisal: [AppraisalDeduction]) -> AgencyScorecard {
        let lines = appraisal.map { item -> AppraisalLine in
            let outcomes = item.outcomes.reduce(0) { total, outcome in
                switch outcome {
                case .reconsiderationCorrected: total + reconsidered.count
                case .litigationLost: total + litigated.count
                }
            }
            let occurrences = item.rules.reduce(outcomes) { $0 + (failuresByRule[$1] ?? 0) }
            let raw = Double(occurrences) * item.each
            return AppraisalLine(id: item.id, title: item.title, occurrences: occurrences, deduction: min(raw, item.cap ?? raw))
        }
        return AgencyScorecard(
            agency: code, name: name, year: year, cases: cases, casesInProgress: inProgress, casesProvisional: provisional,
            averageScore: cases == 0 ? nil : (scoreSum / Double(cases) * 10).rounded() / 10,
            previousYearCases: previousCases,
            previousYearAverage: previousCases == 0 ? nil : (previousScoreSum / Double(previousCases) * 10).rounded() / 10,
            grades: grades, failuresByFamily: families, disclosureOnTime: disclosure, audioVideoCoverage: audioVideo,
            legalReviewCoverage: review, uncertifiedOfficers: uncertified.sorted(), reconsiderationCorrected: reconsidered,
            litigationLost: litigated, appraisal: lines,
            appraisalDeduction: lines.reduce(0) { $0 + $1.deduction })
    }
}
