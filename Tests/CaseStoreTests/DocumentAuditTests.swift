import Audit
import AuditRuns
import CaseModel
import CaseXML
import Checklists
import Foundation
import Generator
import TestSupport
import Testing

@testable import CaseStore

/// A decision written by hand in each format passes every document rule after a real import; a
/// hostile file in place of a decision gives a finding saying why, and the rest of the audit goes on.
@Suite struct DocumentAuditTests {
    static let decision = """
        芜湖市市场监督管理局
        行政处罚决定书
        芜市监处罚〔2030〕1号
        当事人：芜湖某食品有限公司
        住所：芜湖市镜湖区中山路1号
        经查，当事人于2029年12月2日经营超过保质期的食品。
        以上事实有现场检查笔录、询问笔录等证据证实。
        依据《中华人民共和国食品安全法》第一百二十四条第一款的规定，本局决定对当事人处以罚款人民币陆万元整。
        当事人应当自收到本决定书之日起十五日内缴纳罚款。
        如不服本决定，可以自收到本决定书之日起六十日内向芜湖市人民政府申请行政复议，也可以自收到本决定书之日起六个月内向人民法院提起行政诉讼。
        芜湖市市场监督管理局
        2030年1月7日
        """

    /// The case file naming `name` (in `documents/`) as its decision's 决定书.
    static func caseFile(_ id: String, _ name: String, _ data: Data) -> String {
        """
        <case xmlns="urn:zhifa:case:1" id="\(id)" agency="WH-SJJ" type="penalty">
          <party kind="organisation" name="芜湖某食品有限公司"/>
          <matter item="SJ-SP-124-1" violation-date="2029-12-02">经营超过保质期的食品</matter>
          <events>
            <event kind="decision" date="2030-01-07" number="芜市监处罚〔2030〕1号" officers="O-1001 O-1002">
              <record kind="text" title="行政处罚决定书" file="documents/\(name)" sha256="\(EvidenceCheck.sha256Hex(of: data))"/>
            </event>
          </events>
          <outcome><penalty kind="fine" amount="60000"/><base name="goods-value" amount="3200"/><discretion level="从轻" reason="初次违法"/></outcome>
        </case>
        """
    }

