import CaseModel
import GRDB

/// What people did in stored cases, as the officers' review asks it: how often and how lately
/// someone acted on or after a day, and how often an auxiliary acted with no officer beside them.
///
/// Each question is asked only for the people it concerns (officers whose certificate has lapsed,
/// auxiliaries), through the index of acting people by id, so the cost follows their acts rather
/// than the size of the store.
public struct OfficerActs: Hashable, Sendable, Codable {
    /// Acting events counted.
    public var count: Int
    /// The latest of their dates.
    public var last: CalendarDate?
    /// One case among them, to look at.
    public var example: String?

    public init(count: Int, last: CalendarDate?, example: String?) {
        self.count = count
        self.last = last
        self.example = example
    }
}

extension CaseStore {
    /// For each person in `since` (id → first day counted, nil for any day), the events they acted
    /// in dated from that day through `through`. People who did not act are left out.
    public func acts(since: [String: CalendarDate?], through: CalendarDate) throws -> [String: OfficerActs] {
        try read { db in
            var acts: [String: OfficerActs] = [:]
            for (id, from) in since.sorted(by: { $0.key < $1.key }) {
                let row = try await db.fetchOne(
                    """
                    SELECT COUNT(*) AS n, MAX(e.date) AS last, MIN(e.caseId) AS example
                    FROM eventOfficer eo JOIN event e ON e.id = eo.eventId
                    WHERE eo.officerId = ? AND e.date >= ? AND e.date <= ?
                    """, [id, from ?? CalendarDate.earliest, through])
                if let row, let count = row["n"] as Int?, count > 0 {
                    acts[id] = OfficerActs(count: count, last: row["last"], example: row["example"])
                }
            }
            return acts
        }
    }

    /// For each auxiliary in `auxiliaries`, the events from `from` through `through` where no one
    /// beside them holds the registry's officer role: 执法辅助人员 acting alone.
    public func actsAlone(auxiliaries: [String], from: CalendarDate, through: CalendarDate) throws -> [String: OfficerActs] {
        try read { db in
            var acts: [String: OfficerActs] = [:]
            for id in auxiliaries.sorted() {
                // Roles are stored space-separated (`officer reviewer`); padding with spaces matches a whole word.
                let row = try await db.fetchOne(
                    """
                    SELECT COUNT(*) AS n, MAX(e.date) AS last, MIN(e.caseId) AS example
                    FROM eventOfficer eo JOIN event e ON e.id = eo.eventId
                    WHERE eo.officerId = ? AND e.date >= ? AND e.date <= ?
                      AND NOT EXISTS (
                        SELECT 1 FROM eventOfficer other JOIN officer p ON p.id = other.officerId
                        WHERE other.eventId = eo.eventId AND other.officerId <> eo.officerId
                          AND (' ' || p.roles || ' ') LIKE '% officer %')
                    """, [id, from, through])
                if let row, let count = row["n"] as Int?, count > 0 {
                    acts[id] = OfficerActs(count: count, last: row["last"], example: row["example"])
                }
            }
            return acts
        }
    }
}
