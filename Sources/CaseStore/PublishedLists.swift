import CaseModel
import Foundation
import GRDB

/// One row of a published 双公示 list as read from its file.
public struct PublishedRow: Sendable, Equatable {
    /// The row's number in the file, for what is said of it.
    public var row: Int
    /// 处罚机关 / 许可机关 and its 统一社会信用代码, as the list writes them.
    public var agencyName: String?
    public var agencyCreditCode: String?
    public var number: String
    public var party: String?
    public var decisionDate: CalendarDate?
    public var publishedDate: CalendarDate?
    public var url: String?

    public init(
        row: Int, agencyName: String?, agencyCreditCode: String?, number: String, party: String?, decisionDate: CalendarDate?,
        publishedDate: CalendarDate?, url: String?
    ) {
        self.row = row
        self.agencyName = agencyName
        self.agencyCreditCode = agencyCreditCode
        self.number = number
        self.party = party
        self.decisionDate = decisionDate
        self.publishedDate = publishedDate
        self.url = url
    }
}

/// A published list: penalties or licenses, one row each.
public struct PublishedList: Sendable {
    /// `.penalty` or `.license`.
    public var type: CaseType
    public var rows: [PublishedRow]

    public init(type: CaseType, rows: [PublishedRow]) {
        self.type = type
        self.rows = rows
    }
}

/// What importing a published list found.
public struct PublishedImport: Sendable {
    public var rows: Int
    /// Rows whose agency and 决定文号 name a stored case.
    public var matched: Int
    /// Rows that name no stored case, each with why.
    public var unmatched: [(row: Int, number: String, reason: String)]
    /// The same file was imported before: nothing was stored again.
    public var unchanged: Bool
}

extension CaseStore {
    /// Stores a published list in one transaction, journaled (`publicity.import`, which every
    /// later audit's inputs include): its rows with their agency found in the registry by name or
    /// credit code, and the period it covers. Reports the rows that match no stored case.
    public func importPublishedList(_ list: PublishedList, file: String, contentHash: String, actor: String) throws -> PublishedImport {
        let now = Self.timestamp()
        return try write { db in
            if try await db.exists("SELECT 1 FROM publishedList WHERE contentHash = ?", [contentHash]) {
                return PublishedImport(rows: list.rows.count, matched: 0, unmatched: [], unchanged: true)
            }
            var byName: [String: String] = [:]
            var byCode: [String: String] = [:]
            for agency in try await db.fetchRecords(AgencyRecord.self, "SELECT * FROM agency", []) {
                byName[agency.name] = agency.code
                if let code = agency.creditCode { byCode[code] = agency.code }
            }
            func agency(of row: PublishedRow) -> String? {
                row.agencyCreditCode.flatMap { byCode[$0] } ?? row.agencyName.flatMap { byName[$0.trimmingCharacters(in: .whitespaces)] }
            }
            let dates = list.rows.compactMap(\.decisionDate)
            let id = try await db.insertReturningID(
                PublishedListRecord(
                    id: nil, kind: list.type.rawValue, sourceFile: file, contentHash: contentHash, coversFrom: dates.min(),
                    coversTo: dates.max(), rowCount: list.rows.count, importedAt: now, importedBy: actor))
            // The stored decisions of the agencies the list names, by the number as compared.
            var decisions: [String: Set<String>] = [:]
            for code in Set(list.rows.compactMap(agency)) {
                var keys = Set<String>()
                for row in try await db.fetchAll(
                    "SELECT decisionNumber FROM enforcementCase WHERE agency = ? AND type = ? AND decisionNumber IS NOT NULL", [code, list.type.rawValue])
                {
                    keys.insert(DecisionNumber.key(row["decisionNumber"]))
                }
                decisions[code] = keys
            }
            var matched = 0
            var unmatched: [(Int, String, String)] = []
            // Many rows at once: a multi-row insert, or COPY on PostgreSQL (`insertRows`).
            let columns = ["listId", "row", "agency", "numberKey", "number", "party", "decisionDate", "publishedDate", "url"]
            var pending: [[DatabaseValue]] = []
            for row in list.rows {
                let code = agency(of: row)
                let key = DecisionNumber.key(row.number)
                let values: [(any DatabaseValueConvertible)?] = [
                    id, row.row, code, key, row.number, row.party, row.decisionDate, row.publishedDate, row.url
                ]
                pending.append(values.map { $0?.databaseValue ?? .null })
                if pending.count == 1000 {
                    try await db.insertRows(into: "publishedRecord", columns: columns, rows: pending)
                    pending.removeAll(keepingCapacity: true)
                }
                if let code, decisions[code]?.contains(key) == true {
                    matched += 1
                } else {
                    unmatched.append(
                        (
                            row.row, row.number,
                            code == nil ? "名录中没有机关“\(row.agencyName ?? row.agencyCreditCode ?? "")”" : "库中没有该机关这一文号的决定"
                        ))
                }
            }
            try await db.insertRows(into: "publishedRecord", columns: columns, rows: pending)
            try await JournalAppender(db: db, actor: actor, at: now).append(
                .publicityImport, subject: file, contentHash: contentHash,
                detail: "\(list.type.rawValue) \(list.rows.count) rows, \(matched) matched")
            return PublishedImport(rows: list.rows.count, matched: matched, unmatched: unmatched, unchanged: false)
        }
    }

