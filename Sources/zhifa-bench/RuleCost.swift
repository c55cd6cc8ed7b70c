import Audit
import CaseModel
import Checklists
import Foundation
import Generator
import WorkCalendar

/// `zhifa-bench rules N`: what each rule costs a case, the document rules beside the others. N
/// generated cases, every decided general-procedure fine with its 告知书 and 决定书 (the text as
/// the importer reads it), each rule's `check` timed over all of them on one thread, after one
/// warm-up pass. Prints nanoseconds per case audited and per case the rule applied to.
func ruleCosts(cases count: Int) throws {
    let calendar = try WorkingDayCalendar.bundled()
    let checklist = try ChecklistLoader.bundled().load("national")
    let agencies = SyntheticAgencies(agencyCount: 12)
    var factory = CaseFactory(agencies: agencies, calendar: calendar)
    factory.documentRate = 1
    var rng = SeededGenerator(seed: 2024)
    let cases = (0..<count).map { factory.make($0, using: &rng).0 }
    let withDocuments = cases.filter { c in c.events.contains { $0.records.contains { $0.document != nil } } }.count
    let auditor = try CaseAuditor(checklist: checklist, calendar: calendar, registry: agencies.registry, benchmarks: agencies.benchmarks)
    let asOf = CalendarDate(year: 2026, month: 11, day: 22)!
    // A context makes its documents' compact text once (`CaseDocument`): timed with and without them.
    var contexts: [AuditContext] = []
    let made = ContinuousClock().measure { contexts = cases.map { auditor.context(for: $0, asOf: asOf) } }
    let bare = cases.map { c in
        var c = c
        for e in c.events.indices { for r in c.events[e].records.indices { c.events[e].records[r].document = nil } }
        return c
    }
    let madeBare = ContinuousClock().measure { _ = bare.map { auditor.context(for: $0, asOf: asOf) } }
    func perCase(_ d: Duration) -> Double { (Double(d.components.seconds) * 1e9 + Double(d.components.attoseconds) / 1e9) / Double(count) }
    print(String(format: "context: %.0f ns a case with the documents, %.0f without", perCase(made), perCase(madeBare)))
    print("rules: \(count) cases, \(withDocuments) with their 告知书 and 决定书 read; ns per case (all cases / cases the rule judged)")
    var rows: [(String, Double, Double)] = []
    for rule in RuleCatalogue.all {
        var judged = 0
        for context in contexts where rule.scope.covers(context.enforcementCase.type) { _ = try? rule.check(context) }
        let elapsed = ContinuousClock().measure {
            judged = 0
            for context in contexts where rule.scope.covers(context.enforcementCase.type) {
                if case .notApplicable = (try? rule.check(context)) ?? .notApplicable("") { continue }
                judged += 1
            }
        }
        let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        rows.append((rule.id.rawValue, nanoseconds / Double(count), judged > 0 ? nanoseconds / Double(judged) : 0))
    }
    for (id, perCase, perJudged) in rows {
        print("  " + id.padding(toLength: 24, withPad: " ", startingAt: 0) + String(format: "%9.0f %10.0f", perCase, perJudged))
    }
    let documents = rows.filter { $0.0.hasPrefix("DOC-") }.reduce(0) { $0 + $1.1 }
    let others = rows.filter { !$0.0.hasPrefix("DOC-") }.reduce(0) { $0 + $1.1 }
    print(String(format: "  document rules %.0f ns a case, the other %d rules %.0f ns", documents, rows.count - 5, others))
}
