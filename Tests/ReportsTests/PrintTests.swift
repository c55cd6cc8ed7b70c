import Audit
import CaseModel
import CaseStore
import Foundation
import Reports
import Testing

/// Headless Chromium prints a page to PDF as an official would from the browser (A4, the page's
/// own footer, not Chromium's); the PDF is read back for its paper size and page count, and kept
/// in `.build/test-artifacts/` for a person to look at.
enum Printer {
    static var chromium: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    struct Printed {
        var pages: Int
        var a4: Bool
        var bytes: Int
    }

    static func print(_ html: URL, to pdf: URL, keepAs name: String) throws -> Printed {
        let browser = try #require(chromium, "CI must install Chromium (see scripts/install-prerequisites)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
            "--print-to-pdf=" + pdf.path, html.absoluteString
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning {
            process.terminate()
            Issue.record("Chromium did not print \(name) within 120 s")
        }
        process.waitUntilExit()
        let data = try Data(contentsOf: pdf)
        let text = String(decoding: data, as: UTF8.self)
        // Chromium's PDF writer keeps page dictionaries uncompressed: `/Type /Page` once per page.
        let pages = text.components(separatedBy: "/Type /Page").dropFirst().filter { !$0.hasPrefix("s") }.count
        let a4 = text.contains("/MediaBox [0 0 594.9") && text.contains(" 841.9")
        let artifacts = Repository.root.appendingPathComponent(".build/test-artifacts")
        try? FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: artifacts.appendingPathComponent(name))
        try? FileManager.default.copyItem(at: pdf, to: artifacts.appendingPathComponent(name))
        return Printed(pages: pages, a4: a4, bytes: data.count)
    }
}

@Suite struct PrintTests {
    /// The 案卷评查表 of a case with a veto: every checklist item once, the deductions and reasons,
    /// the total and the lines to sign.
    private func form(_ id: String) throws -> String {
        let (store, runner, _) = try Fixture.sampleRun()
        let registry = try store.registry()
        let auditor = try CaseAuditor(
            checklist: runner.checklist, calendar: runner.calendar, registry: registry,
            benchmarks: try store.benchmarkSets())
        let c = try #require(try store.loadCase(id: id))
        let audit = auditor.audit(c, asOf: day("2026-11-22"), keepPassing: true)
        return CaseEvaluationForm.html(
            case: c, audit: audit, checklist: runner.checklist, names: RegistryNames(registry),
            asOf: day("2026-11-22"))
    }

    @Test func theEvaluationFormListsEveryItemWithItsDeductionAndLinesToSign() throws {
        let html = try form("WH-CGJ-2024-0910")
        let checklist = Fixture.national
        let items = checklist.rules.values.filter(\.enabled).count + checklist.manualItems.count
        let rows = html.components(separatedBy: "<tr").count - 1
        // particulars (5 rows) + header + one row per category + one per item
        #expect(rows == 5 + 1 + checklist.categories.count + items, "\(rows)")
        #expect(html.contains("<td>芜湖市城市管理局</td>") && html.contains("沈某（自然人）"))
        #expect(html.contains("何某（O-2003）"), "officers by name")
        #expect(html.contains("初评得分：85分　　初评等级：不合格　　一票否决：执法人员无有效执法证　　（待人工评查 4 项，共24分，不作为评查结论）"))
        #expect(html.contains("否决，−10") && !html.contains("扣0分"))
        #expect(html.contains("评查人（签名）") && html.contains("复核人（签名）") && html.contains("评查意见"))
        #expect(html.contains("@page") && html.contains("counter(pages)") && html.contains("size: A4"))
        #expect(!html.contains("OFFICER-CERT"), "no rule codes on paper")
        // A case in progress has no score on its form.
        let open = try form("WH-SJJ-2024-0902")
        #expect(open.contains("评查结果：办理中") && !open.contains("评查得分"))
    }

