import Audit
import CaseModel
import CaseStore
import WorkCalendar

extension DueScanner {
    /// Every obligation of the store's cases due within `within` working days of `asOf`, or overdue,
    /// soonest first.
    public func scan(store: CaseStore, asOf: CalendarDate, within: Int, agency: String? = nil) throws -> [DueObligation] {
        var due: [DueObligation] = []
        try store.forEachBatch(of: store.caseIds(agency: agency)) { cases, _ in
            for c in cases {
                due += obligations(of: c, asOf: asOf).filter { $0.overdue || $0.workdaysLeft <= within }
            }
        }
        return due.sorted { ($0.deadline, $0.case, $0.obligation.rawValue) < ($1.deadline, $1.case, $1.obligation.rawValue) }
    }
}
