import CaseModel
import GRDB

/// Maps registry and benchmark values to their rows and back.
enum RegistryRows {
    static func upsert(_ agency: Agency, into db: Database) throws {
        try AgencyRecord(code: agency.code, name: agency.name, region: agency.region, field: agency.field).upsert(db)
    }

    /// Replaces the officer with the registry's latest word, certificates and trainings included.
    static func upsert(_ officer: Officer, into db: Database) throws {
        try OfficerRecord(id: officer.id, name: officer.name, agency: officer.agency,
                          roles: officer.roles.map(\.rawValue).joined(separator: " "),
                          legalQualification: officer.legalQualification, reviewerSince: officer.reviewerSince).upsert(db)
        try CertificateRecord.filter(CertificateRecord.Columns.officerId == officer.id).deleteAll(db)
        try TrainingRecord.filter(TrainingRecord.Columns.officerId == officer.id).deleteAll(db)
        for (position, c) in officer.certificates.enumerated() {
            var record = CertificateRecord(id: nil, officerId: officer.id, position: position, number: c.number, field: c.field,
                                           issued: c.issued, expires: c.expires, status: c.status.rawValue, since: c.since)
            try record.insert(db)
        }
        for training in officer.trainings {
            var record = TrainingRecord(id: nil, officerId: officer.id, year: training.year, hours: training.hours)
            try record.insert(db)
        }
    }

    static func loadRegistry(_ db: Database) throws -> Registry {
        let agencies = try AgencyRecord.order(AgencyRecord.Columns.code).fetchAll(db).map {
            Agency(code: $0.code, name: $0.name, region: $0.region, field: $0.field)
        }
        let certificates = Dictionary(grouping: try CertificateRecord.order(CertificateRecord.Columns.officerId, CertificateRecord.Columns.position).fetchAll(db), by: \.officerId)
        let trainings = Dictionary(grouping: try TrainingRecord.order(TrainingRecord.Columns.officerId, TrainingRecord.Columns.year).fetchAll(db), by: \.officerId)
        let officers = try OfficerRecord.order(OfficerRecord.Columns.id).fetchAll(db).map { o in
            Officer(id: o.id, name: o.name, agency: o.agency,
                    roles: o.roles.split(separator: " ").compactMap { PersonRole(rawValue: String($0)) },
                    legalQualification: o.legalQualification, reviewerSince: o.reviewerSince,
                    certificates: try certificates[o.id, default: []].map { c in
                        guard let status = Certificate.Status(rawValue: c.status) else {
                            throw StoreError.corrupt("certificate \(c.number) has status \(c.status)")
                        }
                        return Certificate(number: c.number, field: c.field, issued: c.issued, expires: c.expires,
                                           status: status, since: c.since)
                    },
                    trainings: trainings[o.id, default: []].map { Training(year: $0.year, hours: $0.hours) })
        }
        return Registry(agencies: agencies, officers: officers)
    }

    /// Replaces the agency's benchmark set of the same effective date.
    static func replace(_ set: BenchmarkSet, importedAt: String, into db: Database) throws {
        try BenchmarkSetRecord
            .filter(BenchmarkSetRecord.Columns.agency == set.agency)
            .filter(set.effective == nil ? BenchmarkSetRecord.Columns.effective == nil : BenchmarkSetRecord.Columns.effective == set.effective)
            .deleteAll(db)
        var setRecord = BenchmarkSetRecord(id: nil, agency: set.agency, title: set.title, effective: set.effective, importedAt: importedAt)
        try setRecord.insert(db)
        for (itemPosition, item) in set.items.enumerated() {
            var itemRecord = BenchmarkItemRecord(id: nil, setId: setRecord.id!, position: itemPosition, code: item.code, name: item.name,
                                                 basis: item.basis, noPenaltyIfFirstMinor: item.noPenaltyIfFirstMinor,
                                                 lifeHealthFinance: item.lifeHealthFinance, implicitTier: item.implicitTier)
            try itemRecord.insert(db)
            for (tierPosition, tier) in item.tiers.enumerated() {
                let minimum = BoundColumns(tier.statutory?.min), maximum = BoundColumns(tier.statutory?.max)
                var tierRecord = BenchmarkTierRecord(
                    id: nil, itemId: itemRecord.id!, position: tierPosition, base: tier.base, atLeast: tier.atLeast,
                    below: tier.below, party: tier.party?.rawValue, hasStatutory: tier.statutory != nil,
                    statutoryMinAmount: minimum.amount, statutoryMinMultiple: minimum.multiple,
                    statutoryMaxAmount: maximum.amount, statutoryMaxMultiple: maximum.multiple)
                try tierRecord.insert(db)
                for (levelPosition, level) in tier.levels.enumerated() {
                    let low = BoundColumns(level.band.min), high = BoundColumns(level.band.max)
                    var levelRecord = BenchmarkLevelRecord(
                        id: nil, tierId: tierRecord.id!, position: levelPosition, name: level.name,
                        minAmount: low.amount, minMultiple: low.multiple, maxAmount: high.amount, maxMultiple: high.multiple)
                    try levelRecord.insert(db)
                }
            }
        }
    }

    /// Every stored benchmark set, newest effective date first within an agency.
    static func loadBenchmarks(_ db: Database) throws -> [BenchmarkSet] {
        let sets = try BenchmarkSetRecord.order(BenchmarkSetRecord.Columns.agency, BenchmarkSetRecord.Columns.effective.desc).fetchAll(db)
        let items = Dictionary(grouping: try BenchmarkItemRecord.order(BenchmarkItemRecord.Columns.position).fetchAll(db), by: \.setId)
        let tiers = Dictionary(grouping: try BenchmarkTierRecord.order(BenchmarkTierRecord.Columns.position).fetchAll(db), by: \.itemId)
        let levels = Dictionary(grouping: try BenchmarkLevelRecord.order(BenchmarkLevelRecord.Columns.position).fetchAll(db), by: \.tierId)
        return sets.map { set in
            BenchmarkSet(agency: set.agency, title: set.title, effective: set.effective, items: items[set.id!, default: []].map { item in
                BenchmarkItem(code: item.code, name: item.name, basis: item.basis,
                              noPenaltyIfFirstMinor: item.noPenaltyIfFirstMinor, lifeHealthFinance: item.lifeHealthFinance,
                              tiers: tiers[item.id!, default: []].map { tier in
                                  Tier(base: tier.base, atLeast: tier.atLeast, below: tier.below,
                                       party: tier.party.flatMap(PartyKind.init(rawValue:)),
                                       statutory: tier.hasStatutory ? Band(
                                           min: BoundColumns(amount: tier.statutoryMinAmount, multiple: tier.statutoryMinMultiple).bound,
                                           max: BoundColumns(amount: tier.statutoryMaxAmount, multiple: tier.statutoryMaxMultiple).bound) : nil,
                                       levels: levels[tier.id!, default: []].map { level in
                                           Level(name: level.name, band: Band(
                                               min: BoundColumns(amount: level.minAmount, multiple: level.minMultiple).bound,
                                               max: BoundColumns(amount: level.maxAmount, multiple: level.maxMultiple).bound))
                                       })
                              },
                              implicitTier: item.implicitTier)
            })
        }
    }
}
