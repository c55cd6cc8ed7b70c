import CaseModel
import CaseXML
import Foundation
import Testing

/// Format 1.1: an agency's credit code and 权责清单, the power a case names, and 行政复议 and
/// 行政诉讼 events with their rulings; files of format 1.0 read as before.
@Suite struct FormatOnePointOneTests {
    let reader = CaseFileReader()

    func cases(_ text: String) throws -> [EnforcementCase] {
        let folder = try TemporaryFolder()
        let file = try folder.write("c.xml", text)
        var found: [EnforcementCase] = []
        try reader.readCases(file, displayName: "c.xml", checkEvidence: false) { c, _ in found.append(c) }
        return found
    }

    func problems(_ text: String) throws -> [String] {
        do {
            _ = try cases(text)
        } catch let error as CaseXMLError {
            return error.diagnostics.map(\.description)
        }
        Issue.record("accepted")
        return []
    }

    @Test func theSampleRegistryCarriesPowersAndCreditCodesAndWritesThemBack() throws {
        let url = Repository.samples.appendingPathComponent("registry.xml")
        let registry = try reader.readRegistry(url)
        let city = try #require(registry.agencies.first { $0.code == "WH-CGJ" })
        #expect(city.creditCode == "11340200MB0000002B" && city.powers.count == 6)
        let ads = try #require(city.powers.first { $0.code == "CG-CF-003" })
        #expect(ads.category == .penalty && ads.to == day("2024-12-31") && ads.inForce(on: day("2024-12-31")) && !ads.inForce(on: day("2025-01-01")))
        // Written and read again, the same registry.
        let folder = try TemporaryFolder()
        let again = try reader.readRegistry(try folder.write("r.xml", RegistryXMLWriter.document(registry)))
        #expect(again == registry)
    }

    @Test func rulingsAndPowersReadAndWriteBack() throws {
        let read = try cases(String(contentsOf: Repository.samples.appendingPathComponent("cases/format-1.1-WH-CGJ-2025.xml"), encoding: .utf8))
        #expect(read.map(\.power) == ["CG-CF-002", "CG-CF-001", "CG-CF-003"])
        let judgment = try #require(read[1].events.first { $0.kind == .judgment })
        #expect(judgment.ruling == .unlawful && judgment.number == "（2025）皖0202行初88号")
        #expect(read[0].withdrawalCause?.kind == .reconsiderationDecided)
        func lineless(_ c: EnforcementCase) -> EnforcementCase {
            var c = c
            for index in c.events.indices { c.events[index].line = 0 }
            return c
        }
        let same = try cases(CaseXMLWriter.document(read[0])).map(lineless) == [lineless(read[0])]
        #expect(same, "the case written and read again is the same")
    }

    @Test func aRulingOutOfPlaceIsRefusedWithItsLine() throws {
        func document(_ event: String) -> String {
            caseDocument(body: "<events><event kind=\"decision\" date=\"2024-01-02\" number=\"X\"/>\(event)</events>")
        }
        #expect(try problems(document(#"<event kind="judgment" date="2024-05-01"/>"#)).first?.contains("须写明结果 ruling") == true)
        #expect(try problems(document(#"<event kind="judgment" date="2024-05-01" ruling="upheld"/>"#)).first?.contains("没有“维持”") == true)
        #expect(try problems(document(#"<event kind="reconsideration-decided" date="2024-05-01" ruling="void"/>"#)).first?.contains("没有“确认无效”") == true)
        #expect(try problems(document(#"<event kind="delivery" date="2024-05-01" ruling="revoked"/>"#)).first?.contains("不写") == true)
        let bad = try problems(document(#"<event kind="judgment" date="2024-05-01" ruling="lost"/>"#))
        #expect(bad.count == 1 && bad.first?.contains("第4行") == true, "\(bad)")
        #expect(try cases(document(#"<event kind="judgment" date="2024-05-01" ruling="void"/>"#)).first?.events.last?.ruling == .void)
    }
}
