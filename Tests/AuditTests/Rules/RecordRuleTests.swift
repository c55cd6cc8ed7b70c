import Audit
import CaseModel
import Testing

/// RECORD-AV-REQUIRED, RECORD-AV-ADVISED, RECORD-TEXT, RECORD-INTEGRITY.
@Suite struct RecordRuleTests {
    @Test func seizuresAndDemolitionsNeedAudioVideo() {
        let with = EnforcementCase(
            id: "S", agency: "X", type: .coercion, party: Party(kind: .individual, name: "甲"),
            events: [.e(.seizure, "2024-01-15", "A B", records: [.text, .audioVideo])])
        var without = with
        without.events = [.e(.seizure, "2024-01-15", "A B", records: [.text, .photo]), .e(.demolition, "2024-02-01", "A B")]
        #expect(status("RECORD-AV-REQUIRED", with) == .pass)
        #expect(findings("RECORD-AV-REQUIRED", without).map(\.status) == [.fail, .fail])
        #expect(findings("RECORD-AV-REQUIRED", without).map(\.deduction) == [5, 2])
        #expect(status("RECORD-AV-REQUIRED", penalty([.e(.inspection, "2024-01-15", "A B")])) == .notApplicable)
    }

    @Test func audioVideoIsAdvisedForInspectionsAndHardDeliveries() {
        #expect(status("RECORD-AV-ADVISED", penalty([.e(.inspection, "2024-01-15", "A B", records: [.text, .audioVideo])])) == .pass)
        #expect(status("RECORD-AV-ADVISED", penalty([.e(.inspection, "2024-01-15", "A B")])) == .fail)
        #expect(status("RECORD-AV-ADVISED", penalty([.e(.delivery, "2024-01-15") { $0.method = .left }])) == .fail)
        #expect(status("RECORD-AV-ADVISED", penalty([.e(.delivery, "2024-01-15") { $0.method = .direct }])) == .notApplicable)
        #expect(findings("RECORD-AV-ADVISED", penalty([.e(.inspection, "2024-01-15", "A B")])).first?.severity == .advice)
    }

    @Test func writtenStepsNeedATextRecord() {
        #expect(status("RECORD-TEXT", penalty([.e(.decision, "2024-01-15", "A B")])) == .pass)
        #expect(status("RECORD-TEXT", penalty([.e(.decision, "2024-01-15", "A B", records: [.photo])])) == .fail)
        #expect(status("RECORD-TEXT", penalty([.e(.discovered, "2024-01-15", records: [])])) == .notApplicable)
    }

    @Test func integrityFailsOnMissingAndChangedFilesOnly() {
        func withEvidence(_ evidence: Record.Evidence) -> EnforcementCase {
            penalty([
                .e(.inspection, "2024-01-15", "A B") {
                    $0.records.append(Record(kind: .audioVideo, title: "视频", file: "a.mp4", sha256: String(repeating: "0", count: 64), evidence: evidence))
                }
            ])
        }
        #expect(status("RECORD-INTEGRITY", withEvidence(.ok)) == .pass)
        #expect(status("RECORD-INTEGRITY", withEvidence(.unverified)) == .pass)
        #expect(status("RECORD-INTEGRITY", withEvidence(.mismatch)) == .fail)
        #expect(status("RECORD-INTEGRITY", withEvidence(.missing)) == .fail)
        #expect(status("RECORD-INTEGRITY", penalty([.e(.inspection, "2024-01-15", "A B")])) == .notApplicable)
    }
}
