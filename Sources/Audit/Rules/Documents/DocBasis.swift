import CaseModel
import Foundation

/// The provision a 决定书 cites for the penalty is the one the agency's 裁量基准 item rests on: a
/// decision that applies the benchmark of one provision while citing another has no basis for
/// the amount it imposes (适用法律错误).
struct DocBasis: AuditRule {
    let id = RuleID.docBasis
    let title = "决定书引用依据"
    let basis =
        "《行政诉讼法》第七十条第二项：适用法律、法规错误的，人民法院判决撤销；《国务院办公厅关于进一步规范行政裁量权基准制定和管理工作的意见》（国办发〔2022〕27号）：行政裁量权基准应当明确所依据的法律、法规、规章条款"
    let checks =
        "The decision's 决定书 cites the law (its title without 中华人民共和国) and article of the case's benchmark item's `basis` (第一百二十四条 and 第124条 are one). `manual` when the document could not be read; not applicable with no document read, one that cites no law at all (DOC-DECISION's), no benchmark item, or an item whose basis names no 《law》 and article."
    let scope = RuleScope.only(.penalty)

    func check(_ context: AuditContext) throws -> Verdict {
        guard context.decision != nil else { return .notApplicable("尚未作出决定") }
        guard let item = context.benchmarkItem else { return .notApplicable("案件未对应裁量基准事项") }
        guard let basis = item.basis, let cited = Citation(basis) else { return .notApplicable("裁量基准事项 \(item.code) 未载明法律条款") }
        guard let document = context.decisionDocument else { return .notApplicable("决定未附可读取的决定书文件") }
        if let unread = document.unreadVerdict { return unread }
        guard LawCitations.cites(document.scalars) else { return .notApplicable("决定书未引用法律条款（见 DOC-DECISION）") }
        if document.has(cited.law), LawCitations.articles(in: document.scalars[...]).contains(cited.article) {
            return .pass("\(document.name)引用\(basis)，与裁量基准事项 \(item.code) 一致")
        }
        return .fail([
            Violation(
                "\(document.name)未引用裁量基准事项 \(item.code) 所依据的\(basis)", event: context.reference(document.event),
                date: document.event.date)
        ])
    }
}

/// The first law and article a basis names: `《中华人民共和国食品安全法》第一百二十四条第一款` is
/// 食品安全法, article 124.
struct Citation {
    var law: String
    var article: Int

    init?(_ basis: String) {
        let s = CaseDocument.compactScalars(basis)
        guard let open = s.firstIndex(of: "《"), let close = s[open...].firstIndex(of: "》") else { return nil }
        let title = String(String.UnicodeScalarView(s[(open + 1)..<close])).replacingOccurrences(of: "中华人民共和国", with: "")
        guard !title.isEmpty, let first = LawCitations.articles(in: s[close...]).first else { return nil }
        law = title
        article = first
    }
}
