import CaseModel
import CaseXML
import Foundation
import Testing

/// libxml2's schema errors reach a clerk as Chinese sentences naming the line, the element and
/// attribute by their Chinese names, the value and what was expected; libxml2's text is kept.
@Suite struct SchemaMessageTests {
    private func problems(_ body: String, caseAttributes: String = "") throws -> [XMLDiagnostic] {
        let folder = try TemporaryFolder()
        let file = try folder.write("bad.xml", caseDocument(attributes: caseAttributes, body: body))
        do {
            try CaseFileReader().readCases(file, displayName: "bad.xml") { _, _ in }
        } catch let error as CaseXMLError {
            return error.diagnostics
        }
        Issue.record("the file was accepted")
        return []
    }

    /// Events on lines 5 onward of `caseDocument`: the party is line 3, `<events>` line 4.
    private func events(_ lines: [String]) -> String {
        "<events>\n" + lines.joined(separator: "\n") + "\n</events>"
    }

    @Test func anImpossibleDateNamesTheEventByItsKind() throws {
        let found = try problems(
            events([
                #"<event kind="discovered" date="2024-10-01"/>"#,
                #"<event kind="filed" date="2024-10-32" officers="O-1 O-2"/>"#
            ]))
        #expect(found.map(\.line) == [6], "\(found)")
        #expect(found.first?.message == "事件“立案”的日期“2024-10-32”不是有效日期（应写作 YYYY-MM-DD，如 2024-10-08）")
        #expect(found.first?.description == "bad.xml 第6行：事件“立案”的日期“2024-10-32”不是有效日期（应写作 YYYY-MM-DD，如 2024-10-08）")
        #expect(found.first?.detail?.contains("'2024-10-32' is not a valid value") == true)
        #expect(found.first?.verboseDescription.contains("libxml2：Element '{urn:zhifa:case:1}event'") == true)
        // The day before is a real date: the same file with 2024-10-31 is accepted.
        let folder = try TemporaryFolder()
        let good = try folder.write("good.xml", caseDocument(body: events([#"<event kind="filed" date="2024-10-31" officers="O-1 O-2"/>"#])))
        var read = 0
        try CaseFileReader().readCases(good) { _, _ in read += 1 }
        #expect(read == 1)
    }

    @Test func codesOutsideTheListOfferTheListWithItsLabels() throws {
        let method = try problems(events([#"<event kind="delivery" date="2024-10-08" method="pigeon"/>"#]))
        #expect(method.first?.message == "事件“送达”的送达方式“pigeon”不是可用的取值；可选：direct（直接送达）、mail（邮寄送达）、electronic（电子送达）、left（留置送达）、public-notice（公告送达）")
        let kind = try problems(events([#"<event kind="speech" date="2024-10-08"/>"#]))
        #expect(kind.first?.message.hasPrefix("事件的事件类型“speech”不是可用的取值；可选：discovered（发现线索）、filed（立案）") == true)
        let party = try problems("", caseAttributes: #"procedure="slow""#)
        #expect(party.first?.message.hasPrefix("案件的程序“slow”不是可用的取值；可选：general（普通程序）、simple（简易程序）、fast（快速办理）") == true)
    }

    @Test func missingAndUnknownAttributesAndMisplacedElements() throws {
        let missing = try problems(events([#"<event kind="filed"/>"#]))
        #expect(missing.first?.message == "事件“立案”缺少必填的日期（属性 date）")
        let unknown = try problems(events([#"<event kind="filed" date="2024-10-08" colour="red"/>"#]))
        #expect(unknown.first?.message == "事件“立案”不能有属性 colour（交换格式中没有这个属性，请检查拼写）")
        let amount = try problems("<outcome><penalty kind=\"fine\" amount=\"1.001\"/></outcome>")
        #expect(amount.first?.message == "处罚的金额“1.001”不是以元为单位、至多两位小数的金额")
        let boolean = try problems(events([#"<event kind="notice" date="2024-10-08" hearing-rights="maybe"/>"#]))
        #expect(boolean.first?.message == "事件“告知”的听证权利告知“maybe”不是 true 或 false")
        let misplaced = try problems("<outcome><discretion level=\"一般\"/><bogus/></outcome>")
        #expect(misplaced.first?.message.hasPrefix("此处不应出现<bogus>") == true)
    }

    @Test func aShapeNotInTheTableKeepsLibxml2sWordsBehindAChineseLead() throws {
        let found = try problems("<outcome>\u{1}</outcome>")
        #expect(found.isEmpty == false)
        #expect(found.allSatisfy { $0.message.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF } }, "\(found)")
    }
}
