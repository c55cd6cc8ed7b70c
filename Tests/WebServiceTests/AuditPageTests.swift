import AuditRuns
import CaseModel
import CaseStore
import Foundation
import Testing

/// A run's page counts its grades and average from the totals stored with the run and lists the
/// cases with problems read as far as it lists: the same as the run's every result says.
@Suite struct AuditPageTests {
    @Test(arguments: [nil, "WH-SJJ"])
    func theRunPageSaysWhatTheRunsResultsSay(_ agency: String?) async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let reviewer = try await Browser.signIn(client, as: Accounts.reviewer)
            let page = try await reviewer.get("/audit?asOf=2024-12-31" + (agency.map { "&agency=\($0)" } ?? "")).text
            let run = try fixture.web.runner.run(asOf: CalendarDate("2024-12-31")!, selection: AuditSelection(agency: agency), actor: "test")
            #expect(run.reused, "the page stored the run")
            var failing: [String] = []
            var grades: [String: Int] = [:]
            var total = 0.0
            var decided = 0
            try fixture.store.forEachAuditResult(runId: run.run.id!, agency: agency) { result in
                grades[result.grade, default: 0] += 1
                if CaseStanding(storedGrade: result.grade) != .inProgress {
                    decided += 1
                    total += result.score
                }
                if result.failures > 0 || result.veto { failing.append(result.caseId) }
            }
            let listed = page.matches(of: #/<tr><td><a href="[^"]*">([^<]*)</a></td>/#).map { String($0.output.1) }
            #expect(!failing.isEmpty && listed == failing)
            #expect(page.contains("已决定案件平均 \(String(format: "%.1f", total / Double(decided))) 分"))
            let counts = page.firstMatch(of: #/<tbody><tr>((?:<td>\d+</td>)+)</tr></tbody>/#).map { String($0.output.1) } ?? ""
            let expected = fixture.web.runner.checklist.gradeNames.map { "<td>\(grades[$0] ?? 0)</td>" }.joined()
            #expect(counts == expected)
        }
    }
}
