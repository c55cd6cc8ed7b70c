import Audit
import CaseModel
import CaseStore
import Foundation

/// What the supervision bureau checks of each agency's people besides its case files: the share
/// of its officers certified (持证率), training hours against the checklist's `training.hours`,
/// certificates that end within `certificate.warning.days`, officers who act without cover, and
/// auxiliaries who act with no officer beside them.
public struct OfficerReview: Sendable, Codable {
    public var asOf: CalendarDate
    /// The year whose training hours are counted.
    public var year: Int
    public var requiredHours: Int
    public var warningDays: Int
    public var agencies: [AgencyOfficers]

    public struct AgencyOfficers: Sendable, Codable {
        public var agency: String
        public var name: String
        /// People with the officer role (执法人员) in the registry.
        public var officers: Int
        /// Of those, certified on the as-of day.
        public var certified: Int
        /// certified ÷ officers, nil when the agency lists no officer.
        public var certifiedShare: Double?
        public var auxiliaries: Int
        public var shortOfTraining: [Training]
        /// Certificates whose cover ends within the warning days.
        public var expiring: [CertificateWarning]
        public var actingUncertified: [Acting]
        public var auxiliariesAlone: [Acting]
    }

    /// An officer whose year's hours are under the requirement.
    public struct Training: Sendable, Codable {
        public var officer: String
        public var name: String
        public var hours: Double
    }

    /// Someone who acted when they should not have: since their cover lapsed (`since`, nil when
    /// never certified), or as an auxiliary alone.
    public struct Acting: Sendable, Codable {
        public var officer: String
        public var name: String
        public var since: CalendarDate?
        public var acts: Int
        public var last: CalendarDate?
        public var example: String?
    }
}

extension OfficerReview {
    /// Reviews the registry's people as of `asOf`, the training of `year`, optionally one agency's;
    /// `registry` is the store's unless the caller read it already.
    public static func make(
        store: CaseStore, registry: Registry? = nil, parameters: AuditParameters, asOf: CalendarDate, year: Int, agency: String? = nil
    ) throws -> OfficerReview {
        let registry = try registry ?? store.registry()
        let names = RegistryNames(registry)
        let people = registry.officers.filter { agency == nil || $0.agency == agency }
        let officers = people.filter { $0.roles.contains(.officer) }
        let standings = Dictionary(officers.map { ($0.id, CertificateStanding(of: $0, on: asOf)) }, uniquingKeysWith: { first, _ in first })
        var lapsedSince: [String: CalendarDate?] = [:]
        for officer in officers {
            if case .lapsed(let since) = standings[officer.id] { lapsedSince[officer.id] = since }
        }
        let acting = try store.acts(since: lapsedSince, through: asOf)
        let auxiliaries = people.filter { $0.roles.contains(.auxiliary) && !$0.roles.contains(.officer) }
        let yearStart = CalendarDate(year: year, month: 1, day: 1) ?? asOf
        let alone = try store.actsAlone(auxiliaries: auxiliaries.map(\.id), from: yearStart, through: asOf)
        let codes = agency.map { [$0] } ?? Array(Set(registry.agencies.map(\.code)).union(people.map(\.agency))).sorted()
        let officersOf = Dictionary(grouping: officers, by: \.agency)
        let auxiliariesOf = Dictionary(grouping: auxiliaries, by: \.agency)
        let agencies = codes.map { code -> AgencyOfficers in
            let own = officersOf[code] ?? []
            let certified = own.filter { standings[$0.id]?.isCertified == true }.count
            return AgencyOfficers(
                agency: code, name: names.agency(code), officers: own.count, certified: certified,
                certifiedShare: own.isEmpty ? nil : Double(certified) / Double(own.count),
                auxiliaries: auxiliariesOf[code]?.count ?? 0,
                shortOfTraining: own.compactMap { officer in
                    let hours = officer.trainings.filter { $0.year == year }.reduce(0) { $0 + $1.hours }
                    return hours < Double(parameters.trainingHours) ? Training(officer: officer.id, name: officer.name, hours: hours) : nil
                },
                expiring: CertificateWarning.list(own, asOf: asOf, through: asOf.adding(days: parameters.certificateWarningDays)),
                actingUncertified: own.compactMap { officer in
                    guard let acts = acting[officer.id], case .lapsed(let since) = standings[officer.id] else { return nil }
                    return Acting(officer: officer.id, name: officer.name, since: since, acts: acts.count, last: acts.last, example: acts.example)
                },
                auxiliariesAlone: (auxiliariesOf[code] ?? []).compactMap { person in
                    alone[person.id].map {
                        Acting(officer: person.id, name: person.name, since: nil, acts: $0.count, last: $0.last, example: $0.example)
                    }
                })
        }
        return OfficerReview(
            asOf: asOf, year: year, requiredHours: parameters.trainingHours, warningDays: parameters.certificateWarningDays,
            agencies: agencies)
    }
}
