import Foundation
import TestSupport
import Testing

/// `zhifa campaign`: a campaign drawn on the command line prints its seed; the same seed on a store
/// of the same cases draws the same cases and reviewers; `show` says how far each case has come.
@Suite struct CampaignCommandTests {
    /// A store of the samples and three reviewer accounts outside the registry.
    static func store(in folder: TemporaryFolder, _ name: String) throws -> String {
        let db = folder.file(name).path
        #expect(try Zhifa.run(["import", "--db", db, Repository.samples.path]).status == 0)
        for reviewer in ["甲评查", "乙评查", "丙评查"] {
            let added = try Zhifa.run(["user", "add", reviewer, "--role", "reviewer", "--password-stdin", "--db", db], input: "campaign password\n")
            #expect(added.status == 0, "\(added.err)")
        }
        return db
    }

    @Test func aCampaignIsDrawnAgainFromItsSeedAndShowsItsProgress() throws {
        let folder = try TemporaryFolder()
        let first = try Self.store(in: folder, "first.sqlite")
        let second = try Self.store(in: folder, "second.sqlite")
        let arguments = ["campaign", "create", "2024年度评查", "--as-of", "2024-12-31", "--sample", "2", "--seed", "20241231"]
        let created = try Zhifa.run(arguments + ["--db", first])
        #expect(created.status == 0 && created.out.contains("种子 20241231"), "\(created.err)")
        #expect(created.out.contains("芜湖市市场监督管理局：候选 22 件，抽取 2 件"), "\(created.out)")
        let again = try Zhifa.run(arguments + ["--db", second])
        let drawn = { (text: String) in text.split(separator: "\n").filter { $0.contains("评查人 ") } }
        #expect(drawn(again.out).count == 6 && drawn(again.out) == drawn(created.out))

        // The first drawn case, scored and signed by its own 评查人.
        let fields = try #require(drawn(created.out).first).split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
        let id = fields[0]
        let reviewer = String(try #require(fields.first { $0.hasPrefix("评查人 ") }).dropFirst("评查人 ".count))
        for item in ["FACTS", "EVIDENCE", "LAW", "DOCUMENTS"] {
            #expect(try Zhifa.run(["review", "--db", first, id, item, "--deduct", "0", "--reviewer", reviewer]).status == 0)
        }
        let other = ["甲评查", "乙评查", "丙评查"].first { $0 != reviewer }!
        #expect(try Zhifa.run(["sign", "--db", first, id, "--reviewer", other]).err.contains("由\(reviewer)评查，评查结论由其签署提交"))
        #expect(try Zhifa.run(["sign", "--db", first, id, "--reviewer", reviewer]).status == 0)
        let shown = try Zhifa.run(["campaign", "show", "2024年度评查", "--db", first]).out
        #expect(shown.contains("\(id)\t") && shown.contains("已签署（\(reviewer)）") && shown.contains("已签署 1 件，未完成 5 件"), "\(shown)")
        #expect(shown.contains("待人工评查 4 项，共24分"))
        #expect(try Zhifa.run(["campaign", "list", "--db", first]).out.contains("2024年度评查\t截至 2024-12-31\t种子 20241231"))
        #expect(try Zhifa.run(["campaign", "list", "--db", first]).out.contains("\t未公布"))
        #expect(try Zhifa.run(["campaign", "publish", "2024年度评查", "--db", first]).out.contains("结果已公布"))
        #expect(try Zhifa.run(["campaign", "list", "--db", first]).out.contains("\t已公布 "))
        #expect(try Zhifa.run(["campaign", "publish", "没有的活动", "--db", first]).err.contains("没有名为“没有的活动”的评查活动"))

        // The results, in every format; html and xlsx only to a file.
        let report = ["campaign", "report", "2024年度评查", "--db", first]
        let text = try Zhifa.run(report).out
        #expect(text.contains("芜湖市市场监督管理局：候选 22 件，抽取 2 件，已评分 ") && text.contains("抽取 2 件，已评分 1 件，已签署 1 件"), "\(text)")
        let json = try Zhifa.run(report + ["--format", "json"]).out
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((parsed["agencies"] as? [Any])?.count == 3 && parsed["seed"] as? String == "20241231")
        #expect(try Zhifa.run(report + ["--format", "html"]).err.contains("html 须以 --out 文件 指定输出文件"))
        let html = folder.file("结果.html")
        #expect(try Zhifa.run(report + ["--format", "html", "--out", html.path]).status == 0)
        let page = try String(contentsOf: html, encoding: .utf8)
        #expect(page.contains("@page { size: A4") && page.contains("id=\"signatures\"") && page.contains("芜湖市生态环境局"))
        let workbook = folder.file("结果.xlsx")
        #expect(try Zhifa.run(report + ["--format", "xlsx", "--out", workbook.path]).status == 0)
        #expect(try Data(contentsOf: workbook).prefix(2) == Data("PK".utf8))
    }

    @Test func mistakesAreRefusedInChinese() throws {
        let folder = try TemporaryFolder()
        let db = try Self.store(in: folder, "store.sqlite")
        let base = ["campaign", "create", "评查", "--as-of", "2024-12-31", "--db", db]
        #expect(try Zhifa.run(base).err.contains("抽取数量须指定"))
        #expect(try Zhifa.run(base + ["--share", "1.5"]).err.contains("抽取比例应大于 0、不超过 1"))
        #expect(try Zhifa.run(base + ["--sample", "0"]).err.contains("每个机关抽取的件数应在 1 到"))
        #expect(try Zhifa.run(base + ["--sample", "1", "--type", "无此类型"]).err.contains("不是案件类型"))
        #expect(try Zhifa.run(base + ["--sample", "1", "--reviewer", "甲评查"]).err.contains("无需回避"))
        #expect(try Zhifa.run(["campaign", "show", "没有的活动", "--db", db]).err.contains("没有名为“没有的活动”的评查活动"))
        #expect(try Zhifa.run(["campaign", "list", "--db", db]).out.isEmpty, "nothing refused was stored")
    }
}
