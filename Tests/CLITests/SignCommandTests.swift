import Foundation
import TestSupport
import Testing

/// `zhifa sign`: the conclusion signed only once every manual item is scored; the audit and its
/// summary then count the case as final, not 初评.
@Suite struct SignCommandTests {
    @Test func signingFollowsScoringAndMakesTheScoreFinal() throws {
        let folder = try TemporaryFolder()
        let db = folder.file("store.sqlite").path
        #expect(try Zhifa.run(["import", "--db", db, Repository.samples.path]).status == 0)
        let id = "WH-SJJ-2024-0117"
        let early = try Zhifa.run(["sign", "--db", db, id, "--reviewer", "陈某"])
        #expect(early.status != 0 && early.err.contains("尚有 4 项人工评查项（共24分）未评分"), "\(early.err)")
        for item in ["FACTS", "EVIDENCE", "LAW", "DOCUMENTS"] {
            #expect(try Zhifa.run(["review", "--db", db, id, item, "--deduct", "0", "--reviewer", "陈某"]).status == 0)
        }
        let summaryBefore = try Zhifa.run(["audit", "--db", db, "--as-of", "2026-11-22", "--format", "summary"]).out
        #expect(summaryBefore.contains("其中初评 \(Repository.decidedSampleCaseCount) 件"), "\(summaryBefore)")
        let signed = try Zhifa.run(["sign", "--db", db, id, "--reviewer", "陈某", "--note", "案卷规范"])
        #expect(signed.status == 0 && signed.out.contains("评查结论已由陈某签署"), "\(signed.err)")
        let audit = try Zhifa.run(["audit", "--db", db, "--as-of", "2026-11-22", "--case", id]).out
        #expect(audit.contains("\(id)  ") && !audit.contains("初评 "), "\(audit)")
        let full = try Zhifa.run(["audit", "--db", db, "--as-of", "2026-11-22"]).out
        let summary = try Zhifa.run(["audit", "--db", db, "--as-of", "2026-11-22", "--format", "summary"]).out
        #expect(summary.contains("其中初评 \(Repository.decidedSampleCaseCount - 1) 件"), "\(summary)")
        let fullLast = full.split(separator: "\n").last.map(String.init)
        let summaryLines = summary.split(separator: "\n").map(String.init)
        #expect(summaryLines.count > 2 && fullLast == summaryLines[2])
        #expect(try Zhifa.run(["sign", "--db", db, "没有的案件", "--reviewer", "陈某"]).err.contains("没有编号为 没有的案件 的案件"))
    }
}

/// `zhifa finding`: 确认 / 更正 of a machine finding from the command line.
@Suite struct FindingCommandTests {
    @Test func aCorrectionChangesTheScoreAndIsRefusedWithoutAReason() throws {
        let folder = try TemporaryFolder()
        let db = folder.file("store.sqlite").path
        #expect(try Zhifa.run(["import", "--db", db, Repository.samples.path]).status == 0)
        let id = "WH-CGJ-2024-0910"
        let base = ["finding", "--db", db, "--as-of", "2026-11-22", id, "OFFICER-CERT", "--reviewer", "陈某"]
        #expect(try Zhifa.run(base).err.contains("请给出 --confirm 或 --correct 理由"))
        #expect(try Zhifa.run(base + ["--correct", " "]).err.contains("须写明理由"))
        #expect(try Zhifa.run(["finding", "--db", db, "--as-of", "2026-11-22", id, "DISCLOSE-LATE", "--confirm", "--reviewer", "陈某"]).err.contains("无可确认或更正"))
        let corrected = try Zhifa.run(base + ["--correct", "吊销决定已撤销"])
        #expect(corrected.status == 0 && corrected.out.contains("已由陈某更正。截至 2026-11-22：初评 90分 · 优秀"), "\(corrected.err)")
        let audit = try Zhifa.run(["audit", "--db", db, "--as-of", "2026-11-22", "--case", id]).out
        #expect(audit.contains("更正 OFFICER-CERT") && audit.contains("评查人员更正：吊销决定已撤销（陈某 "), "\(audit)")
        let confirmed = try Zhifa.run(base + ["--confirm"])
        #expect(confirmed.status == 0 && confirmed.out.contains("初评 85分 · 不合格"))
    }
}

/// `zhifa check`: the second reviewer passes or returns a signed review.
@Suite struct CheckCommandTests {
    @Test func aReturnVoidsTheSignatureAndAPassNamesTheChecker() throws {
        let folder = try TemporaryFolder()
        let db = folder.file("store.sqlite").path
        #expect(try Zhifa.run(["import", "--db", db, Repository.samples.path]).status == 0)
        let id = "WH-SJJ-2024-0117"
        #expect(try Zhifa.run(["check", "--db", db, id, "--checker", "李某", "--pass"]).err.contains("尚未签署评查结论"))
        #expect(try Zhifa.run(["review", "--db", db, id, "FACTS", "--deduct", "2", "--reviewer", "陈某"]).err.contains("扣 2 分须写明理由"))
        for item in ["FACTS", "EVIDENCE", "LAW", "DOCUMENTS"] {
            #expect(try Zhifa.run(["review", "--db", db, id, item, "--deduct", "0", "--reviewer", "陈某"]).status == 0)
        }
        #expect(try Zhifa.run(["sign", "--db", db, id, "--reviewer", "陈某"]).status == 0)
        #expect(try Zhifa.run(["check", "--db", db, id, "--checker", "陈某", "--pass"]).err.contains("复核人不能是签署评查结论的评查人"))
        #expect(try Zhifa.run(["check", "--db", db, id, "--checker", "李某"]).err.contains("请给出 --pass 或 --return"))
        let returned = try Zhifa.run(["check", "--db", db, id, "--checker", "李某", "--return", "证据扣分理由不足"])
        #expect(returned.status == 0 && returned.out.contains("已由李某退回，待陈某重新签署评查结论"))
        let audit = try Zhifa.run(["audit", "--db", db, "--as-of", "2026-11-22", "--case", id]).out
        #expect(audit.contains("复核退回：证据扣分理由不足（李某 "), "\(audit)")
        #expect(try Zhifa.run(["sign", "--db", db, id, "--reviewer", "陈某"]).status == 0)
        #expect(try Zhifa.run(["check", "--db", db, id, "--checker", "李某", "--pass"]).out.contains("已由李某复核通过"))
        let form = try Zhifa.run(["form", "--db", db, id, "--as-of", "2026-11-22"]).out
        #expect(form.contains("复核：李某 "))
    }
}
