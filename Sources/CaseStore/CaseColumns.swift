/// The columns of one of the case tables, in the order both schemas store them: the one list
/// from which `CaseRows` inserts, `CaseBatchLoader` selects and reads each value by position
/// (`rawValue`), and the schema tests hold both databases' tables to (`CaseColumnsTests`).
/// Shipped migrations keep their own text: they never change.
protocol CaseTableColumns: CaseIterable, RawRepresentable where RawValue == Int, AllCases == [Self] {
    static var table: String { get }
    /// The names, in order (each enum keeps its own, computed once).
    static var names: [String] { get }
}

extension CaseTableColumns {
    static var columnNames: [String] { allCases.map { "\($0)" } }

    /// Every column, for `SELECT … FROM table alias`, in order.
    static func selectList(_ alias: String? = nil) -> String {
        names.map { (alias.map { $0 + "." } ?? "") + SQLName.quoted($0) }.joined(separator: ", ")
    }
}

enum CaseColumn: Int, CaseTableColumns {
    case id, agency, type, procedure, declaredMajor, hasMatter, matterItem, matterViolationDate, matterText, decisionDate,
        decisionNumber, version, importedAt, sourceFile, contentHash, power
    static let table = "enforcementCase"
    static let names = columnNames
}

enum PartyColumn: Int, CaseTableColumns {
    case caseId, position, kind, name, creditCode, idNumber, firstOffence, corrected, harm
    static let table = "party"
    static let names = columnNames
}

enum EventColumn: Int, CaseTableColumns {
    case id, caseId, position, kind, date, until, hearingRights, reviewer, result, days, number, method, revokedBy, line, ruling
    static let table = "event"
    static let names = columnNames
}

enum EventOfficerColumn: Int, CaseTableColumns {
    case eventId, position, officerId
    static let table = "eventOfficer"
    static let names = columnNames
}

enum RecordColumn: Int, CaseTableColumns {
    case eventId, position, kind, title, file, sha256, start, end, evidence
    static let table = "record"
    static let names = columnNames
}

enum OutcomeColumn: Int, CaseTableColumns {
    case caseId, discretionLevel, discretionReason, grantResult
    static let table = "outcome"
    static let names = columnNames
}

enum PenaltyColumn: Int, CaseTableColumns {
    case caseId, position, kind, amount
    static let table = "penalty"
    static let names = columnNames
}

enum BaseAmountColumn: Int, CaseTableColumns {
    case caseId, position, name, amount
    static let table = "baseAmount"
    static let names = columnNames
}

enum DisclosureColumn: Int, CaseTableColumns {
    case caseId, date, platform, url, withdrawn, exempt, text
    static let table = "disclosure"
    static let names = columnNames
}

extension SQLConnection {
    /// Appends a row of a case table, its values in the order of `Columns` (`append(into:columns:row:)`).
    func append<Columns: CaseTableColumns>(into columns: Columns.Type, row: SQLArguments) async throws {
        try await append(into: Columns.table, columns: Columns.names, row: row)
    }
}
