import CaseModel
import WorkCalendar

/// Where an officer's 执法证 stands on a day: the one home for "certified until when" that the
/// officers' review, the due list and the web page share.
///
/// Certificates are chained: a renewal issued on or before the day after the old one expires
/// carries the coverage on, so an officer whose certificate expires next week but who already
/// holds its successor is not warned about.
public enum CertificateStanding: Hashable, Sendable {
    /// Covered on the day and, without a break, through `through` (a certificate's last day).
    case certified(through: CalendarDate, number: String)
    /// Not covered on the day; `since` is the first day without cover after the last day with
    /// it, nil when no certificate ever covered a day before.
    case lapsed(since: CalendarDate?)

    /// The standing of `officer`'s certificates on `day`.
    public init(of officer: Officer, on day: CalendarDate) {
        self.init(certificates: officer.certificates, on: day)
    }

    public init(certificates: [Certificate], on day: CalendarDate) {
        guard var current = certificates.filter({ $0.covers(day) }).max(by: { $0.lastCoveredDay < $1.lastCoveredDay }) else {
            // The last day some certificate covered before `day`, if any.
            let ends = certificates.compactMap { certificate -> CalendarDate? in
                let end = certificate.lastCoveredDay
                return certificate.issued <= end && end < day ? end : nil
            }
            self = .lapsed(since: ends.max().map { $0.adding(days: 1) })
            return
        }
        var through = current.lastCoveredDay
        // Follow renewals that begin by the day after the cover ends; bounded by the count of
        // certificates, since each step moves `through` strictly on.
        for _ in certificates.indices {
            guard through < CalendarDate.latest else { break }
            let next = through.adding(days: 1)
            guard let successor = certificates.filter({ $0.covers(next) }).max(by: { $0.lastCoveredDay < $1.lastCoveredDay }),
                successor.lastCoveredDay > through
            else { break }
            current = successor
            through = successor.lastCoveredDay
        }
        self = .certified(through: through, number: current.number)
    }

    /// Certified on the day.
    public var isCertified: Bool {
        if case .certified = self { return true }
        return false
    }

    /// The days from `day` to the cover's last day (0: it ends on `day`); nil when lapsed.
    public func daysLeft(from day: CalendarDate) -> Int? {
        guard case .certified(let through, _) = self else { return nil }
        return day.days(to: through)
    }
}

/// An early warning (预警) of a certificate whose cover ends soon, renewals counted.
public struct CertificateWarning: Hashable, Sendable, Codable {
    public var agency: String
    public var officer: String
    public var name: String
    public var number: String
    /// The cover's last day.
    public var through: CalendarDate
    /// Days from the as-of day to `through` (0: it ends that day).
    public var daysLeft: Int

    /// The officers (role `officer`) whose cover on `asOf` ends on or before `last`, soonest first.
    public static func list(_ officers: [Officer], asOf: CalendarDate, through last: CalendarDate) -> [CertificateWarning] {
        officers.compactMap { officer -> CertificateWarning? in
            let standing = CertificateStanding(of: officer, on: asOf)
            guard officer.roles.contains(.officer), case .certified(let through, let number) = standing, through <= last,
                let left = standing.daysLeft(from: asOf)
            else { return nil }
            return CertificateWarning(
                agency: officer.agency, officer: officer.id, name: officer.name, number: number, through: through, daysLeft: left)
        }.sorted { ($0.through, $0.agency, $0.officer) < ($1.through, $1.agency, $1.officer) }
    }

    /// The due list's share: covers that end within `within` working days of `asOf`, counted as
    /// the due list counts an obligation's deadline (`DueObligation`). Beyond the years the
    /// calendar holds, a cover is listed when it ends within `within` calendar days, which are
    /// never fewer than the working days among them: nothing is listed that is not due.
    public static func due(_ officers: [Officer], asOf: CalendarDate, within: Int, calendar: WorkingDayCalendar) -> [CertificateWarning] {
        list(officers, asOf: asOf, through: .latest).filter { warning in
            guard let left = try? calendar.workdays(from: asOf, through: warning.through) else { return warning.daysLeft <= within }
            return left <= within
        }
    }
}