    /// What every published list covers (`PublishedCoverage`), for the audit.
    public func publishedCoverage() throws -> [PublishedCoverage] {
        try read { try await PublishedLists.coverage($0) }
    }
}

/// Published lists as the audit and the case reader meet them.
enum PublishedLists {
    static func coverage(_ db: any SQLConnection) async throws -> [PublishedCoverage] {
        var agencies: [Int64: Set<String>] = [:]
        for row in try await db.fetchAll("SELECT DISTINCT listId, agency FROM publishedRecord WHERE agency IS NOT NULL", []) {
            agencies[row["listId"], default: []].insert(row["agency"])
        }
        return try await db.fetchRecords(PublishedListRecord.self, "SELECT * FROM publishedList ORDER BY id", []).compactMap { list in
            guard let id = list.id, let from = list.coversFrom, let to = list.coversTo, let type = CaseType(rawValue: list.kind) else { return nil }
            return PublishedCoverage(type: type, agencies: agencies[id] ?? [], from: from, to: to, source: list.sourceFile)
        }
    }

    /// The cases with what published lists say of their decisions, matched by agency and the
    /// number as compared (`DecisionNumber.key`).
    static func attach(_ cases: [EnforcementCase], _ db: any SQLConnection) async throws -> [EnforcementCase] {
        // Most stores hold no published list: then no case's number is read into its key.
        guard !cases.isEmpty, try await db.exists("SELECT 1 FROM publishedList", []) else { return cases }
        let keys = cases.compactMap { c in c.decision?.number.map(DecisionNumber.key) }
        guard !keys.isEmpty else { return cases }
        var found: [String: [Publication]] = [:]
        for chunk in SQLInList.chunks(Array(Set(keys)).sorted(), size: 512) {
            for row in try await db.fetchAll(
                """
                SELECT r.agency, r.numberKey, r.row, r.publishedDate, r.url, l.sourceFile FROM publishedRecord r
                JOIN publishedList l ON l.id = r.listId WHERE r.agency IS NOT NULL AND r.numberKey IN \(chunk.placeholders)
                ORDER BY r.listId, r.row
                """, chunk.values.map { $0 as (any DatabaseValueConvertible)? })
            {
                let key = (row["agency"] as String) + "\u{1}" + (row["numberKey"] as String)
                let publication = Publication(source: row["sourceFile"], row: row["row"], publishedDate: row["publishedDate"], url: row["url"])
                if found[key]?.contains(publication) != true { found[key, default: []].append(publication) }
            }
        }
        guard !found.isEmpty else { return cases }
        return cases.map { c in
            guard let number = c.decision?.number, let publications = found[c.agency + "\u{1}" + DecisionNumber.key(number)] else { return c }
            var c = c
            c.publications = publications
            return c
        }
    }
}

/// A published list as stored (v24).
struct PublishedListRecord: Codable, FetchableRecord, EncodableRecord, TableRecord {
    static let databaseTableName = "publishedList"
    var id: Int64?
    var kind: String
    var sourceFile: String
    var contentHash: String
    var coversFrom: CalendarDate?
    var coversTo: CalendarDate?
    var rowCount: Int
    var importedAt: String
    var importedBy: String
}
