import ArgumentParser
import Audit
import AuditRuns
import CaseModel
import CaseStore
import Foundation
import Reports
import WorkCalendar

/// 评查活动: a supervision bureau's review campaign, drawn at random (双随机) and stored with its
/// seed, so that anyone can draw it again from the same cases and check it.
struct CampaignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign", abstract: "Review campaigns (评查活动): a random sample of each agency's cases and their reviewers.",
        subcommands: [Create.self, Show.self, Report.self, Publish.self, List.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw a campaign's sample and reviewers, and store it.",
            discussion: """
                Each agency's decided cases in scope are shuffled by a generator seeded with --seed (or a random seed, \
                which is printed) and the first --sample of them, or --share of them rounded up, are drawn (at least one \
                an agency). Every drawn case gets a 评查人 and a 复核人 from the pool, two different reviewers neither of \
                whom belongs to the case's agency, acted in it, or reviewed it in the previous campaign (回避).
                Example: zhifa campaign create 2024年度案卷评查 --as-of 2024-12-31 --share 0.1 --with-vetoed
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var options: AuditOptions

        @Argument(help: "The campaign's name.")
        var name: String

        @Option(help: ArgumentHelp("How many cases of each agency.", valueName: "n"))
        var sample: Int?

        @Option(help: ArgumentHelp("Or which share of each agency's cases, rounded up (0.1 = 10%).", valueName: "share"))
        var share: Double?

        @Flag(name: .customLong("with-vetoed"), help: "Also draw every case with a veto finding as of the day.")
        var withVetoed = false

        @Option(name: .customLong("agency"), help: ArgumentHelp("Only these agencies (repeat the option).", valueName: "code"))
        var agencies: [String] = []

        @Option(name: .customLong("decided-from"), help: ArgumentHelp("Only cases decided on or after this day.", valueName: "YYYY-MM-DD"))
        var decidedFrom: String?

        @Option(name: .customLong("decided-to"), help: ArgumentHelp("Only cases decided on or before this day.", valueName: "YYYY-MM-DD"))
        var decidedTo: String?

        @Option(name: .customLong("type"), help: ArgumentHelp("Only these case types (repeat the option).", valueName: "type"))
        var types: [String] = []

        @Option(name: .customLong("reviewer"), help: ArgumentHelp("The pool: these reviewer accounts (default: every reviewer).", valueName: "name"))
        var pool: [String] = []

        @Option(help: ArgumentHelp("The draw's seed, to draw a campaign again (default: random).", valueName: "number"))
        var seed: UInt64?

        func run() throws {
            let caseStore = try store.open()
            let runner = try options.runner(store: caseStore)
            let request = CampaignRequest(
                name: name, asOf: try options.date(),
                scope: CampaignScope(
                    agencies: agencies, decidedFrom: try day(decidedFrom, "--decided-from"), decidedTo: try day(decidedTo, "--decided-to"),
                    types: try types.map { text in
                        guard let type = CaseType(rawValue: text) else {
                            throw ValidationError("--type \(text) 不是案件类型，可选：\(CaseType.allCases.map(\.rawValue).joined(separator: "、"))。")
                        }
                        return type
                    }),
                size: SampleSize(count: sample, share: share, everyVetoed: withVetoed), seed: seed ?? CampaignRequest.randomSeed(), pool: pool)
            let result: CampaignDrawResult
            do {
                result = try runner.createCampaign(request, actor: store.actorName)
            } catch let error as CampaignError {
                throw CommandFailure(error.description)
            } catch let error as StoreError {
                throw CommandFailure(error.description)
            }
            let names = RegistryNames(try caseStore.registry())
            print("评查活动“\(name)”已抽取并保存：截至 \(request.asOf)，种子 \(request.seed)（zhifa campaign show \(name) 查看）")
            for (agency, candidates) in result.candidates.sorted(by: { $0.key < $1.key }) {
                let drawn = result.assignments.filter { $0.agency == agency }.count
                print("  \(names.agency(agency))：候选 \(candidates.count) 件，抽取 \(drawn) 件")
            }
            for a in result.assignments {
                print("  \(a.caseId)\t\(names.agency(a.agency))\t评查人 \(a.reviewer)\t复核人 \(a.checker)\(a.reason == .veto ? "\t（有否决项）" : "")")
            }
        }

        private func day(_ text: String?, _ option: String) throws -> CalendarDate? {
            guard let text else { return nil }
            guard let date = CalendarDate(text) else { throw ValidationError("\(option) \(text) 不是有效日期，应写作 YYYY-MM-DD。") }
            return date
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A campaign's draw and how far its review has come.")

        @OptionGroup var store: StoreOptions

        @Argument(help: "The campaign's name.")
        var name: String

        func run() throws {
            let caseStore = try store.open()
            guard let (campaign, cases) = try caseStore.campaign(named: name) else { throw CommandFailure("没有名为“\(name)”的评查活动。") }
            let checklist = try AuditOptions.parse(["--checklist", campaign.checklist]).runner(store: caseStore).checklist
            let names = RegistryNames(try caseStore.registry())
            let scores = try caseStore.manualScores()
            print("评查活动“\(campaign.name)”  评查表：\(checklist.title)  截至 \(campaign.asOf)  种子 \(campaign.seed)")
            print("由 \(campaign.createdBy) 于 \(campaign.createdAt) 抽取，共 \(cases.count) 件")
            var signed = 0
            for row in cases {
                let review = ManualReview.of(scores[row.caseId] ?? [], items: checklist.manualItems)
                if review.isFinal { signed += 1 }
                let state = review.isFinal ? "已签署（\(review.signedBy ?? "")）" : review.pendingText ?? ""
                print("  \(row.caseId)\t\(names.agency(row.agency))\t评查人 \(row.reviewer)\t复核人 \(row.checker)\t\(state)")
            }
            print("已签署 \(signed) 件，未完成 \(cases.count - signed) 件")
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A campaign's results per agency and reviewer, as they stand: text, JSON, a printable HTML page or a workbook.")

        @OptionGroup var store: StoreOptions

        @Argument(help: "The campaign's name.")
        var name: String

        @Option(help: "text, json, html (A4, with signature lines) or xlsx; html and xlsx need --out.")
        var format: Format = .text

        @Option(help: ArgumentHelp("Write here instead of standard output.", valueName: "file"))
        var out: String?

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, html, xlsx }

        func validate() throws {
            if format == .xlsx || format == .html, out == nil { throw ValidationError("\(format.rawValue) 须以 --out 文件 指定输出文件。") }
        }

        func run() throws {
            try checkOutput(out)
            let caseStore = try store.open()
            guard let (campaign, _) = try caseStore.campaign(named: name) else { throw CommandFailure("没有名为“\(name)”的评查活动。") }
            let runner = try AuditOptions.parse(["--checklist", campaign.checklist]).runner(store: caseStore)
            guard let results = try runner.campaignResults(named: name) else { throw CommandFailure("没有名为“\(name)”的评查活动。") }
            switch format {
            case .xlsx:
                try CampaignReport.workbook(results, to: URL(fileURLWithPath: out!))
                print("已写入评查活动“\(name)”的结果到 \(out!)")
            case .html: try emit(CampaignReport.html(results))
            case .json: try emit(try JSONOutput.string(results))
            case .text: try emit(CampaignReport.text(results))
            }
        }

        private func emit(_ text: String) throws {
            if let out { try OutputFile.write(Data((text + "\n").utf8), to: URL(fileURLWithPath: out)) } else { print(text) }
        }
    }

    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish a campaign's results: each agency's clerks then see their own agency's on the web.")

        @OptionGroup var store: StoreOptions

        @Argument(help: "The campaign's name.")
        var name: String

        func run() throws {
            guard try store.open().publishCampaign(named: name, actor: store.actorName) else { throw CommandFailure("没有名为“\(name)”的评查活动。") }
            print("评查活动“\(name)”的结果已公布：各执法主体可查看本机关的结果。")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every campaign, newest first.")

        @OptionGroup var store: StoreOptions

        func run() throws {
            for campaign in try store.open().campaigns() {
                print(
                    "\(campaign.name)\t截至 \(campaign.asOf)\t种子 \(campaign.seed)\t\(campaign.createdBy)\t\(campaign.createdAt)"
                        + "\t\(campaign.publishedAt.map { "已公布 \($0)" } ?? "未公布")")
            }
        }
    }
}
