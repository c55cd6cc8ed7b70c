import CaseModel
import GRDB

/// A case's main row. `type` and `procedure` stay text here on purpose: a row holding a value this
/// program does not know must make that one case an "unreadable" finding when it is loaded
/// (`CaseBatchLoader`), not fail the decoding of a whole batch.
struct CaseRecord: Codable, FetchableRecord, EncodableRecord, TableRecord {
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
public struct CaseHistoryRecord: Codable, FetchableRecord, EncodableRecord, TableRecord, Sendable {
    public static let databaseTableName = "caseHistory"
    public var id: Int64?
    public var caseId: String
    public var version: Int
    public var replacedAt: String
    public var sourceFile: String?
    public var contentHash: String
    /// The earlier version in the interchange format.
    public var xml: String
}
