import CaseModel
import WorkCalendar

/// Audits cases against one checklist: runs every enabled rule and scores the result.
public struct CaseAuditor: Sendable {
    public let checklist: Checklist
    public let parameters: AuditParameters
    public let calendar: WorkingDayCalendar
    private let people: [String: Officer]
    private let names: RegistryNames
    /// Each agency's 权责清单, by agency code.
    private let powers: [String: PowerList]
    /// What the published 双公示 lists cover, by agency.
    private let coverage: [String: [PublishedCoverage]]
    /// Benchmark sets by agency, newest effective date first.
    private let benchmarks: [String: [BenchmarkSet]]
    /// The enabled rules with their settings, in the catalogue's order.
    private let rules: [EnabledRule]
    /// Each manual item's finding before a reviewer scores it, made once: every case carries them.
    private let openManualFindings: [Finding]
    /// What every result of this checklist holds alike, which a stored result leaves out.
    public let sharedResultParts: SharedResultParts

    public init(
        checklist: Checklist, calendar: WorkingDayCalendar, registry: Registry, benchmarks: [BenchmarkSet],
        publishedCoverage: [PublishedCoverage] = []
    ) throws {
        self.checklist = checklist
        self.parameters = try AuditParameters(checklist.parameters)
        self.calendar = calendar
        self.people = Dictionary(registry.officers.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        self.names = RegistryNames(registry)
        self.powers = Dictionary(registry.agencies.map { ($0.code, PowerList($0.powers)) }, uniquingKeysWith: { first, _ in first })
        var coverage: [String: [PublishedCoverage]] = [:]
        for list in publishedCoverage {
            for agency in list.agencies { coverage[agency, default: []].append(list) }
        }
        self.coverage = coverage
        self.benchmarks = Dictionary(grouping: benchmarks, by: \.agency)
            .mapValues { $0.sorted { ($0.effective ?? CalendarDate(dayNumber: .min)) > ($1.effective ?? CalendarDate(dayNumber: .min)) } }
        self.openManualFindings = checklist.manualItems.map { item in
            Finding(
                rule: item.id, status: .manual, severity: .major, deduction: 0,
                message: "待评查人员评分（满分\(item.points.readableText)分）", title: item.title, category: item.category)
        }
        self.sharedResultParts = SharedResultParts(
            categories: checklist.categories.map { CategoryScore(name: $0.name, points: $0.points, deducted: 0) },
            openManual: openManualFindings)
        let proposing = Set(checklist.manualItems.flatMap(\.proposedBy))
        self.rules = RuleCatalogue.all.compactMap { rule in
            guard let setting = checklist.rules[rule.id.rawValue], setting.enabled else { return nil }
            return EnabledRule(rule: rule, setting: setting, proposes: proposing.contains(rule.id.rawValue))
        }
    }

    /// The agency's benchmark item in force for the case: the newest set effective on or before the
    /// decision (or violation) date that holds the item.
    public func benchmarkItem(for c: EnforcementCase) -> BenchmarkItem? {
        guard let code = c.matter?.item else { return nil }
        let when = c.decision?.date ?? c.matter?.violationDate
        for set in benchmarks[c.agency] ?? [] {
            if let when, let effective = set.effective, effective > when { continue }
            if let item = set.items.first(where: { $0.code == code }) { return item }
        }
        return nil
    }

    /// When the agency's sets in force lack the item but a later set holds it: the day the first
    /// such set took effect (a benchmark not yet in force on the decision date).
    func benchmarkItemTakesEffect(for c: EnforcementCase) -> CalendarDate? {
        guard let code = c.matter?.item, let when = c.decision?.date ?? c.matter?.violationDate else { return nil }
        return (benchmarks[c.agency] ?? [])
            .filter { set in set.effective.map { $0 > when } == true && set.items.contains { $0.code == code } }
            .compactMap(\.effective).min()
    }

    /// What the rules see of a case: for callers that need its deadlines or derived facts.
    /// The case is taken as it stood on `asOf` (`EnforcementCase.asOf`): what happened later does
    /// not exist yet for the rules, the due list or the pages.
    public func context(for c: EnforcementCase, asOf: CalendarDate) -> AuditContext {
        // Disclosure as published where a published list says when (`asPublished`), then as of the day.
        let (then, setAside) = c.asPublished.asOf(asOf)
        return AuditContext(
            enforcementCase: then, asOf: asOf, calendar: calendar, parameters: parameters,
            people: people, benchmarkItem: benchmarkItem(for: then),
            benchmarkItemTakesEffect: benchmarkItemTakesEffect(for: then),
            agencyName: names.agency(then.agency), agencyPowers: powers[then.agency] ?? PowerList([]),
            publishedCoverage: coverage[then.agency]?.filter { $0.covers(then) } ?? [],
            recordedDisclosure: c.disclosure?.date.flatMap { $0 <= asOf ? $0 : nil },
            eventsSetAside: setAside)
    }

    /// Audits one case. With `keepPassing` false, passing and not-applicable findings are not even
    /// built: a stored run of a million cases wants only what a report lists.
    public func audit(_ c: EnforcementCase, asOf: CalendarDate, manualScores: [ManualScore] = [], keepPassing: Bool = true) -> CaseAudit {
        audit(c, in: context(for: c, asOf: asOf), manualScores: manualScores, keepPassing: keepPassing)
    }

    /// Audits one case and says on which as-of days the same audit holds: only `asOf` itself when
    /// a rule or the indicators read the day (an open deadline, a message "至…仍未…"); otherwise
    /// every day on which the case stood as it stood on `asOf` (`EnforcementCase.standingWindow`).
    public func auditForReuse(
        _ c: EnforcementCase, asOf: CalendarDate, manualScores: [ManualScore] = [],
        keepPassing: Bool = true
    ) -> (audit: CaseAudit, window: ReuseWindow) {
        let context = context(for: c, asOf: asOf)
        let audit = audit(c, in: context, manualScores: manualScores, keepPassing: keepPassing)
        let window = context.asOfWasRead ? ReuseWindow(first: asOf, last: asOf) : c.standingWindow(around: asOf)
        return (audit, window)
    }

    private func audit(_ c: EnforcementCase, in context: AuditContext, manualScores: [ManualScore], keepPassing: Bool) -> CaseAudit {
        var findings: [Finding] = []
        // Passes too: a proposal says that the documents were read and nothing found.
        var proposals: [Finding] = []
        for enabled in rules {
            let verdict: Verdict
            if !enabled.scope.covers(c.type) {
                verdict = .notApplicable("本规则不适用于\(c.type.chineseName)案件")
            } else {
                do {
                    verdict = try enabled.rule.check(context)
                } catch let error as CalendarError {
                    verdict = .manual("无法自动计算期限，需人工判断：\(error.description)")
                } catch {
                    verdict = .manual("无法自动判断：\(error)")
                }
            }
            let kept: Bool
            switch verdict {
            case .pass, .notApplicable: kept = keepPassing
            default: kept = true
            }
            // A verdict that is neither kept nor proposes a score makes no finding.
            guard kept || enabled.proposes else { continue }
            let judged = Self.findings(of: verdict, rule: enabled.rule, setting: enabled.setting)
            if enabled.proposes { proposals += judged }
            if kept { findings += judged }
        }
        Self.applyCorrections(manualScores.corrections, to: &findings)
        findings += manualFindings(manualScores, proposals: proposals)
        var audit = score(c, findings: findings)
        audit.eventsSetAside = context.eventsSetAside > 0 ? context.eventsSetAside : nil
        audit.indicators = CaseIndicators(context, failures: findings)
        let then = context.enforcementCase
        if then.decision == nil, !then.events.contains(.closed) {
            audit.inProgress = true
            audit.grade = CaseStanding.inProgress.storedGrade
        } else {
            audit.review = ManualReview.of(manualScores, items: checklist.manualItems)
        }
        return audit
    }

    /// The id under which a case that could not be evaluated is reported.
    public static let unreadableRule = "CASE-UNREADABLE"

    /// The audit of a stored case whose rows could not be read back: no score, one finding that
    /// says so, so that the run goes on and a person repairs the case.
    public func unreadable(id: String, agency: String, reason: String) -> CaseAudit {
        let finding = Finding(
            rule: Self.unreadableRule, status: .manual, severity: .major, deduction: 0,
            message: "案件数据无法从数据库读出，未能评查，请由系统管理员核对该案件的记录（\(reason)）",
            title: "案件数据无法读取", category: checklist.categories.first?.name ?? "")
        return CaseAudit(
            id: id, agency: agency, type: "", score: 0, grade: CaseStanding.unreadable.storedGrade, veto: false,
            categories: [], findings: [finding])
    }

    static func findings(of verdict: Verdict, rule: any AuditRule, setting: RuleSetting) -> [Finding] {
        func finding(_ status: FindingStatus, _ message: String, deduction: Double = 0) -> Finding {
            Finding(
                rule: rule.id.rawValue, status: status, severity: setting.severity, deduction: deduction, message: message,
                title: rule.title, category: setting.category, basis: rule.basis)
        }
        switch verdict {
        case .pass(let message): return [finding(.pass, message)]
        case .notApplicable(let message): return [finding(.notApplicable, message)]
        case .manual(let message): return [finding(.manual, message)]
        case .fail(let violations):
            // The first failure costs `deduction`, each further one `perOccurrence`, all of them at most `cap`.
            var remaining = setting.cap ?? .infinity
            return violations.enumerated().map { index, violation in
                let wanted = index == 0 ? setting.deduction : setting.perOccurrence
                let deduction = min(wanted, max(remaining, 0))
                remaining -= deduction
                var f = finding(.fail, violation.message, deduction: deduction)
                f.veto = setting.veto ? true : nil
                f.event = violation.event
                f.officer = violation.officer
                f.date = violation.date
                f.amount = violation.amount?.yuanText
                f.deadline = violation.deadline?.date
                f.calendarRule = violation.deadline?.rule
                if let basis = violation.basis { f.basis = basis }
                return f
            }
        }
    }

    /// A failure of a corrected rule keeps the machine's words and deduction, marked 已更正 with
    /// the reviewer's reason, and no longer counts (`score` counts failures only).
    static func applyCorrections(_ corrections: [String: ManualScore], to findings: inout [Finding]) {
        guard !corrections.isEmpty else { return }
        for index in findings.indices where findings[index].status == .fail {
            guard let correction = corrections[findings[index].rule] else { continue }
            findings[index].status = .corrected
            findings[index].correction = "\(correction.note)（\(correction.reviewer) \(correction.at)）"
        }
    }

    private func manualFindings(_ scores: [ManualScore], proposals: [Finding]) -> [Finding] {
        zip(checklist.manualItems, openManualFindings).map { item, open in
            let latest = scores.last { $0.item == item.id }
            var f = open
            if latest == nil, let proposal = ManualProposal.of(item, findings: proposals) {
                f.proposal = proposal
                f.message += "；" + proposal.text
            }
            if let latest {
                let deduction = min(max(latest.deduction, 0), item.points)
                f.status = deduction > 0 ? .fail : .pass
                f.deduction = deduction
                f.message = latest.note.isEmpty ? "评查人员评定" : latest.note
                f.reviewer = "\(latest.reviewer) \(latest.at)"
            }
            return f
        }
    }

    /// Full marks minus deductions, each category at most its points, never below 0.
    private func score(_ c: EnforcementCase, findings: [Finding]) -> CaseAudit {
        var categories = sharedResultParts.categories
        for f in findings where f.status == .fail {
            guard let index = categories.firstIndex(where: { $0.name == f.category }) else { continue }
            categories[index].deducted = min(categories[index].points, categories[index].deducted + f.deduction)
        }
        let deducted = categories.reduce(0) { $0 + $1.deducted }
        let score = max(0, ((checklist.fullMarks - deducted) * 100).rounded() / 100)
        let veto = findings.contains { $0.status == .fail && $0.veto == true }
        return CaseAudit(
            id: c.id, agency: c.agency, type: c.type.rawValue, score: score,
            grade: checklist.grade(score: score, veto: veto), veto: veto,
            categories: categories, findings: findings)
    }
}

/// An enabled rule with its checklist setting. A class: the auditor walks its rules for every case,
/// and an element of a class type is one reference to retain where a tuple of an existential and a
/// setting was copied field by field through the runtime's generic witnesses.
private final class EnabledRule: Sendable {
    let rule: any AuditRule
    let setting: RuleSetting
    /// The rule's scope, read once rather than through the existential for every case.
    let scope: RuleScope
    /// The rule's verdicts propose a manual item's score (`ManualItem.proposedBy`).
    let proposes: Bool

    init(rule: any AuditRule, setting: RuleSetting, proposes: Bool) {
        self.rule = rule
        self.setting = setting
        self.scope = rule.scope
        self.proposes = proposes
    }
}
