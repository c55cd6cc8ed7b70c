import CaseModel
import CaseXML
import Foundation
import Testing

@Suite struct WriterTests {
    let reader = CaseFileReader()

    private func readAll(_ url: URL, checkEvidence: Bool = false) throws -> [EnforcementCase] {
        var cases: [EnforcementCase] = []
        try reader.readCases(url, checkEvidence: checkEvidence) { c, _ in cases.append(c) }
        return cases
    }

    private func withoutLines(_ cases: [EnforcementCase]) -> [EnforcementCase] {
        cases.map { c in
            var copy = c
            copy.events = c.events.map {
                var e = $0
                e.line = 0
                return e
            }
            return copy
        }
    }

    @Test(arguments: Repository.sampleCaseFiles)
    func writesEverySampleCaseBackToTheSameValues(_ file: URL) throws {
        let original = try readAll(file)
        let folder = try TemporaryFolder()
        let rewritten = try folder.write("again.xml", CaseXMLWriter.document(cases: original))
        #expect(withoutLines(try readAll(rewritten)) == withoutLines(original))
        for c in original {
            let single = try folder.write("\(c.id).xml", CaseXMLWriter.document(c))
            #expect(withoutLines(try readAll(single)) == withoutLines([c]))
            // Canonical: writing what was read gives the very same text and hash.
            #expect(CaseXMLWriter.document(try readAll(single)[0]) == CaseXMLWriter.document(c))
        }
    }

    @Test func escapesTextAndAttributes() throws {
        let c = EnforcementCase(
            id: "E&<1>", agency: "WH-SJJ", type: .penalty,
            party: Party(kind: .individual, name: "\"引号\" & <尖括号>"),
            matter: Matter(text: "a < b & c > d"),
            disclosure: Disclosure(exempt: "涉及国家秘密", text: "]]> 不是 CDATA"))
        let folder = try TemporaryFolder()
        let file = try folder.write("escaped.xml", CaseXMLWriter.document(c))
        #expect(try readAll(file) == [c])
    }

    @Test func writesRegistryAndBenchmarksBackToTheSameValues() throws {
        let folder = try TemporaryFolder()
        let registry = try reader.readRegistry(Repository.samples.appendingPathComponent("registry.xml"))
        let registryAgain = try folder.write("registry.xml", RegistryXMLWriter.document(registry))
        #expect(try reader.readRegistry(registryAgain) == registry)
        for agency in ["WH-SJJ", "WH-CGJ", "WH-HBJ"] {
            let set = try reader.readBenchmarks(Repository.samples.appendingPathComponent("benchmarks/\(agency).xml"))
            let again = try folder.write("\(agency).xml", RegistryXMLWriter.document(set))
            #expect(try reader.readBenchmarks(again) == set)
        }
    }

    @Test func hashesContentNotFormatting() {
        var c = EnforcementCase(id: "H-1", agency: "WH-SJJ", type: .penalty, party: Party(kind: .individual, name: "甲"))
        let before = CaseXMLWriter.contentHash(c)
        #expect(before.count == 64)
        c.events.append(Event(kind: .filed, date: CalendarDate("2024-01-02")!, line: 17))
        let withEvent = CaseXMLWriter.contentHash(c)
        #expect(withEvent != before)
        c.events[0].line = 99
        #expect(CaseXMLWriter.contentHash(c) == withEvent)
    }
}
