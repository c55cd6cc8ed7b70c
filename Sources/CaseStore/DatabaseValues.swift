import CaseModel
import GRDB

/// Dates are stored as `YYYY-MM-DD` text so that SQL comparisons and a human reading the file agree.
extension CalendarDate: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { description.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> CalendarDate? {
        String.fromDatabaseValue(dbValue).flatMap { CalendarDate($0) }
    }
}

/// Money is stored as integer fen.
extension Money: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { fen.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Money? {
        Int64.fromDatabaseValue(dbValue).map { Money(fen: $0) }
    }
}
