import CaseModel

/// Maps registry and benchmark values to their rows and back.
enum RegistryRows {
    static func agencyExists(_ code: String, _ db: any SQLConnection) async throws -> Bool {
        try await db.exists("SELECT 1 FROM agency WHERE code = ?", [code])
    }

    static func upsert(_ agency: Agency, into db: any SQLConnection) async throws {
        try await db.execute(
            """
            INSERT INTO agency (code, name, region, field, creditCode) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, region = excluded.region, field = excluded.field,
              creditCode = excluded.creditCode
            """, [agency.code, agency.name, agency.region, agency.field, agency.creditCode])
        // The registry's latest word is the whole list: a matter it no longer names is gone.
        try await db.execute("DELETE FROM agencyPower WHERE agency = ?", [agency.code])
        for (position, power) in agency.powers.enumerated() {
            try await db.insert(
                AgencyPowerRecord(
                    agency: agency.code, position: position, code: power.code, name: power.name, category: power.category.rawValue,
                    basis: power.basis, fromDate: power.from, toDate: power.to))
        }
    }

    /// Replaces the officer with the registry's latest word, certificates and trainings included.
    static func upsert(_ officer: Officer, into db: any SQLConnection) async throws {
        try await db.execute(
            """
            INSERT INTO officer (id, name, agency, roles, legalQualification, reviewerSince) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, agency = excluded.agency, roles = excluded.roles,
              legalQualification = excluded.legalQualification, reviewerSince = excluded.reviewerSince
            """,
            [
                officer.id, officer.name, officer.agency, officer.roles.map(\.rawValue).joined(separator: " "),
                officer.legalQualification, officer.reviewerSince
            ])
        try await db.execute("DELETE FROM certificate WHERE officerId = ?", [officer.id])
        try await db.execute("DELETE FROM training WHERE officerId = ?", [officer.id])
        for (position, c) in officer.certificates.enumerated() {
            try await db.insert(
                CertificateRecord(
                    id: nil, officerId: officer.id, position: position, number: c.number, field: c.field,
                    issued: c.issued, expires: c.expires, status: c.status.rawValue, since: c.since))
        }
        for training in officer.trainings {
            try await db.insert(TrainingRecord(id: nil, officerId: officer.id, year: training.year, hours: training.hours))
        }
    }

    static func loadRegistry(_ db: any SQLConnection) async throws -> Registry {
        let powers = await Dictionary(
            grouping: try db.fetchRecords(AgencyPowerRecord.self, "SELECT * FROM agencyPower ORDER BY agency, position"), by: \.agency)
        let agencies = try await db.fetchRecords(AgencyRecord.self, "SELECT * FROM agency ORDER BY code").map { a in
            Agency(
                code: a.code, name: a.name, region: a.region, field: a.field, creditCode: a.creditCode,
                powers: try powers[a.code, default: []].map { p in
                    guard let category = PowerCategory(rawValue: p.category) else {
                        throw StoreError.corrupt("power \(p.code) of \(a.code) has category \(p.category)")
                    }
                    return Power(code: p.code, name: p.name, category: category, basis: p.basis, from: p.fromDate, to: p.toDate)
                })
        }
        let certificates = await Dictionary(
            grouping: try db.fetchRecords(CertificateRecord.self, "SELECT * FROM certificate ORDER BY officerId, position"), by: \.officerId)
        let trainings = await Dictionary(
            grouping: try db.fetchRecords(TrainingRecord.self, "SELECT * FROM training ORDER BY officerId, year, id"), by: \.officerId)
        let officers = try await db.fetchRecords(OfficerRecord.self, "SELECT * FROM officer ORDER BY id").map { o in
            Officer(
                id: o.id, name: o.name, agency: o.agency,
                roles: o.roles.split(separator: " ").compactMap { PersonRole(rawValue: String($0)) },
                legalQualification: o.legalQualification, reviewerSince: o.reviewerSince,
                certificates: try certificates[o.id, default: []].map { c in
                    guard let status = Certificate.Status(rawValue: c.status) else {
                        throw StoreError.corrupt("certificate \(c.number) has status \(c.status)")
                    }
                    return Certificate(
                        number: c.number, field: c.field, issued: c.issued, expires: c.expires,
                        status: status, since: c.since)
                },
                trainings: trainings[o.id, default: []].map { Training(year: $0.year, hours: $0.hours) })
        }
        return Registry(agencies: agencies, officers: officers)
    }

