import Foundation
import TestSupport
import Testing

/// `zhifa generate --document-rate` writes documents the importer reads; the audit's findings name
/// them, as scripts see them.
@Suite struct DocumentCommandTests {
    @Test func generatedDocumentsAreReadAndJudged() throws {
        let folder = try TemporaryFolder()
        let data = folder.file("data").path
        let generated = try Zhifa.run(["generate", "--cases", "400", "--seed", "7", "--document-rate", "1", "--defect-rate", "0.5", "--out", data])
        #expect(generated.status == 0 && generated.out.contains("document"), "\(generated.out)\(generated.err)")
        let documents = try FileManager.default.contentsOfDirectory(atPath: folder.file("data/cases/documents").path)
        #expect(documents.count > 100 && Set(documents.map { ($0 as NSString).pathExtension }) == ["txt", "docx", "ofd"])
        let db = folder.file("store.sqlite").path
        #expect(try Zhifa.run(["import", "--db", db, data]).status == 0)
        let audit = try Zhifa.run(["audit", "--db", db, "--as-of", "2026-11-22", "--format", "json"])
        #expect(audit.status == 0)
        for rule in ["DOC-DECISION", "DOC-APPEAL", "DOC-AGREE"] {
            #expect(audit.out.contains(#""rule":"\#(rule)","severity":"major","status":"fail""#), "\(rule) planted and found")
        }
        #expect(audit.out.contains("机器建议扣"), "the DOCUMENTS item carries the proposal")

        let none = try Zhifa.run(["generate", "--cases", "200", "--document-rate", "0", "--out", folder.file("bare").path])
        #expect(none.status == 0 && !FileManager.default.fileExists(atPath: folder.file("bare/cases/documents").path))
        let refused = try Zhifa.run(["generate", "--cases", "10", "--document-rate", "2", "--out", folder.file("x").path])
        #expect(refused.status != 0 && refused.err.contains("--document-rate 是附文书文件的案件比例，应在 0 至 1 之间。"))
    }

    @Test func theReportAndTheFormCarryTheProposal() throws {
        let folder = try TemporaryFolder()
        let db = folder.file("store.sqlite").path
        #expect(try Zhifa.run(["import", "--db", db, Repository.samples.path]).status == 0)
        let text = try Zhifa.run(["audit", "--db", db, "--as-of", "2026-11-22", "--case", "WH-SJJ-2024-0203"])
        #expect(text.out.contains("文书是否规范：机器建议扣1分：行政处罚决定书（documents/0203-decision.pdf）载明申请行政复议的期限为30日，法定为六十日"), "\(text.out)")
        #expect(text.out.contains("适用法律是否正确：机器建议不扣分：机器读取文书未见问题（决定书引用依据）"))
        let form = folder.file("form.html").path
        #expect(try Zhifa.run(["form", "WH-SJJ-2024-0203", "--db", db, "--as-of", "2026-11-22", "--out", form]).status == 0)
        let html = try String(contentsOfFile: form, encoding: .utf8)
        // The document rules' rows say what they are for and take nothing off (no "−0").
        #expect(html.contains("<td>复议诉讼期限</td><td>机器建议，计入人工评查项“文书是否规范”</td><td class=\"number\">0</td>"), "\(html)")
        let shown = try Zhifa.run(["case", "show", "WH-SJJ-2024-0117", "--db", db])
        #expect(shown.out.contains("documents/0117-notice.ofd [校验一致] 文书内容：OFD 版式文件，1页 · 已读取"))
    }
}