    static func audit(_ files: [(id: String, name: String, data: Data)]) throws -> [String: [Finding]] {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("documents"), withIntermediateDirectories: true)
        for file in files {
            try file.data.write(to: folder.url.appendingPathComponent("documents/\(file.name)"))
            try caseFile(file.id, file.name, file.data).write(
                to: folder.url.appendingPathComponent("\(file.id).xml"), atomically: true, encoding: .utf8)
        }
        let store = try CaseStore.inMemory()
        let samples = Repository.samples
        let report = store.importPaths(
            [samples.appendingPathComponent("registry.xml").path, samples.appendingPathComponent("benchmarks").path, folder.url.path],
            actor: "test")
        #expect(report.failures.isEmpty, "\(report.failures.map(\.outcome))")
        let runner = AuditRunner(
            store: store, checklist: try ChecklistLoader(directory: Repository.checklists).load("national"), calendar: Repository.calendar)
        let run = try runner.run(asOf: day("2030-06-30"), actor: "test").run
        var findings: [String: [Finding]] = [:]
        try AuditRunner.forEachCaseAudit(in: store, runId: run.id!) { findings[$0.id] = $0.findings }
        return findings
    }

    /// The PDF of `text`, printed by LibreOffice from its DOCX.
    static func pdf(_ text: String) throws -> Data {
        let folder = try TemporaryFolder()
        try DocumentFiles.data(text, as: .docx).write(to: folder.url.appendingPathComponent("d.docx"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/soffice")
        process.arguments = ["--headless", "--convert-to", "pdf", "d.docx"]
        process.currentDirectoryURL = folder.url
        process.environment = ["HOME": folder.url.path, "PATH": "/usr/bin:/bin"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return try Data(contentsOf: folder.url.appendingPathComponent("d.pdf"))
    }

    /// The decision's lines by the element of 第五十九条 they carry (the heading carries none).
    static let elements: [(element: String, lines: [String])] = [
        ("当事人的姓名或者名称、地址", ["当事人：", "住所："]),
        ("违法事实和证据", ["经查，", "以上事实"]),
        ("行政处罚的种类和依据", ["依据《"]),
        ("履行方式和期限", ["当事人应当"]),
        ("申请行政复议、提起行政诉讼的途径和期限", ["如不服"]),
        ("行政机关名称和作出决定的日期（落款）", ["2030年1月7日"])
    ]

    /// The decision without the lines that start with `prefixes` (the closing agency's name goes with its date).
    static func without(_ prefixes: [String]) -> String {
        var lines = decision.split(separator: "\n").map(String.init)
        if prefixes.contains("2030年1月7日") { lines.removeLast(2) }
        return lines.filter { line in !prefixes.contains { line.hasPrefix($0) } }.joined(separator: "\n")
    }

    @Test func takingEachElementOutOfEachFormatFailsExactlyThatElement() throws {
        var files: [(id: String, name: String, data: Data)] = []
        for (f, format) in [DocumentText.Format.text, .docx, .ofd].enumerated() {
            for (e, element) in Self.elements.enumerated() {
                files.append(
                    ("WH-SJJ-2030-1\(f)\(e)", "cut\(e).\(DocumentFiles.pathExtension(format))", try DocumentFiles.data(Self.without(element.lines), as: format))
                )
            }
        }
        let findings = try Self.audit(files)
        for file in files {
            let element = Self.elements[Int(String(file.id.last!))!].element
            let failing = try #require(findings[file.id]).filter { $0.rule.hasPrefix("DOC-") && $0.status != .notApplicable }
            #expect(failing.map(\.rule) == ["DOC-DECISION"], "\(file.name) without \(element): \(failing.map(\.message))")
            #expect(failing.first?.message.hasSuffix("未载明\(element)") == true, "\(file.name): \(failing.map(\.message))")
        }
    }

    @Test func aHandWrittenDecisionPassesInEveryFormatAndFailsWithoutItsRemedies() throws {
        let withoutRemedies = Self.decision.split(separator: "\n").filter { !$0.contains("行政复议") }.joined(separator: "\n")
        var files: [(id: String, name: String, data: Data)] = []
        for (index, format) in [DocumentText.Format.text, .docx, .ofd].enumerated() {
            let ext = DocumentFiles.pathExtension(format)
            files.append(("WH-SJJ-2030-000\(index)", "full.\(ext)", try DocumentFiles.data(Self.decision, as: format)))
            files.append(("WH-SJJ-2030-010\(index)", "cut.\(ext)", try DocumentFiles.data(withoutRemedies, as: format)))
        }
        files.append(("WH-SJJ-2030-0003", "full.pdf", try Self.pdf(Self.decision)))
        files.append(("WH-SJJ-2030-0103", "cut.pdf", try Self.pdf(withoutRemedies)))
        let findings = try Self.audit(files)
        for file in files {
            let documentFindings = try #require(findings[file.id]).filter { $0.rule.hasPrefix("DOC-") }
            let failing = Set(documentFindings.filter { $0.status != .pass && $0.status != .notApplicable }.map(\.rule))
            if file.name.hasPrefix("full") {
                #expect(failing.isEmpty, "\(file.name): \(documentFindings.map(\.message))")
                // A stored run keeps no passes: the proposals say the documents were read and passed.
                let proposals = try #require(findings[file.id]).filter { $0.proposal != nil }
                #expect(Set(proposals.map(\.rule)) == ["DOCUMENTS", "LAW"] && proposals.allSatisfy { $0.proposal?.deduction == 0 }, "\(file.name)")
                #expect(proposals.first { $0.rule == "DOCUMENTS" }?.message.contains("决定书要素、复议诉讼期限、文书与案卷一致") == true)
            } else {
                #expect(failing == ["DOC-DECISION"], "\(file.name): \(documentFindings.map(\.message))")
                #expect(documentFindings.contains { $0.message.hasSuffix("未载明申请行政复议、提起行政诉讼的途径和期限") })
            }
        }
    }

    /// The first bytes of a PNG of this size: what a reader learns its size from.
    static func pngHeader(width: UInt32, height: UInt32) -> Data {
        var data = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]) + Data("IHDR".utf8)
        for value in [width, height] { data += withUnsafeBytes(of: value.bigEndian) { Data($0) } }
        return data + Data([8, 2, 0, 0, 0, 0, 0, 0, 0])
    }

    @Test func hostileFilesGiveAFindingAndTheAuditGoesOn() throws {
        // Twenty megabytes of one letter: a DOCX of some twenty kilobytes, inflating 1000:1.
        let bomb = try DocumentFiles.data(String(repeating: "a", count: 20 << 20), as: .docx)
        let findings = try Self.audit([
            ("WH-SJJ-2030-0201", "bomb.docx", bomb),
            ("WH-SJJ-2030-0202", "pages.pdf", emptyPagesPDF(10_000)),
            ("WH-SJJ-2030-0203", "fine.txt", Data(Self.decision.utf8)),
            ("WH-SJJ-2030-0204", "scan.png", Self.pngHeader(width: 10_000, height: 10_000))
        ])
        let bombed = try #require(findings["WH-SJJ-2030-0201"]?.first { $0.rule == "DOC-DECISION" })
        #expect(bombed.status == .manual && bombed.message.contains("压缩比超过 200:1"), "\(bombed.message)")
        let paged = try #require(findings["WH-SJJ-2030-0202"]?.first { $0.rule == "DOC-AGREE" })
        #expect(paged.status == .manual && paged.message.contains("PDF 共 10000 页，超过 500 页的上限"))
        let huge = try #require(findings["WH-SJJ-2030-0204"]?.first { $0.rule == "DOC-APPEAL" })
        #expect(huge.status == .manual && huge.message.contains("图像为 10000×10000 像素，超过 50 百万像素的上限"))
        let judged = findings["WH-SJJ-2030-0203"]?.first { $0.rule == "DOCUMENTS" }?.proposal
        #expect(judged?.deduction == 0, "the other case is judged as ever")
        #expect(findings["WH-SJJ-2030-0201"]?.first { $0.rule == "DOCUMENTS" }?.proposal == nil, "no proposal from a document not read")
    }
}
