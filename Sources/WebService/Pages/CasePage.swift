import Audit
import AuditRuns
import CaseModel
import CaseStore
import Foundation
import Reports
import WorkCalendar

/// The case page: the timeline of events with their records, the audit's findings beside the event
/// they concern, the deadlines still open, and the forms the user's role allows.
struct CasePageBuilder {
    let app: WebApp
    let user: WebUser
    /// The page's frame: the user's own, or stand-ins when the page is rendered as a skeleton.
    let chrome: Chrome

    static func title(of page: CaseForPage) -> String { "案件 \(page.enforcementCase.id)" }

    func view(of page: CaseForPage, reference: WebApp.Reference, asOf today: CalendarDate, saved: String?) -> CaseView {
        let c = page.enforcementCase
        let auditor = reference.auditor
        let manual = page.manualScores
        let judged = page.judged
        let audit = judged.audit
        let people = reference.peopleNames
        let agencyName = reference.agencyNames[c.agency] ?? c.agency
        let findingsByEvent = Dictionary(grouping: audit.findings.filter { $0.event != nil }, by: { $0.event!.position })
        let writable = user.mayWrite(caseOf: c.agency)
        let events = c.events.enumerated().map { index, event in
            CaseView.EventView(
                position: index + 1, date: event.date.description, kind: event.kind.chineseName,
                officers: event.officers.map(reference.names.person).joined(separator: "、").nonEmpty,
                details: Self.details(of: event, people: people).nonEmpty,
                records: event.records.enumerated().map { offset, record in
                    CaseView.RecordView(
                        kind: record.kind.chineseName, title: record.title, file: record.file,
                        download: record.file.flatMap { app.downloadableEvidence(named: $0, owned: page.ownedUploads) }
                            .map { _ in "\(CaseRoutes.href(c.id))/evidence/\(index + 1)/\(offset + 1)" },
                        sha256: record.sha256.map { String($0.prefix(12)) + "…" }, evidence: record.evidence == .none ? nil : record.evidence.chineseName,
                        evidenceProblem: record.evidence == .mismatch || record.evidence == .missing,
                        document: record.document.map(Self.document))
                },
                findings: (findingsByEvent[index + 1] ?? []).map(Self.finding))
        }
        let obligations = DueScanner(auditor: auditor).obligations(of: c, asOf: today).map {
            CaseView.DeadlineView(
                title: $0.title, deadline: $0.deadline.description, overdue: $0.overdue,
                left: $0.overdue ? "已逾期" : "剩 \($0.workdaysLeft) 个工作日", rule: $0.rule)
        }
        let verdicts =
            user.may(.scoreManualItems)
            ? FindingVerdict.rules(in: audit).map { Option(value: $0.rule, label: "\($0.title)（\($0.status.chineseName)）", selected: false) } : []
        return CaseView(
            chrome: chrome,
            id: c.id, href: CaseRoutes.href(c.id), agency: agencyName, type: c.type.chineseName,
            procedure: c.procedure.chineseName, major: c.declaredMajor,
            party: c.party.name, partyKind: c.party.kind.chineseName,
            matter: c.matter?.text, violationDate: c.matter?.violationDate?.description, item: c.matter?.item,
            saved: saved.map { "已保存：\($0)" },
            audit: CaseView.AuditView(
                asOf: today.description, checklist: app.runner.checklist.title,
                result: audit.resultText, inProgress: audit.isInProgress,
                failures: audit.failures.count, passed: audit.failures.isEmpty, storedRun: judged.storedRun.map(Int.init),
                pending: audit.pendingText,
                signed: audit.review?.signedBy.map { "\($0) \(audit.review?.signedAt ?? "")" },
                checked: audit.review?.checkedBy.map { "\($0) \(audit.review?.checkedAt ?? "")" }),
            events: events,
            otherFindings: audit.findings.filter { $0.event == nil && ($0.status == .fail || $0.status == .corrected) }.map(Self.finding),
            manualFindings: audit.findings.filter { $0.status == .manual }.map(Self.finding),
            deadlines: obligations,
            outcome: c.outcome.map(Self.outcome),
            disclosure: c.disclosure.map(Self.disclosure),
            publications: c.publications.map { p in
                "公示平台发布日期 \(p.publishedDate?.description ?? "（清单未载）")（公示清单 \((p.source as NSString).lastPathComponent) 第\(p.row)行）"
                    + (p.url.map { " \($0)" } ?? "")
            },
            forms: writable ? forms(for: c) : nil,
            review: user.may(.scoreManualItems) ? reviewForm(manual, findings: audit.findings) : nil,
            verdicts: verdicts, hasVerdicts: !verdicts.isEmpty,
            hasReview: user.may(.scoreManualItems))
    }

