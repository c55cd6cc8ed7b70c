import Audit
import CaseModel
import Foundation
import Testing

/// The document rules on a 决定书 and a 告知书 written by hand: every element present passes every
/// rule; each element taken away fails the rule for it; amounts, dates and periods on both sides.
@Suite struct DocumentRuleTests {
    /// The 决定书's parts, by the element of 行政处罚法 第五十九条 each carries.
    static let decisionParts: [(element: String, text: String)] = [
        ("", "某局\n行政处罚决定书\n某罚〔2024〕12号"),
        ("当事人的姓名或者名称、地址", "当事人：某食品有限公司\n住所：某市中山路1号"),
        ("违法事实和证据", "经查，当事人于2024年5月6日经营超过保质期的食品。\n以上事实有现场检查笔录、询问笔录、抽样检验报告等证据证实。"),
        ("行政处罚的种类和依据", "依据《中华人民共和国食品安全法》第一百二十四条第一款的规定，本局决定对当事人处以罚款人民币贰万元整。"),
        ("履行方式和期限", "当事人应当自收到本决定书之日起十五日内缴纳罚款。"),
        (
            "申请行政复议、提起行政诉讼的途径和期限",
            "如不服本决定，可以在收到本决定书之日起六十日内向某市人民政府申请行政复议，也可以在六个月内向某区人民法院提起行政诉讼。"
        ),
        ("行政机关名称和作出决定的日期", "某局\n2024年6月12日")
    ]
    static let decisionText = decisionParts.map(\.text).joined(separator: "\n")

    static let noticeText = """
        某局
        行政处罚告知书
        某食品有限公司：
        经查，你单位于2024年5月6日经营超过保质期的食品，有现场检查笔录等证据证实。
        你单位的上述行为违反了《中华人民共和国食品安全法》第三十四条的规定，依据《中华人民共和国食品安全法》第一百二十四条第一款，本局拟对你单位处以罚款贰万元。
        你单位有权进行陈述和申辩，可在收到本告知书之日起五日内提出。
        某局
        2024年5月20日
        """

    static func document(_ text: String, status: DocumentText.Status = .read, reason: String? = nil) -> DocumentText {
        DocumentText(format: .text, status: status, reason: reason, text: text)
    }

    static func record(_ title: String, _ document: DocumentText?) -> Record {
        var record = Record(kind: .text, title: title, file: "\(title).txt", sha256: String(repeating: "a", count: 64), evidence: .ok)
        record.document = document
        return record
    }

    /// A fine of `fine` decided on `decided` with the two documents attached.
    static func decided(
        decision: String? = decisionText, notice: String? = noticeText, fine: String = "20000", decided: String = "2024-06-12",
        number: String = "某罚〔2024〕12号", item: String? = "LICENCE", decisionDocument: DocumentText? = nil
    ) -> EnforcementCase {
        var c = penalty(
            [
                .e(.notice, "2024-05-20", "A B") { $0.hearingRights = false },
                .e(.decision, decided, "A B") { $0.number = number }
            ], item: item, fine: fine)
        c.party.name = "某食品有限公司"
        if let notice { c.events[0].records.append(record("行政处罚告知书", document(notice))) }
        if let text = decisionDocument ?? decision.map({ document($0) }) { c.events[1].records.append(record("行政处罚决定书", text)) }
        return c
    }

    static let rules = ["DOC-DECISION", "DOC-NOTICE", "DOC-APPEAL", "DOC-AGREE"]

    /// The fixture's auditor with the LICENCE item resting on the provision the 决定书 cites.
    static let basisAuditor: CaseAuditor = {
        var benchmarks = Fixture.benchmarks
        benchmarks[0].items[1].basis = "《中华人民共和国食品安全法》第一百二十四条第一款"
        return try! CaseAuditor(checklist: Fixture.national, calendar: Fixture.calendar, registry: Fixture.registry, benchmarks: benchmarks)
    }()

