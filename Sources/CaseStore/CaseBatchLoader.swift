import CaseModel
import GRDB

/// Loads many cases with one query per table over an id range, instead of several queries per case.
enum CaseBatchLoader {
    /// The cases whose ids lie in `first...last` and are in `wanted`, in id order.
    static func load(first: String, last: String, wanted: Set<String>, from db: Database) throws -> [EnforcementCase] {
        let range: StatementArguments = [first, last]
        func rows(_ sql: String) throws -> RowCursor { try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: range) }

        var parties: [String: Party] = [:]
        let partyRows = try rows("SELECT * FROM party WHERE caseId BETWEEN ? AND ? AND position = 0")
        while let r = try partyRows.next() {
            parties[r["caseId"]] = Party(kind: try decode(r["kind"]), name: r["name"], creditCode: r["creditCode"], idNumber: r["idNumber"],
                                         firstOffence: r["firstOffence"], corrected: r["corrected"], harm: r["harm"])
        }
        var officers: [Int64: [String]] = [:]
        let officerRows = try rows("""
            SELECT eo.eventId, eo.officerId FROM eventOfficer eo JOIN event e ON e.id = eo.eventId
            WHERE e.caseId BETWEEN ? AND ? ORDER BY eo.eventId, eo.position
            """)
        while let r = try officerRows.next() { officers[r["eventId"], default: []].append(r["officerId"]) }
        var records: [Int64: [CaseModel.Record]] = [:]
        let recordRows = try rows("""
            SELECT r.* FROM record r JOIN event e ON e.id = r.eventId
            WHERE e.caseId BETWEEN ? AND ? ORDER BY r.eventId, r.position
            """)
        while let r = try recordRows.next() {
            records[r["eventId"], default: []].append(CaseModel.Record(kind: try decode(r["kind"]), title: r["title"], file: r["file"], sha256: r["sha256"],
                                                             start: r["start"], end: r["end"], evidence: try decode(r["evidence"])))
        }
        var events: [String: [Event]] = [:]
        let eventRows = try rows("SELECT * FROM event WHERE caseId BETWEEN ? AND ? ORDER BY caseId, position")
        while let r = try eventRows.next() {
            let id: Int64 = r["id"]
            let result: String? = r["result"], method: String? = r["method"], revokedBy: String? = r["revokedBy"]
            events[r["caseId"], default: []].append(Event(
                kind: try decode(r["kind"]), date: r["date"], officers: officers[id] ?? [], until: r["until"],
                hearingRights: r["hearingRights"], reviewer: r["reviewer"], result: try result.map(decode),
                days: r["days"], number: r["number"], method: try method.map(decode), revokedBy: try revokedBy.map(decode),
                records: records[id] ?? [], line: r["line"]))
        }
        var penalties: [String: [Penalty]] = [:]
        let penaltyRows = try rows("SELECT * FROM penalty WHERE caseId BETWEEN ? AND ? ORDER BY caseId, position")
        while let r = try penaltyRows.next() { penalties[r["caseId"], default: []].append(Penalty(kind: try decode(r["kind"]), amount: r["amount"])) }
        var bases: [String: [BaseAmount]] = [:]
        let baseRows = try rows("SELECT * FROM baseAmount WHERE caseId BETWEEN ? AND ? ORDER BY caseId, position")
        while let r = try baseRows.next() { bases[r["caseId"], default: []].append(BaseAmount(name: r["name"], amount: r["amount"])) }
        var outcomes: [String: Outcome] = [:]
        let outcomeRows = try rows("SELECT * FROM outcome WHERE caseId BETWEEN ? AND ?")
        while let r = try outcomeRows.next() {
            let id: String = r["caseId"], level: String? = r["discretionLevel"], grant: String? = r["grantResult"]
            outcomes[id] = Outcome(penalties: penalties[id] ?? [], bases: bases[id] ?? [],
                                   discretion: level.map { Discretion(level: $0, reason: r["discretionReason"]) }, grant: try grant.map(decode))
        }
        var disclosures: [String: Disclosure] = [:]
        let disclosureRows = try rows("SELECT * FROM disclosure WHERE caseId BETWEEN ? AND ?")
        while let r = try disclosureRows.next() {
            disclosures[r["caseId"]] = Disclosure(date: r["date"], platform: r["platform"], url: r["url"], withdrawn: r["withdrawn"],
                                                  exempt: r["exempt"], text: r["text"])
        }
        var cases: [EnforcementCase] = []
        let caseRows = try rows("SELECT * FROM enforcementCase WHERE id BETWEEN ? AND ? ORDER BY id")
        while let r = try caseRows.next() {
            let id: String = r["id"]
            guard wanted.contains(id) else { continue }
            guard let party = parties[id] else { throw StoreError.corrupt("case \(id) has no party row") }
            let hasMatter: Bool = r["hasMatter"]
            cases.append(EnforcementCase(
                id: id, agency: r["agency"], type: try decode(r["type"]), procedure: try decode(r["procedure"]),
                declaredMajor: r["declaredMajor"], party: party,
                matter: hasMatter ? Matter(item: r["matterItem"], violationDate: r["matterViolationDate"], text: r["matterText"] ?? "") : nil,
                events: events[id] ?? [], outcome: outcomes[id], disclosure: disclosures[id]))
        }
        return cases
    }

    private static func decode<T: RawRepresentable>(_ raw: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: raw) else { throw StoreError.corrupt("\"\(raw)\" is not a valid \(T.self)") }
        return value
    }
}
