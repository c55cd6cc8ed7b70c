import Audit
import CaseModel
import CaseStore
import Foundation
import WorkCalendar

/// A campaign's results (评查活动结果): per agency, the sample, its average, its grades, the
/// problems found most often and the cases graded lowest with their reasons; per reviewer, how far
/// their cases have come. Every figure is worked out from the stored cases and scores now, as of
/// the campaign's day, so the report says what the reviewers have done so far.
public struct CampaignResults: Codable, Sendable, Equatable {
    public var name: String
    public var checklist: String
    public var asOf: String
    public var seed: String
    public var createdBy: String
    public var createdAt: String
    /// When the results were published to the agencies; nil while only the bureau sees them.
    public var publishedAt: String?
    public var agencies: [AgencyResult]
    public var reviewers: [ReviewerProgress]
    /// The grades the checklist defines, best first.
    public var grades: [String]

    public struct AgencyResult: Codable, Sendable, Equatable {
        public var agency: String
        public var name: String
        /// Its decided cases in scope when the campaign was drawn.
        public var candidates: Int
        public var drawn: Int
        /// Cases whose manual items are all scored, and of those whose review is signed (final).
        public var scored: Int
        public var signed: Int
        /// The average score of the drawn cases, nil when none has one; `provisional` of them 初评.
        public var average: Double?
        public var provisional: Int
        public var gradeCounts: [String: Int]
        /// The rules and items failed most often, most first (at most five).
        public var problems: [Problem]
        /// Cases graded lowest (不合格), with the titles of their failures.
        public var failing: [FailingCase]
    }

    public struct Problem: Codable, Sendable, Equatable {
        public var rule: String
        public var title: String
        public var cases: Int
    }

    public struct FailingCase: Codable, Sendable, Equatable {
        public var caseId: String
        public var score: Double
        public var grade: String
        public var provisional: Bool
        public var reasons: [String]
    }

    public struct ReviewerProgress: Codable, Sendable, Equatable {
        public var name: String
        /// Cases they review (评查人) and check (复核人).
        public var reviewing: Int
        public var checking: Int
        /// Of those they review, how many have every manual item scored, and how many are signed.
        public var scored: Int
        public var signed: Int
    }
}

extension AuditRunner {
    /// The results of campaign `name` as they stand (`CampaignResults`), or nil when there is no
    /// such campaign. The runner's checklist must be the campaign's (`CampaignRecord.checklist`).
    public func campaignResults(named name: String) throws -> CampaignResults? {
        guard let (campaign, cases) = try store.campaign(named: name), let asOf = CalendarDate(campaign.asOf) else { return nil }
        let auditor = try auditor()
        let registry = RegistryNames(try store.registry())
        let candidates = (try? JSONDecoder().decode([String: AgencyCandidates].self, from: Data(campaign.candidates.utf8))) ?? [:]
        var audits: [String: CaseAudit] = [:]
        try store.forEachBatch(of: cases.map(\.caseId), scattered: true) { batch, unreadable in
            for c in batch {
                audits[c.id] = auditor.audit(c, asOf: asOf, manualScores: try store.manualScores(caseId: c.id), keepPassing: false)
            }
            for u in unreadable { audits[u.id] = auditor.unreadable(id: u.id, agency: u.agency, reason: u.reason) }
        }
        let lowest = checklist.gradeNames.last
        let agencies = Dictionary(grouping: cases, by: \.agency).keys.sorted().map { agency -> CampaignResults.AgencyResult in
            let own = cases.filter { $0.agency == agency }.compactMap { audits[$0.caseId] }
            let scored = own.filter { !$0.isInProgress && $0.standing != .unreadable }
            var problems: [String: (title: String, cases: Int)] = [:]
            for audit in own {
                for finding in Dictionary(grouping: audit.failures, by: \.rule).values.compactMap(\.first) {
                    problems[finding.rule, default: (finding.title, 0)].cases += 1
                }
            }
            return CampaignResults.AgencyResult(
                agency: agency, name: registry.agency(agency), candidates: candidates[agency]?.count ?? 0, drawn: own.count,
                scored: own.filter { $0.review?.openItems == 0 }.count, signed: own.filter { !$0.isProvisional && !$0.isInProgress }.count,
                average: scored.isEmpty ? nil : (scored.reduce(0) { $0 + $1.score } / Double(scored.count) * 10).rounded() / 10,
                provisional: scored.filter(\.isProvisional).count,
                gradeCounts: Dictionary(grouping: scored, by: \.grade).mapValues(\.count),
                problems: problems.sorted { ($0.value.cases, $1.key) > ($1.value.cases, $0.key) }.prefix(5).map {
                    CampaignResults.Problem(rule: $0.key, title: $0.value.title, cases: $0.value.cases)
                },
                failing: scored.filter { $0.grade == lowest }.map {
                    CampaignResults.FailingCase(
                        caseId: $0.id, score: $0.score, grade: $0.grade, provisional: $0.isProvisional,
                        reasons: $0.failures.map(\.title))
                })
        }
        let names = Set(cases.flatMap { [$0.reviewer, $0.checker] }).sorted()
        let reviewers = names.map { name in
            let reviewing = cases.filter { $0.reviewer == name }
            return CampaignResults.ReviewerProgress(
                name: name, reviewing: reviewing.count, checking: cases.filter { $0.checker == name }.count,
                scored: reviewing.filter { audits[$0.caseId]?.review?.openItems == 0 }.count,
                signed: reviewing.filter { audits[$0.caseId].map { !$0.isProvisional && !$0.isInProgress } ?? false }.count)
        }
        return CampaignResults(
            name: campaign.name, checklist: checklist.title, asOf: campaign.asOf, seed: campaign.seed, createdBy: campaign.createdBy,
            createdAt: campaign.createdAt, publishedAt: campaign.publishedAt, agencies: agencies, reviewers: reviewers, grades: checklist.gradeNames)
    }
}
