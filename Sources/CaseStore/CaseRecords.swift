import CaseModel
import GRDB

struct CaseRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "enforcementCase"
    var id: String
    var agency: String
    var type: String
    var procedure: String
    var declaredMajor: Bool
    var hasMatter: Bool
    var matterItem: String?
    var matterViolationDate: CalendarDate?
    var matterText: String?
    var decisionDate: CalendarDate?
    var decisionNumber: String?
    var version: Int
    var importedAt: String
    var sourceFile: String?
    var contentHash: String
}

/// An earlier version of a case, kept when an import replaced it.
public struct CaseHistoryRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    public static let databaseTableName = "caseHistory"
    public var id: Int64?
    public var caseId: String
    public var version: Int
    public var replacedAt: String
    public var sourceFile: String?
    public var contentHash: String
    /// The earlier version in the interchange format.
    public var xml: String

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