    @Test func aCompleteDecisionAndNoticePassEveryDocumentRule() {
        let c = Self.decided()
        for rule in Self.rules { #expect(status(rule, c) == .pass, "\(rule): \(findings(rule, c).map(\.message))") }
    }

    @Test(arguments: decisionParts.indices.dropFirst())
    func takingAnElementAwayFailsExactlyItsElement(_ index: Int) throws {
        let element = Self.decisionParts[index].element
        let text = Self.decisionParts.enumerated().filter { $0.offset != index }.map(\.element.text).joined(separator: "\n")
        let found = findings("DOC-DECISION", Self.decided(decision: text)).filter { $0.status == .fail }
        #expect(found.count == 1, "\(element): \(found.map(\.message))")
        #expect(found.first?.message.contains("未载明\(element)") == true, "\(found.map(\.message))")
        // Exactly that rule: what is left out is no disagreement (DOC-AGREE) nor a wrong citation (DOC-BASIS).
        let audit = Self.basisAuditor.audit(Self.decided(decision: text), asOf: day("2026-11-22"))
        let failing = Set(audit.findings.filter { $0.rule.hasPrefix("DOC-") && $0.status == .fail }.map(\.rule))
        #expect(failing == ["DOC-DECISION"], "\(element): \(audit.findings.filter { $0.rule.hasPrefix("DOC-") }.map(\.message))")
    }

    @Test func noDocumentIsNotApplicableAndAnUnreadableOneIsLeftToAReviewer() {
        let none = Self.decided(decision: nil, notice: nil)
        for rule in Self.rules { #expect(status(rule, none) == .notApplicable) }
        let unread = Self.decided(
            notice: nil, decisionDocument: Self.document("", status: .unreadable, reason: "PDF 共 10000 页，超过 500 页的上限"))
        for rule in ["DOC-DECISION", "DOC-APPEAL", "DOC-AGREE"] {
            let finding = findings(rule, unread).first
            #expect(finding?.status == .manual && finding?.message.contains("超过 500 页的上限") == true, "\(rule)")
        }
        let scanned = Self.decided(notice: nil, decisionDocument: Self.document("", status: .unrecognized, reason: "本机未安装文字识别，未识别"))
        #expect(findings("DOC-DECISION", scanned).first?.message.contains("未识别") == true)
        #expect(status("DOC-DECISION", scanned) == .manual)
    }

    @Test(arguments: ["20000元", "20,000.00元", "2万元", "贰万元整", "人民币贰万元", "二万元", "2.0万元"])
    func theFineInAnyFormAgreesWithTheFile(_ written: String) {
        let text = Self.decisionText.replacingOccurrences(of: "罚款人民币贰万元整", with: "罚款\(written)")
        #expect(status("DOC-AGREE", Self.decided(decision: text)) == .pass, "\(written)")
        #expect(status("DOC-AGREE", Self.decided(decision: text, fine: "2000")) == .fail, "\(written) against 2000")
    }

    @Test(arguments: ["2000元", "2,000.00元", "0.2万元", "贰仟元整", "人民币贰仟元"])
    func aTenthOfTheFineDisagrees(_ written: String) throws {
        let text = Self.decisionText.replacingOccurrences(of: "罚款人民币贰万元整", with: "罚款\(written)")
        let found = try #require(findings("DOC-AGREE", Self.decided(decision: text)).first { $0.status == .fail })
        #expect(found.message.contains("写明的金额为2,000元，案卷记载罚款20,000元"), "\(found.message)")
        #expect(status("DOC-AGREE", Self.decided(decision: text, fine: "2000")) == .pass)
    }

    @Test func amountsAreReadBackToFen() {
        let read = ChineseAmounts.amounts(in: "罚款壹万贰仟伍佰元伍角，没收违法所得3,050.5元，另计一亿二千万元、叁仟零伍拾元整、十五元")
        #expect(read == [Money(fen: 1_250_050), Money(fen: 305_050), Money(yuan: 120_000_000), Money(yuan: 3050), Money(yuan: 15)])
    }

    @Test func theNumberDateAndPartyMustBeTheFilesOwn() {
        #expect(status("DOC-AGREE", Self.decided(number: "某罚[2024]12号")) == .pass)
        let number = findings("DOC-AGREE", Self.decided(number: "某罚〔2024〕13号")).filter { $0.status == .fail }
        #expect(number.map(\.message) == ["行政处罚决定书（行政处罚决定书.txt）未见案卷记载的决定文号某罚〔2024〕13号"])
        let date = findings("DOC-AGREE", Self.decided(decided: "2024-06-13")).filter { $0.status == .fail }
        #expect(date.count == 1 && date[0].message.contains("落款日期为2024-06-12，案卷记载决定日2024-06-13"), "\(date.map(\.message))")
        let chinese = Self.decisionText.replacingOccurrences(of: "2024年6月12日", with: "二〇二四年六月十二日")
        #expect(status("DOC-AGREE", Self.decided(decision: chinese)) == .pass)
        var other = Self.decided()
        other.party.name = "另一食品有限公司"
        #expect(findings("DOC-AGREE", other).contains { $0.status == .fail && $0.message.contains("所载当事人不是案卷记载的“另一食品有限公司”") })
    }

    @Test(arguments: [
        ("六十日内向某市人民政府申请行政复议，也可以在六个月内", true),
        ("60日内向某市人民政府申请行政复议，也可以在6个月内", true),
        ("三十日内向某市人民政府申请行政复议，也可以在六个月内", false),
        ("两个月内向某市人民政府申请行政复议，也可以在六个月内", false),
        ("六十日内向某市人民政府申请行政复议，也可以在三个月内", false),
        ("六十日内向某市人民政府申请行政复议，也可以在十五日内", false),
        ("六十日内向某市市场监督管理局申请行政复议，也可以在六个月内", false)
    ])
    func theRemediesPeriodsAndBodies(_ clause: String, _ passes: Bool) {
        let text = Self.decisionText.replacingOccurrences(of: "六十日内向某市人民政府申请行政复议，也可以在六个月内", with: clause)
        #expect(status("DOC-APPEAL", Self.decided(decision: text)) == (passes ? .pass : .fail), "\(clause)")
    }

    @Test func aPaymentPeriodIsNotTheRemedysAndTheDepartmentServedBefore2024() {
        // 十五日 of the payment sentence is not read as the 复议 period of the next one.
        #expect(status("DOC-APPEAL", Self.decided()) == .pass)
        let department = Self.decisionText.replacingOccurrences(of: "向某市人民政府申请", with: "向上一级主管部门申请")
        #expect(status("DOC-APPEAL", Self.decided(decision: department)) == .fail)
        let earlier = department.replacingOccurrences(of: "2024年6月12日", with: "2023年6月12日")
        #expect(status("DOC-APPEAL", Self.decided(decision: earlier, decided: "2023-06-12")) == .pass)
        let none = Self.decisionParts.filter { !$0.element.hasPrefix("申请行政复议") }.map(\.text).joined(separator: "\n")
        #expect(status("DOC-APPEAL", Self.decided(decision: none)) == .notApplicable)
    }

    @Test func theNoticeStatesItsContentAndTheHearingWhenDue() {
        #expect(status("DOC-NOTICE", Self.decided()) == .pass)
        let silent = Self.noticeText.replacingOccurrences(of: "你单位有权进行陈述和申辩，可在收到本告知书之日起五日内提出。\n", with: "")
        let found = findings("DOC-NOTICE", Self.decided(notice: silent)).filter { $0.status == .fail }
        #expect(found.map(\.message) == ["行政处罚告知书（行政处罚告知书.txt）未告知陈述、申辩的权利"])
        // A fine of 200,000 for an organisation grants a hearing (第六十三条): the notice must say so.
        var large = Self.decided(fine: "200000")
        large.events[0].hearingRights = true
        #expect(findings("DOC-NOTICE", large).contains { $0.status == .fail && $0.message.contains("要求听证的权利") })
        large.events[0].records[1].document?.text += "\n你单位有权要求举行听证。"
        #expect(findings("DOC-NOTICE", large).allSatisfy { !$0.message.contains("听证") })
    }

    @Test func theDecisionCitesTheBenchmarksProvision() {
        func basis(_ text: String) -> FindingStatus? {
            Self.basisAuditor.audit(Self.decided(decision: text), asOf: day("2026-11-22")).findings.first { $0.rule == "DOC-BASIS" }?.status
        }
        #expect(basis(Self.decisionText) == .pass)
        #expect(basis(Self.decisionText.replacingOccurrences(of: "《中华人民共和国食品安全法》第一百二十四条", with: "《食品安全法》第124条")) == .pass)
        #expect(basis(Self.decisionText.replacingOccurrences(of: "第一百二十四条", with: "第一百二十三条")) == .fail)
        #expect(status("DOC-BASIS", Self.decided()) == .notApplicable, "an item without a basis")
    }

    @Test func theDocumentsItemGetsAProposalNotAScore() throws {
        let item = try #require(Fixture.national.manualItems.first { $0.id == "DOCUMENTS" })
        let clean = Fixture.auditor().audit(Self.decided(), asOf: day("2026-11-22"))
        #expect(ManualProposal.of(item, findings: clean.findings)?.deduction == 0)
        let wrong = Self.decisionText.replacingOccurrences(of: "六十日", with: "三十日").replacingOccurrences(of: "贰万元", with: "贰仟元")
        let audit = Fixture.auditor().audit(Self.decided(decision: wrong), asOf: day("2026-11-22"))
        let proposal = try #require(ManualProposal.of(item, findings: audit.findings))
        #expect(proposal.deduction == 2 && proposal.note.contains("期限为30日") && proposal.note.contains("2,000元"), "\(proposal.note)")
        // The open item carries it, also when passing findings are not kept (stored runs).
        let stored = Fixture.auditor().audit(Self.decided(decision: wrong), asOf: day("2026-11-22"), keepPassing: false)
        let open = try #require(stored.findings.first { $0.rule == "DOCUMENTS" })
        #expect(open.status == .manual && open.proposal == proposal && open.message.hasPrefix("待评查人员评分（满分4分）；机器建议扣2分："))
        // Stored results are written by hand (`AuditJSON`): the proposal comes back as it went in.
        let decoded = try JSONDecoder().decode(CaseAudit.self, from: Data(AuditJSON.encode(stored).utf8))
        #expect(decoded.findings.first { $0.rule == "DOCUMENTS" }?.proposal == proposal)
        let cleanStored = Fixture.auditor().audit(Self.decided(), asOf: day("2026-11-22"), keepPassing: false)
        #expect(cleanStored.findings.first { $0.rule == "DOCUMENTS" }?.proposal?.deduction == 0)
        #expect(cleanStored.findings.first { $0.rule == "LAW" }?.proposal == nil, "DOC-BASIS did not apply: nothing to propose")
        // The rules themselves take nothing off: the reviewer confirms or changes the proposal.
        #expect(audit.score == clean.score)
        let unread = Fixture.auditor().audit(
            Self.decided(decisionDocument: Self.document("", status: .unreadable, reason: "损坏")), asOf: day("2026-11-22"))
        #expect(ManualProposal.of(item, findings: unread.findings) == nil)
    }

    /// A word is looked for as the text is read, compacted: written compact (as the rules write
    /// theirs, compared as it is) or with spaces and full-width digits, it is found the same.
    @Test func aWordIsFoundWhetherWrittenCompactOrNot() throws {
        let c = Self.decided(decision: Self.decisionText + "\n缴款期限：６０日，复议期限 六 十 日")
        let document = try #require(Fixture.auditor().context(for: c, asOf: day("2026-11-22")).decisionDocument)
        for word in ["六十日", "六 十 日", "60日", "６０日", "\u{3000}行政复议", "人民政府"] { #expect(document.has(word), "\(word)") }
        for word in ["七十日", "７０日", "行政复议 申请书"] { #expect(!document.has(word), "\(word)") }
        #expect(document.has(""))
    }
}
