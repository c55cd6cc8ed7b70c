import Audit
import AuditRuns
import CaseXML
import Checklists
import Foundation
import Testing
import WorkCalendar

@testable import CaseStore

/// A small deterministic generator, so that a failing mutation can be replayed from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum Mutator {
    static let junkValues = [
        "", "-1", "2024-02-30", "abc", "999999999999999999", "&", "<", "\"", "true", "penalty",
        "1.234", "2024-1-1", "O-1001 O-1001", "０", "organisation", "WH-CGJ", "license",
        // What an attacker tries (issue 11): numbers past every bound, files outside the folder.
        "2147483647", "9223372036854775808", "-9223372036854775808", "999999999999999.99", "365", "366",
        "/dev/zero", "/etc/shadow", "../../etc/passwd", "media/../../x", "."
    ]
    static let snippets = [
        "<event kind=\"filed\" date=\"2024-01-01\"/>", "</case>", "<case>", "<!-- 注释 -->", "<![CDATA[x]]>",
        "&amp;", "&undefined;", "<record kind=\"text\" title=\"t\"/>", "<penalty kind=\"fine\" amount=\"5\"/>",
        "<disclosure exempt=\"\"/>", "\u{1}", "<?pi x?>", "<events/>", "xmlns=\"urn:other\"",
        "<!DOCTYPE case [<!ENTITY a \"aaaaaaaaaa\">]>", "&a;&a;&a;", "<event kind=\"extension\" date=\"2024-01-02\" days=\"2147483647\"/>",
        "<record kind=\"photo\" title=\"p\" file=\"/dev/zero\"/>", "<record kind=\"photo\" title=\"p\" file=\"../x\"/>"
    ]

    static func mutate(_ text: String, using rng: inout SplitMix64) -> String {
        var characters = Array(text)
        for _ in 0..<Int.random(in: 1...3, using: &rng) where !characters.isEmpty {
            let at = Int.random(in: 0..<characters.count, using: &rng)
            switch Int.random(in: 0..<9, using: &rng) {
            case 0:
                characters.removeSubrange(at..<min(characters.count, at + Int.random(in: 1...20, using: &rng)))
            case 1:
                characters.removeSubrange(at...)
            case 2:
                if let digit = characters.indices.filter({ characters[$0].isNumber }).randomElement(using: &rng) {
                    characters[digit] = Character(String(Int.random(in: 0...9, using: &rng)))
                }
            case 3:
                characters.insert(contentsOf: snippets.randomElement(using: &rng)!, at: at)
            case 4:
                var lines = String(characters).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let line = Int.random(in: 0..<lines.count, using: &rng)
                lines.insert(lines[line], at: Int.random(in: 0...lines.count, using: &rng))
                characters = Array(lines.joined(separator: "\n"))
            case 5:
                var lines = String(characters).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                lines.swapAt(Int.random(in: 0..<lines.count, using: &rng), Int.random(in: 0..<lines.count, using: &rng))
                characters = Array(lines.joined(separator: "\n"))
            default:
                // Replace an attribute value, the commonest real-world defect.
                let quotes = characters.indices.filter { characters[$0] == "\"" }
                guard quotes.count >= 2 else { continue }
                let pair = Int.random(in: 0..<(quotes.count / 2), using: &rng) * 2
                characters.replaceSubrange((quotes[pair] + 1)..<quotes[pair + 1], with: junkValues.randomElement(using: &rng)!)
            }
        }
        return String(characters)
    }
}

@Suite struct RobustnessTests {
    @Test(arguments: Backend.allCases)
    func everyMutationIsImportedOrRefusedWithAMessageAndNeverHalfStored(_ backend: Backend) throws {
        let store = try backend.storeWithSampleRegistry()
        let sources = try
            (Repository.sampleCaseFiles + [
                Repository.samples.appendingPathComponent("registry.xml"),
                Repository.samples.appendingPathComponent("benchmarks/WH-SJJ.xml")
            ]).map { try String(contentsOf: $0, encoding: .utf8) }
        let folder = try TemporaryFolder()
        var rng = SplitMix64(state: 20_241_001)
        var imported = 0
        var refused = 0
        for round in 0..<2_000 {
            let text = Mutator.mutate(sources[Int.random(in: 0..<sources.count, using: &rng)], using: &rng)
            let file = try folder.write("mutation-\(round).xml", text)
            let before = try store.snapshot()
            let report = store.importPaths([file.path], actor: "fuzz")
            let result = try #require(report.files.first)
            switch result.outcome {
            case .imported:
                imported += 1
            case .failed(let diagnostics):
                refused += 1
                #expect(!diagnostics.isEmpty && diagnostics.allSatisfy { !$0.message.isEmpty }, "round \(round)")
                #expect(diagnostics.allSatisfy { $0.file == file.path }, "round \(round): \(diagnostics)")
                #expect(try store.snapshot() == before, "round \(round) changed the store although it failed")
            }
            try? FileManager.default.removeItem(at: file)
        }
        #expect(imported + refused == 2_000)
        #expect(imported > 100 && refused > 500, "imported \(imported), refused \(refused)")
        #expect(try store.verify().isIntact)
        // Whatever was accepted, the audit judges it or says it cannot: it never traps.
        let runner = AuditRunner(
            store: store, checklist: try ChecklistLoader.bundled().load("national"),
            calendar: try WorkingDayCalendar.bundled())
        let run = try runner.run(asOf: CalendarDate("2026-06-30")!, actor: "fuzz").run
        #expect(run.caseCount == (try store.caseCount()))
    }
}
