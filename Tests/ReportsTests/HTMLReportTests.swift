import Audit
import CLibXML2
import CaseStore
import Foundation
import Reports
import Testing

/// Reads an HTML file with libxml2's HTML parser and answers XPath number queries over it.
final class ParsedHTML {
    private let document: htmlDocPtr

    init(_ url: URL) throws {
        let data = try Data(contentsOf: url)
        let options = Int32(HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
        document = try data.withUnsafeBytes { bytes in
            guard let parsed = htmlReadMemory(bytes.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(bytes.count), url.path, "UTF-8", options) else {
                throw CocoaError(.fileReadCorruptFile)
            }
            return parsed
        }
    }

    deinit { xmlFreeDoc(document) }

    func number(_ xpath: String) -> Double {
        guard let context = xmlXPathNewContext(document) else { return .nan }
        defer { xmlXPathFreeContext(context) }
        guard let result = xpath.withCString({ xmlXPathEvalExpression(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self), context) }) else {
            return .nan
        }
        defer { xmlXPathFreeObject(result) }
        return xmlXPathCastToNumber(result)
    }

    func string(_ xpath: String) -> String {
        guard let context = xmlXPathNewContext(document) else { return "" }
        defer { xmlXPathFreeContext(context) }
        guard let result = xpath.withCString({ xmlXPathEvalExpression(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self), context) }),
            let text = xmlXPathCastToString(result)
        else { return "" }
        defer {
            xmlXPathFreeObject(result)
            free(text)
        }
        return String(cString: text)
    }
}

@Suite struct HTMLReportTests {
    func writeReport() throws -> (folder: TemporaryFolder, store: CaseStore, run: AuditRunRecord) {
        let (store, _, run) = try Fixture.sampleRun()
        let folder = try TemporaryFolder()
        let sink = try ReportSink(path: folder.file("report.html").path)
        try HTMLAuditReport.write(run: run, store: store, includeAll: false, grades: ["优秀", "良好", "合格", "不合格"], to: sink)
        try sink.close()
        return (folder, store, run)
    }

    @Test func summarisesTheRunAndListsEveryCaseAndFailure() throws {
        let (folder, store, run) = try writeReport()
        let html = try ParsedHTML(folder.file("report.html"))
        #expect(html.number("count(//section[@class='case'])") == Double(Repository.sampleCaseCount))
        #expect(html.number("count(//tr[@class='fail'])") == Double(try Fixture.failures(store, run).count))
        #expect(html.number("sum(//*[local-name()='rect'][@class='bar']/@data-count)") == Double(Repository.sampleCaseCount))
        #expect(html.number("//*[local-name()='rect'][@data-grade='不合格']/@data-count") == 6, "WH-CGJ-2025-0103 acted outside its powers")
        #expect(html.number("//*[local-name()='rect'][@data-grade='优秀']/@data-count") == 30)
        // WH-SJJ-2024-0902 has no decision: 办理中, never a score or 优秀.
        #expect(html.number("//*[local-name()='rect'][@data-grade='办理中']/@data-count") == 1)
        #expect(html.string("//table[@id='summary']//tr[2]/td[1]") == "\(Repository.sampleCaseCount)")
        #expect(html.string("//table[@id='summary']//tr[2]/td[2]") == "1")
        // Nobody reviewed the samples: the average says all its decided cases' scores are 初评.
        #expect(html.string("//table[@id='summary']//tr[2]/td[3]").hasSuffix("（初评 \(Repository.decidedSampleCaseCount)）"))
        #expect(html.string("//section[@id='WH-SJJ-2024-0204']/h3").contains("初评 "))
        #expect(html.string("//section[@id='WH-SJJ-2024-0902']/h3").contains("办理中"))
        #expect(!html.string("//section[@id='WH-SJJ-2024-0902']/h3").contains("分"))
        #expect(html.string("//section[@id='WH-SJJ-2024-0204']//tr[@class='fail']/@data-rule") == "DISCLOSE-LATE")
        #expect(html.string("//section[@id='WH-SJJ-2024-0204']//tr[@class='fail']/td[2]") == RuleCatalogue.rule("DISCLOSE-LATE")!.title)
        let text = try String(contentsOf: folder.file("report.html"), encoding: .utf8)
        #expect(!text.contains("http://") || text.components(separatedBy: "http://").count == 2, "no link but the SVG namespace")
        #expect(!text.contains("<script") && !text.contains("<link") && !text.contains("src="))
    }

    static var chromium: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// CI installs Chromium; elsewhere the test runs when it is there.
    @Test(.enabled(if: chromium != nil || ProcessInfo.processInfo.environment["CI"] != nil))
    func rendersAndPrintsInHeadlessChromium() throws {
        let browser = try #require(Self.chromium, "CI must install Chromium (see scripts/install-prerequisites)")
        let (folder, _, _) = try writeReport()
        let page = folder.file("report.html").absoluteString
        for (flag, name) in [("--screenshot=", "report.png"), ("--print-to-pdf=", "report.pdf")] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: browser)
            process.arguments = [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1100,1400",
                flag + folder.file(name).path, page
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // A browser that hangs must fail the test, not stall the whole run.
            let deadline = Date().addingTimeInterval(120)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
            if process.isRunning {
                process.terminate()
                Issue.record("Chromium did not finish \(name) within 120 s")
            }
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let png = try Data(contentsOf: folder.file("report.png"))
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(png.count > 20_000, "a rendered page, not a blank one")
        let pdf = try Data(contentsOf: folder.file("report.pdf"))
        #expect(String(decoding: pdf.prefix(5), as: UTF8.self) == "%PDF-")
        // Keep the rendering for a person to look at.
        let artifacts = Repository.root.appendingPathComponent(".build/test-artifacts")
        try? FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        for name in ["report.png", "report.pdf"] {
            try? FileManager.default.removeItem(at: artifacts.appendingPathComponent(name))
            try? FileManager.default.copyItem(at: folder.file(name), to: artifacts.appendingPathComponent(name))
        }
    }
}
