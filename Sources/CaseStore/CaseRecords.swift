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

struct PartyRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "party"
    var caseId: String
    var position: Int
    var kind: String
    var name: String
    var creditCode: String?
    var idNumber: String?
    var firstOffence: Bool
    var corrected: Bool
    var harm: Bool
}

struct EventRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "event"
    var id: Int64?
    var caseId: String
    var position: Int
    var kind: String
    var date: CalendarDate
    var until: CalendarDate?
    var hearingRights: Bool?
    var reviewer: String?
    var result: String?
    var days: Int?
    var number: String?
    var method: String?
    var revokedBy: String?
    var line: Int

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct EventOfficerRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "eventOfficer"
    var eventId: Int64
    var position: Int
    var officerId: String
}

struct RecordRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "record"
    var id: Int64?
    var eventId: Int64
    var position: Int
    var kind: String
    var title: String
    var file: String?
    var sha256: String?
    var start: String?
    var end: String?
    var evidence: String

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct OutcomeRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "outcome"
    var caseId: String
    var discretionLevel: String?
    var discretionReason: String?
    var grantResult: String?
}

struct PenaltyRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "penalty"
    var caseId: String
    var position: Int
    var kind: String
    var amount: Money?
}

struct BaseAmountRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "baseAmount"
    var caseId: String
    var position: Int
    var name: String
    var amount: Money
}

struct DisclosureRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "disclosure"
    var caseId: String
    var date: CalendarDate?
    var platform: String?
    var url: String?
    var withdrawn: CalendarDate?
    var exempt: String?
    var text: String?
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