    private func forms(for c: EnforcementCase) -> CaseView.Forms {
        CaseView.Forms(
            eventKinds: Option.all(EventKind.self), rulings: Option.all(Ruling.self),
            events: c.events.enumerated().map {
                Option(
                    value: String($0.offset + 1), label: "\($0.offset + 1). \($0.element.date) \($0.element.kind.chineseName)",
                    selected: $0.offset == c.events.count - 1)
            },
            penaltyKinds: PenaltyKind.allCases.filter { ![.fine, .confiscateIncome, .confiscateProperty, .warning].contains($0) }
                .map { kind in Option(value: kind.rawValue, label: kind.chineseName, selected: c.outcome?.penalties.contains { $0.kind == kind } ?? false) },
            fine: c.outcome?.penalties.first { $0.kind == .fine }?.amount?.yuanText ?? "",
            warning: c.outcome?.penalties.contains { $0.kind == .warning } ?? false,
            isLicense: c.type == .license,
            today: app.today().description,
            maxUpload: WebError.size(app.configuration.maxUploadBytes))
    }

    private func reviewForm(_ scores: [ManualScore], findings: [Finding]) -> [CaseView.ManualItemView] {
        app.runner.checklist.manualItems.map { item in
            let latest = scores.last { $0.item == item.id }
            return CaseView.ManualItemView(
                id: item.id, title: item.title, points: item.points.readableText,
                scored: latest.map { "扣 \($0.deduction.readableText) 分（\($0.reviewer)）\($0.note)" },
                proposal: findings.first { $0.rule == item.id }?.proposal.map {
                    CaseView.ProposalView(deduct: $0.deduction.readableText, note: $0.note)
                })
        }
    }

    static func document(_ d: DocumentText) -> CaseView.DocumentView {
        CaseView.DocumentView(summary: d.summary, text: d.status == .read ? d.text : nil, problem: d.status != .read)
    }

    static func finding(_ f: Finding) -> CaseView.FindingView {
        CaseView.FindingView(
            rule: f.rule, title: f.title, message: f.message, basis: f.basis, severity: f.severity.chineseName,
            deduction: f.deduction > 0 && f.status == .fail ? f.deduction.readableText : nil, veto: f.status == .fail && f.veto == true,
            deadline: f.deadline?.description, calendarRule: f.calendarRule, manual: f.status == .manual, correction: f.correction)
    }

    static func details(of event: Event, people: [String: String]) -> String {
        var parts: [String] = []
        if let number = event.number { parts.append("文号 \(number)") }
        if let method = event.method { parts.append("送达方式 \(method.chineseName)") }
        if let reviewer = event.reviewer { parts.append("审核人 \(people[reviewer] ?? reviewer)") }
        if let result = event.result { parts.append(result.chineseName) }
        if let until = event.until { parts.append("期限至 \(until)") }
        if let days = event.days { parts.append("延长 \(days) 日") }
        if let rights = event.hearingRights { parts.append(rights ? "告知听证权利" : "未告知听证权利") }
        if let by = event.revokedBy { parts.append(by.chineseName) }
        if let ruling = event.ruling { parts.append("结果 \(ruling.chineseName)") }
        return parts.joined(separator: "；")
    }

