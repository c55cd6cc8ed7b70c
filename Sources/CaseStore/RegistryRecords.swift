import CaseModel
import GRDB

struct AgencyRecord: Codable, FetchableRecord, EncodableRecord, TableRecord {
    static let databaseTableName = "agency"
    var code: String
    var name: String
    var region: String?
    var field: String?
    var creditCode: String?
}

/// One matter of an agency's 权责清单 (v24).
struct AgencyPowerRecord: Codable, FetchableRecord, EncodableRecord, TableRecord {
    static let databaseTableName = "agencyPower"
    var agency: String
    var position: Int
    var code: String
    var name: String
    var category: String
    var basis: String?
    var fromDate: CalendarDate?
    var toDate: CalendarDate?
}

struct OfficerRecord: Codable, FetchableRecord, EncodableRecord, TableRecord {
    static let databaseTableName = "officer"
    var id: String
    var name: String
    var agency: String
    /// Space-separated, as in the registry's `role` attribute.
    var roles: String
    var legalQualification: String?
    var reviewerSince: CalendarDate?
}

struct CertificateRecord: Codable, FetchableRecord, EncodableRecord, TableRecord {
    static let databaseTableName = "certificate"
    var id: Int64?
    var officerId: String
    var position: Int
    var number: String
    var field: String?
    var issued: CalendarDate
    var expires: CalendarDate
    var status: String
    var since: CalendarDate?
}

struct TrainingRecord: Codable, FetchableRecord, EncodableRecord, TableRecord {
    static let databaseTableName = "training"
    var id: Int64?
    var officerId: String
    var year: Int
    var hours: Double
}

struct BenchmarkSetRecord: Codable, FetchableRecord, EncodableRecord, TableRecord {
    static let databaseTableName = "benchmarkSet"
    var id: Int64?
    var agency: String
    var title: String?
    var effective: CalendarDate?
    var importedAt: String
}

struct BenchmarkItemRecord: Codable, FetchableRecord, EncodableRecord, TableRecord {
    static let databaseTableName = "benchmarkItem"
    var id: Int64?
    var setId: Int64
    var position: Int
    var code: String
    var name: String
    var basis: String?
    var noPenaltyIfFirstMinor: Bool
    var lifeHealthFinance: Bool
    var implicitTier: Bool
}

struct BenchmarkTierRecord: Codable, FetchableRecord, EncodableRecord, TableRecord {
    static let databaseTableName = "benchmarkTier"
    var id: Int64?
    var itemId: Int64
    var position: Int
    var base: String?
    var atLeast: Money?
    var below: Money?
    var party: String?
    var hasStatutory: Bool
    var statutoryMinAmount: Int64?
    var statutoryMinMultiple: Int64?
    var statutoryMaxAmount: Int64?
    var statutoryMaxMultiple: Int64?
}

struct BenchmarkLevelRecord: Codable, FetchableRecord, EncodableRecord, TableRecord {
    static let databaseTableName = "benchmarkLevel"
    var id: Int64?
    var tierId: Int64
    var position: Int
    var name: String
    var minAmount: Int64?
    var minMultiple: Int64?
    var maxAmount: Int64?
    var maxMultiple: Int64?
}

/// A bound's two columns: an amount in fen or a multiple in ten-thousandths.
struct BoundColumns {
    var amount: Int64?
    var multiple: Int64?

    init(_ bound: Bound?) {
        switch bound {
        case .amount(let money)?: amount = money.fen
        case .multiple(let multiple)?: self.multiple = multiple.tenThousandths
        case nil: break
        }
    }

    init(amount: Int64?, multiple: Int64?) {
        self.amount = amount
        self.multiple = multiple
    }

    var bound: Bound? {
        if let amount { return .amount(Money(fen: amount)) }
        if let multiple { return .multiple(Multiple(tenThousandths: multiple)) }
        return nil
    }
}
