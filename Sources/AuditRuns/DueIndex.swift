import Audit
import CaseModel
import CaseStore
import CaseXML
import Foundation
import WorkCalendar

/// 到期预警 at a province's size: the open obligations of every case kept in the store by deadline
/// (`openObligation`), so that a due list reads the page it shows and the dashboard counts what
/// is overdue from an index, instead of judging a million cases on each request.
///
/// Each case's obligations are judged by `DueScanner.obligations`, the same judgment the case page
/// and the scan make, on the case as recorded (as of today, or of its latest recorded day when
/// that is later). A case's obligations change only when the case does, and every change of a case
/// is a journal entry: `refresh` judges again the cases the journal names after the entry the
/// index stands at, or every case when the index was judged under another checklist, calendar or
/// program. Whether an obligation is overdue, and how many working days are left, is worked out
/// from its deadline on the day it is read.
///
/// The same pass keeps what else the pages read of each case instead of every case: its
/// decision's figures for the annual report (`CaseFigure`, `DecisionTally.swift`) and what a
/// search finds it by (`SearchDocument`, `SearchIndex.swift`), replaced with its obligations in one
/// transaction, and read only while the index stands at the journal's head.
public struct DueIndex: Sendable {
    public let runner: AuditRunner

    public init(runner: AuditRunner) { self.runner = runner }

    /// One refresh at a time in a process; several processes refreshing at once write the same rows.
    private static let refreshing = NSLock()

    /// Which judgment of deadlines the index must hold: the checklist's periods, the calendar and
    /// the program that judges.
    public var environment: String {
        Hex.sha256(
            ["zhifa-obligations-1", AuditRunner.programFingerprint, runner.checklist.contentHash, Hex.sha256(runner.calendar.signature)]
                .joined(separator: "\n"))
    }

    /// Brings the index up to the store's latest journal entry; answers how many cases were judged.
    @discardableResult
    public func refresh(today: CalendarDate, batchSize: Int = 1_000) throws -> Int {
        Self.refreshing.lock()
        defer { Self.refreshing.unlock() }
        let store = runner.store
        let environment = self.environment
        let head = try store.journalHeadSeq()
        let ids: [String]
        let whole: Bool
        if let state = try store.dueIndexState(), state.environment == environment {
            guard state.journalSeq < head else { return 0 }
            ids = try store.casesChanged(after: state.journalSeq, through: head)
            whole = false
        } else {
            // The state is written with the last batch only: a refresh that stops midway leaves
            // the whole index to the next one.
            try store.forgetDueIndexState()
            ids = try store.caseIds()
            whole = true
        }
        let scanner = DueScanner(auditor: try runner.auditor())
        var judged = 0
        var batches: [[String]] = stride(from: 0, to: ids.count, by: batchSize).map { Array(ids[$0..<min(ids.count, $0 + batchSize)]) }
        if batches.isEmpty { batches = [[]] }
        for (index, batch) in batches.enumerated() {
            // A server shutting down stops here; the batches written stay, and the next refresh
            // judges them again.
            if Task.isCancelled { throw CancellationError() }
            var rows: [IndexedObligation] = []
            var figures: [CaseFigure] = []
            var documents: [SearchDocument] = []
            // The whole store is read a range of ids at a time; changed cases, by name.
            try store.forEachBatch(of: batch, size: batchSize, scattered: !whole) { cases, _ in
                for c in cases {
                    if let figure = CaseFigure(of: c) { figures.append(figure) }
                    documents.append(SearchDocument(of: c))
                    rows += Self.obligations(of: c, scanner: scanner, today: today).map {
                        IndexedObligation(caseId: $0.case, agency: $0.agency, kind: $0.obligation.rawValue, deadline: $0.deadline, rule: $0.rule)
                    }
                }
            }
            let last = index == batches.count - 1
            try store.replaceIndexEntries(
                of: batch, with: rows, figures: figures, documents: documents, state: last ? DueIndexState(environment: environment, journalSeq: head) : nil)
            judged += batch.count
        }
        return judged
    }

    /// A case's open obligations as recorded: as of today, or of the case's latest recorded day
    /// when an event or disclosure is dated later.
    static func obligations(of c: EnforcementCase, scanner: DueScanner, today: CalendarDate) -> [DueObligation] {
        let latest = (c.events.map(\.date) + [c.disclosure?.date, c.disclosure?.withdrawn].compactMap { $0 }).max() ?? today
        return scanner.obligations(of: c, asOf: max(today, latest))
    }

    /// Whether the index holds this program's judgment of the store's cases as they now stand:
    /// two rows read, awaited, so that a due list takes a long-work thread only to `refresh`.
    public func isCurrent() async throws -> Bool {
        let environment = self.environment
        return try await runner.store.readingPrimary { try await $0.due.isCurrent(environment: environment) }
    }

    /// What a due list of `agency` (or all), of one `kind` (or all), overdue or not (or either),
    /// asks of the index on `today`: deadlines up to `within` working days ahead.
    public func filter(
        today: CalendarDate, within: Int, agency: String? = nil, kind: DueObligation.Kind? = nil, overdue: Bool? = nil
    ) -> DueIndexFilter {
        DueIndexFilter(agency: agency, kind: kind?.rawValue, through: lastDueDay(today: today, within: within), today: today, overdue: overdue)
    }

    /// The last day whose deadline is at most `within` working days after `today` (the due lists'
    /// "due within N working days"); the day before today when the calendar does not reach today,
    /// so that only what is overdue is listed, as the scan does.
    public func lastDueDay(today: CalendarDate, within: Int) -> CalendarDate {
        let calendar = runner.calendar
        if let next = try? calendar.addingWorkdays(max(0, within) + 1, to: today) { return next.adding(days: -1) }
        guard (try? calendar.isWorkday(today)) != nil else { return today.adding(days: -1) }
        return CalendarDate(year: calendar.lastYear, month: 12, day: 31) ?? today
    }

    /// Every obligation of the store (or of `agency`) due within `within` working days of `today`
    /// or overdue, soonest first: what `DueScanner.scan` finds, read from the index after bringing
    /// it up to date.
    public func list(today: CalendarDate, within: Int, agency: String? = nil) throws -> [DueObligation] {
        try refresh(today: today)
        return try runner.store.dueObligations(filter(today: today, within: within, agency: agency)).map { obligation($0, today: today) }
    }

    /// Obligations past their deadline on `today`, by agency, after bringing the index up to date.
    public func overdueByAgency(today: CalendarDate) throws -> [String: Int] {
        try refresh(today: today)
        return try runner.store.overdueObligationsByAgency(today: today)
    }

    /// An indexed obligation as the due lists show it on `today`.
    public func obligation(_ row: IndexedObligation, today: CalendarDate) -> DueObligation {
        DueObligation(
            case: row.caseId, agency: row.agency, kind: DueObligation.Kind(rawValue: row.kind) ?? .decision, deadline: row.deadline,
            rule: row.rule, asOf: today, calendar: runner.calendar)
    }
}
