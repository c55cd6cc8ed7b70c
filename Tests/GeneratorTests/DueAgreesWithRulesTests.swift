import Audit
import CaseModel
import Checklists
import Generator
import TestSupport
import Testing
import WorkCalendar

/// The early-warning list and the audit read their deadlines from one place (`Deadlines.swift`);
/// this holds them to it over thousands of generated cases seen on many as-of dates.
@Suite struct DueAgreesWithRulesTests {
    static let national = try! ChecklistLoader(directory: Repository.checklists).load("national")

    /// The rule that judges each obligation once its deadline has passed.
    static let ruleOf: [DueObligation.Kind: String] = [
        .disclosure: "DISCLOSE-MISSING", .delivery: "PROCEDURE-DELIVERY", .decision: "PROCEDURE-DEADLINE",
        .licenseDecision: "LICENSE-DEADLINE", .seizure: "SEIZURE-DEADLINE", .withdrawal: "DISCLOSE-WITHDRAW"
    ]

    @Test func everyDueItemHasTheDeadlineItsRuleJudgesBy() throws {
        let agencies = SyntheticAgencies(agencyCount: 6)
        let auditor = try CaseAuditor(
            checklist: Self.national, calendar: Repository.calendar, registry: agencies.registry,
            benchmarks: agencies.benchmarks)
        var factory = CaseFactory(agencies: agencies, calendar: Repository.calendar)
        factory.defectRate = 0.4
        var rng = SeededGenerator(seed: 77)
        var compared: [DueObligation.Kind: Int] = [:]
        var overdueSeen = 0
        for index in 0..<1_500 {
            var (c, _) = factory.make(index, using: &rng)
            // The generator never revokes a decision; every tenth disclosed case here is revoked
            // three weeks after its decision, so that the withdrawal period is compared too.
            if index % 10 == 0, let decided = c.decision?.date, c.disclosure?.date != nil, c.disclosure?.withdrawn == nil {
                c.events.append(Event(kind: .revoked, date: decided.adding(days: 21), revokedBy: .reconsideration))
            }
            guard let first = c.events.map(\.date).min() else { continue }
            // Before anything happened, while the case ran, after its deadlines, and long after.
            for offset in [0, 5, 12, 25, 45, 80, 400] {
                let asOf = first.adding(days: offset)
                let audit = auditor.audit(c, asOf: asOf, keepPassing: true)
                for due in DueScanner(auditor: auditor).obligations(of: c, asOf: asOf) {
                    let rule = try #require(Self.ruleOf[due.obligation])
                    let finding = try #require(audit.findings.first { $0.rule == rule }, "\(c.id) \(rule) as of \(asOf)")
                    let agrees = finding.deadline == due.deadline || finding.message.contains(due.deadline.description)
                    #expect(agrees, "\(c.id) as of \(asOf): due \(due.obligation.rawValue) \(due.deadline), rule says \(finding.message)")
                    if due.overdue {
                        overdueSeen += 1
                        #expect(finding.status == .fail, "\(c.id) as of \(asOf): overdue \(due.obligation.rawValue) but \(rule) \(finding.status)")
                    } else {
                        #expect(
                            finding.status != .fail || finding.deadline == due.deadline,
                            "\(c.id) as of \(asOf): \(rule) fails on another deadline than due's \(due.deadline)")
                    }
                    compared[due.obligation, default: 0] += 1
                }
            }
        }
        #expect(Set(compared.keys) == Set(DueObligation.Kind.allCases), "every kind compared: \(compared)")
        #expect(overdueSeen > 100)
    }
}