    @Test(.enabled(if: Printer.chromium != nil || ProcessInfo.processInfo.environment["CI"] != nil))
    func theFormAndTheReportPrintOnA4WithPageNumbers() throws {
        let folder = try TemporaryFolder()
        let formPage = try folder.write("form.html", try form("WH-CGJ-2024-0910"))
        let form = try Printer.print(formPage, to: folder.file("form.pdf"), keepAs: "evaluation-form.pdf")
        #expect(form.a4)
        #expect((1...3).contains(form.pages), "\(form.pages) pages")

        let (store, runner, run) = try Fixture.sampleRun()
        let sink = try ReportSink(path: folder.file("report.html").path)
        try HTMLAuditReport.write(run: run, store: store, includeAll: false, grades: runner.checklist.gradeNames, to: sink)
        try sink.close()
        let report = try Printer.print(folder.file("report.html"), to: folder.file("report.pdf"), keepAs: "audit-report.pdf")
        #expect(report.a4)
        #expect(report.pages >= 5 && report.pages <= 20, "\(report.pages) pages")
        let html = try String(contentsOf: folder.file("report.html"), encoding: .utf8)
        #expect(html.contains("<table id=\"agencies\">") && html.contains("芜湖市城市管理局</td>"))
        #expect(html.contains("当事人：孙某某") && html.contains("决定文号：芜市监处罚〔2024〕204号"))
        #expect(html.contains("评查人（签名）"))
    }
}

/// The workbooks opened and printed by a spreadsheet program (LibreOffice), as an official would.
@Suite struct SpreadsheetPrintTests {
    static var soffice: String? {
        ["/usr/bin/soffice", "/usr/bin/libreoffice"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private func execute(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// CI installs LibreOffice and poppler; elsewhere the test runs when they are there.
    @Test(.enabled(if: soffice != nil || ProcessInfo.processInfo.environment["CI"] != nil))
    func theViolationsPrintLandscapeOnePageWideWithTheHeaderOnEveryPage() throws {
        let office = try #require(Self.soffice, "CI must install LibreOffice (see scripts/install-prerequisites)")
        let (store, _, run) = try Fixture.sampleRun()
        let folder = try TemporaryFolder()
        try ViolationExport.write(run: run, store: store, filter: ViolationFilter(), format: .xlsx, to: folder.file("violations.xlsx"))
        // A profile of its own, so that a LibreOffice already running elsewhere does not swallow the job.
        _ = try execute(
            office,
            [
                "-env:UserInstallation=file://" + folder.file("profile").path, "--headless",
                "--convert-to", "pdf", "--outdir", folder.url.path, folder.file("violations.xlsx").path
            ])
        let pdf = folder.file("violations.pdf")
        let data = try Data(contentsOf: pdf)
        let raw = String(decoding: data, as: UTF8.self)
        #expect(raw.hasPrefix("%PDF-"))
        let text = try execute("/usr/bin/pdftotext", ["-layout", pdf.path, "-"])
        let pages = text.components(separatedBy: "\u{0C}").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        // The list's pages, then the summary sheet's one.
        let listPages = pages.filter { $0.contains("问题清单") }
        #expect(listPages.count >= 2 && listPages.count <= 4, "\(listPages.count) pages of the list")
        // One page wide: every page holds the first and the last column, and its header repeats.
        for page in listPages {
            #expect(page.contains("执法主体") && page.contains("实际日期") && page.contains("法律依据"))
        }
        #expect(listPages.allSatisfy { $0.contains("页，共") }, "page numbers in the footer")
        // Landscape A4 and real date cells shown as dates, money with separators.
        let info = try execute("/usr/bin/pdfinfo", [pdf.path])
        #expect(info.contains("841.") && info.contains("x 595."), "\(info)")
        #expect(text.contains("800,000.00") && text.contains("2024-02-05"))
        let artifacts = Repository.root.appendingPathComponent(".build/test-artifacts")
        try? FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: artifacts.appendingPathComponent("violations.pdf"))
        try? FileManager.default.copyItem(at: pdf, to: artifacts.appendingPathComponent("violations.pdf"))
    }
}