    static func outcome(_ outcome: Outcome) -> CaseView.OutcomeView {
        CaseView.OutcomeView(
            penalties: outcome.penalties.map { penalty in penalty.amount.map { "\(penalty.kind.chineseName) \($0)" } ?? penalty.kind.chineseName },
            bases: outcome.bases.map { BaseMeasure($0.name).text($0.amount) },
            discretion: outcome.discretion.map { "\($0.level)\($0.reason.map { reason in "（\(reason)）" } ?? "")" },
            grant: outcome.grant?.chineseName)
    }

    static func disclosure(_ d: Disclosure) -> CaseView.DisclosureView {
        CaseView.DisclosureView(
            date: d.date?.description, platform: d.platform, url: d.url, exempt: d.exempt,
            withdrawn: d.withdrawn?.description)
    }
}

struct CaseView: Encodable {
    var chrome: Chrome
    var id: String
    var href: String
    var agency: String
    var type: String
    var procedure: String
    var major: Bool
    var party: String
    var partyKind: String
    var matter: String?
    var violationDate: String?
    var item: String?
    var saved: String?
    var audit: AuditView
    var events: [EventView]
    var otherFindings: [FindingView]
    var manualFindings: [FindingView]
    var deadlines: [DeadlineView]
    var outcome: OutcomeView?
    var disclosure: DisclosureView?
    /// What published 双公示 lists say of the decision, beside the date the file records.
    var publications: [String]
    var forms: Forms?
    var review: [ManualItemView]?
    /// The machine's failures a reviewer may confirm or correct (`FindingVerdict`).
    var verdicts: [Option]
    var hasVerdicts: Bool
    var hasReview: Bool

    struct AuditView: Encodable {
        var asOf, checklist, result: String
        var inProgress: Bool
        var failures: Int
        var passed: Bool
        /// The run whose stored result the page shows; nil when the case was audited for the page.
        var storedRun: Int?
        /// What is open before the score is final (待人工评查 4 项，共24分); nil once signed.
        var pending: String?
        /// Who signed the conclusion, and when.
        var signed: String?
        /// Who checked the signed review and passed it (复核通过), and when.
        var checked: String?
    }
    struct EventView: Encodable {
        var position: Int
        var date, kind: String
        var officers, details: String?
        var records: [RecordView]
        var findings: [FindingView]
    }
    struct RecordView: Encodable {
        var kind, title: String
        var file, download, sha256, evidence: String?
        var evidenceProblem: Bool
        var document: DocumentView?
    }
    /// The text read out of a record's file, shown under the record beside the event's findings.
    struct DocumentView: Encodable {
        var summary: String
        var text: String?
        var problem: Bool
    }
    struct FindingView: Encodable {
        var rule, title, message: String
        var basis: String?
        var severity: String
        var deduction: String?
        var veto: Bool
        var deadline, calendarRule: String?
        var manual: Bool
        /// A corrected finding: the reviewer's reason, who and when.
        var correction: String?
    }
    struct DeadlineView: Encodable {
        var title, deadline: String
        var overdue: Bool
        var left, rule: String
    }
    struct OutcomeView: Encodable {
        var penalties, bases: [String]
        var discretion, grant: String?
    }
    struct DisclosureView: Encodable { var date, platform, url, exempt, withdrawn: String? }
    struct ManualItemView: Encodable {
        var id, title, points: String
        var scored: String?
        /// The machine's proposal from the document rules (`proposed-by`), to confirm or change.
        var proposal: ProposalView?
    }
    struct ProposalView: Encodable {
        var deduct, note: String
    }
    struct Forms: Encodable {
        var eventKinds, rulings, events, penaltyKinds: [Option]
        var fine: String
        var warning, isLicense: Bool
        var today, maxUpload: String
    }
}
