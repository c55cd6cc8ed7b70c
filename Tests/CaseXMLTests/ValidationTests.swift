import CaseModel
import CaseXML
import Foundation
import Testing

@Suite struct ValidationTests {
    let reader = CaseFileReader()

    private func problems(_ text: String, name: String = "bad.xml") throws -> [XMLDiagnostic] {
        let folder = try TemporaryFolder()
        let file = try folder.write(name, text)
        var delivered = 0
        do {
            try reader.readCases(file, displayName: name) { _, _ in delivered += 1 }
        } catch let error as CaseXMLError {
            return error.diagnostics
        }
        Issue.record("the file was accepted with \(delivered) cases")
        return []
    }

    @Test func reportsMalformedXMLWithItsLine() throws {
        let found = try problems(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <case xmlns="urn:zhifa:case:1" id="B-1" agency="WH-SJJ" type="penalty">
              <party kind="organisation" name="某公司">
            </case>
            """)
        #expect(found.first?.description.hasPrefix("bad.xml 第4行：") == true)
        #expect(found.contains { $0.line == 4 && $0.message.contains("不配对") && $0.detail?.contains("mismatch") == true }, "\(found)")
    }

    @Test func reportsATruncatedBatchAndAnUnescapedAmpersandWithTheirLines() throws {
        let head = """
            <?xml version="1.0" encoding="UTF-8"?>
            <cases xmlns="urn:zhifa:case:1">
              <case id="A" agency="WH-SJJ" type="penalty"><party kind="individual" name="甲"/></case>
            """
        let truncated = try problems(head + "\n  <case id=\"B\" agency=\"WH-SJJ\" type=\"penalty\"><party kind=\"individual\" name=\"乙\"/>")
        #expect(truncated.first?.line == 4, "\(truncated)")
        let ampersand = try problems(head + "\n  <case id=\"B\" agency=\"WH-SJJ\" type=\"penalty\"><party kind=\"individual\" name=\"甲&乙\"/></case></cases>")
        #expect(ampersand.first?.line == 4, "\(ampersand)")
        #expect(ampersand.first?.message.contains("&amp;") == true)
        #expect(ampersand.first?.detail?.contains("EntityRef") == true)
    }

    @Test func reportsEverySchemaViolationOfABatchWithFileAndLine() throws {
        let found = try problems(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <cases xmlns="urn:zhifa:case:1">
              <case id="A-1" agency="WH-SJJ" type="penalty"><party kind="organisation" name="甲"/></case>
              <case id="A-2" agency="WH-SJJ" type="penalti">
                <party kind="organisation" name="乙"/>
                <events><event kind="filed" date="2024-02-30"/></events>
              </case>
              <case id="A-3" agency="WH-SJJ" type="penalty">
                <party kind="company" name="丙"/>
                <outcome><penalty kind="fine" amount="12.345"/></outcome>
              </case>
            </cases>
            """)
        #expect(found.map(\.line) == [4, 6, 9, 10])
        #expect(found.allSatisfy { $0.file == "bad.xml" })
        #expect(found[0].message.contains("penalti"))
        #expect(found[1].message.contains("2024-02-30"))
        #expect(found[2].message.contains("company"))
        #expect(found[3].message.contains("12.345"))
    }

    @Test func refusesChildrenOutOfOrderAndMissingRequiredParts() throws {
        let outOfOrder = try problems(caseDocument(body: "<disclosure date=\"2024-01-02\"/><matter>x</matter>"))
        #expect(outOfOrder.first?.line == 4)
        let noParty = try problems(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <case xmlns="urn:zhifa:case:1" id="T" agency="WH-SJJ" type="penalty"><events/></case>
            """)
        #expect(noParty.first?.message.contains("party") == true)
        let noDate = try problems(caseDocument(body: "<events><event kind=\"filed\"/></events>"))
        #expect(noDate.first?.message.contains("date") == true)
    }

    @Test func refusesDuplicateCaseIdsInOneBatch() throws {
        let found = try problems(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <cases xmlns="urn:zhifa:case:1">
              <case id="A-1" agency="WH-SJJ" type="penalty"><party kind="organisation" name="甲"/></case>
              <case id="A-1" agency="WH-SJJ" type="penalty"><party kind="organisation" name="乙"/></case>
            </cases>
            """)
        #expect(found.contains { $0.message.contains("重复") }, "\(found)")
    }

    @Test func refusesAmountsWithMoreThanTwoDecimalsAndHashesOfTheWrongLength() throws {
        #expect(try problems(caseDocument(body: "<outcome><penalty kind=\"fine\" amount=\"1.001\"/></outcome>")).count == 1)
        #expect(try problems(caseDocument(body: "<outcome><penalty kind=\"fine\" amount=\"-5\"/></outcome>")).count == 1)
        let record =
            "<events><event kind=\"inspection\" date=\"2024-01-02\"><record kind=\"photo\" title=\"照片\" file=\"a.jpg\" sha256=\"9f86d081884c7d65\"/></event></events>"
        #expect(try problems(caseDocument(body: record)).first?.message.contains("SHA-256 哈希") == true)
    }

    @Test func neverReadsExternalEntities() throws {
        let folder = try TemporaryFolder()
        let secret = try folder.write("secret.txt", "SECRET")
        let file = try folder.write(
            "xxe.xml",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE case [<!ENTITY leak SYSTEM "\(secret.path)">]>
            <case xmlns="urn:zhifa:case:1" id="X" agency="WH-SJJ" type="penalty">
              <party kind="organisation" name="甲"/>
              <matter>&leak;</matter>
            </case>
            """)
        var matter: String?
        _ = try? reader.readCases(file) { c, _ in matter = c.matter?.text }
        #expect(matter?.contains("SECRET") != true)
    }
}