    /// Replaces the agency's benchmark set of the same effective date.
    static func replace(_ set: BenchmarkSet, importedAt: String, into db: any SQLConnection) async throws {
        if let effective = set.effective {
            try await db.execute("DELETE FROM benchmarkSet WHERE agency = ? AND effective = ?", [set.agency, effective])
        } else {
            try await db.execute("DELETE FROM benchmarkSet WHERE agency = ? AND effective IS NULL", [set.agency])
        }
        var setRecord = BenchmarkSetRecord(id: nil, agency: set.agency, title: set.title, effective: set.effective, importedAt: importedAt)
        setRecord.id = try await db.insertReturningID(setRecord)
        for (itemPosition, item) in set.items.enumerated() {
            var itemRecord = BenchmarkItemRecord(
                id: nil, setId: setRecord.id!, position: itemPosition, code: item.code, name: item.name,
                basis: item.basis, noPenaltyIfFirstMinor: item.noPenaltyIfFirstMinor,
                lifeHealthFinance: item.lifeHealthFinance, implicitTier: item.implicitTier)
            itemRecord.id = try await db.insertReturningID(itemRecord)
            for (tierPosition, tier) in item.tiers.enumerated() {
                let minimum = BoundColumns(tier.statutory?.min)
                let maximum = BoundColumns(tier.statutory?.max)
                var tierRecord = BenchmarkTierRecord(
                    id: nil, itemId: itemRecord.id!, position: tierPosition, base: tier.base, atLeast: tier.atLeast,
                    below: tier.below, party: tier.party?.rawValue, hasStatutory: tier.statutory != nil,
                    statutoryMinAmount: minimum.amount, statutoryMinMultiple: minimum.multiple,
                    statutoryMaxAmount: maximum.amount, statutoryMaxMultiple: maximum.multiple)
                tierRecord.id = try await db.insertReturningID(tierRecord)
                for (levelPosition, level) in tier.levels.enumerated() {
                    let low = BoundColumns(level.band.min)
                    let high = BoundColumns(level.band.max)
                    let levelRecord = BenchmarkLevelRecord(
                        id: nil, tierId: tierRecord.id!, position: levelPosition, name: level.name,
                        minAmount: low.amount, minMultiple: low.multiple, maxAmount: high.amount, maxMultiple: high.multiple)
                    try await db.insert(levelRecord)
                }
            }
        }
    }

    /// Every stored benchmark set, newest effective date first within an agency.
    static func loadBenchmarks(_ db: any SQLConnection) async throws -> [BenchmarkSet] {
        // A descending order puts NULLs last in SQLite and first in PostgreSQL: say where, as SQLite has it.
        let sets = try await db.fetchRecords(BenchmarkSetRecord.self, "SELECT * FROM benchmarkSet ORDER BY agency, effective IS NULL, effective DESC, id")
        let items = await Dictionary(grouping: try db.fetchRecords(BenchmarkItemRecord.self, "SELECT * FROM benchmarkItem ORDER BY position, id"), by: \.setId)
        let tiers = await Dictionary(grouping: try db.fetchRecords(BenchmarkTierRecord.self, "SELECT * FROM benchmarkTier ORDER BY position, id"), by: \.itemId)
        let levels = await Dictionary(
            grouping: try db.fetchRecords(BenchmarkLevelRecord.self, "SELECT * FROM benchmarkLevel ORDER BY position, id"), by: \.tierId)
        return sets.map { set in
            BenchmarkSet(
                agency: set.agency, title: set.title, effective: set.effective,
                items: items[set.id!, default: []].map { item in
                    BenchmarkItem(
                        code: item.code, name: item.name, basis: item.basis,
                        noPenaltyIfFirstMinor: item.noPenaltyIfFirstMinor, lifeHealthFinance: item.lifeHealthFinance,
                        tiers: tiers[item.id!, default: []].map { tier in
                            Tier(
                                base: tier.base, atLeast: tier.atLeast, below: tier.below,
                                party: tier.party.flatMap(PartyKind.init(rawValue:)),
                                statutory: tier.hasStatutory
                                    ? Band(
                                        min: BoundColumns(amount: tier.statutoryMinAmount, multiple: tier.statutoryMinMultiple).bound,
                                        max: BoundColumns(amount: tier.statutoryMaxAmount, multiple: tier.statutoryMaxMultiple).bound) : nil,
                                levels: levels[tier.id!, default: []].map { level in
                                    Level(
                                        name: level.name,
                                        band: Band(
                                            min: BoundColumns(amount: level.minAmount, multiple: level.minMultiple).bound,
                                            max: BoundColumns(amount: level.maxAmount, multiple: level.maxMultiple).bound))
                                })
                        },
                        implicitTier: item.implicitTier)
                })
        }
    }
}
