import CaseModel
import GRDB

/// The figures of the 118号 annual data report (每年1月31日前公开上年度行政执法总体情况) for one
/// agency: decisions of the year by kind of enforcement, penalties by kind with the fines' total.
public struct AnnualFigures: Codable, Sendable, Equatable {
    public var agency: String
    /// Decisions of the year by case type (`penalty`, `license`, …).
    public var decisions: [CaseType: Int]
    /// Licenses granted and denied.
    public var licensesGranted: Int
    public var licensesDenied: Int
    /// Penalties imposed in decisions of the year, by kind: how many, and their amounts together.
    public var penalties: [PenaltyKind: Int]
    public var penaltyAmounts: [PenaltyKind: Money]

    /// 行政复议 decisions and 行政诉讼 judgments dated in the year (format 1.1), and of those the
    /// ones that corrected the decision (复议纠错) or went against the agency (败诉).
    public var reconsiderations = 0, reconsiderationsCorrected = 0
    public var judgments = 0, judgmentsLost = 0

    public var fineTotal: Money { penaltyAmounts[.fine] ?? Money(fen: 0) }

    /// 复议纠错率, nil when no 复议 decision was dated in the year.
    public var reconsiderationCorrectedRate: Double? {
        reconsiderations == 0 ? nil : Double(reconsiderationsCorrected) / Double(reconsiderations)
    }

    /// 败诉率, nil when no judgment was dated in the year.
    public var litigationLostRate: Double? { judgments == 0 ? nil : Double(judgmentsLost) / Double(judgments) }

    /// An agency with no decision in the year: zeros, which are published too.
    public init(agency: String) {
        self.agency = agency
        decisions = [:]
        licensesGranted = 0
        licensesDenied = 0
        penalties = [:]
        penaltyAmounts = [:]
    }
}

extension CaseStore {
    /// Each agency's figures for decisions dated in `year`: summed by agency and month
    /// (`DecisionTally.swift`) when the sums hold the store's cases as they stand, else counted
    /// from the stored cases.
    public func annualFigures(year: Int) throws -> [String: AnnualFigures] {
        let from = CalendarDate(year: year, month: 1, day: 1) ?? .earliest
        let to = CalendarDate(year: year, month: 12, day: 31) ?? from
        return try read { db in
            let tally = DueRepository(db: db)
            var figures = try await tally.holdsCasesAsTheyStand() ? try await tally.annualFigures(year: year) : try await counted(from: from, to: to, db)
            // Rulings are few: read through their partial index (v24), whichever way the rest was counted.
            for row in try await db.fetchAll(
                """
                SELECT c.agency, e.kind, e.ruling, COUNT(*) AS n FROM event e JOIN enforcementCase c ON c.id = e.caseId
                WHERE e.ruling IS NOT NULL AND e.date BETWEEN ? AND ? GROUP BY c.agency, e.kind, e.ruling
                """, [from, to])
            {
                let agency: String = row["agency"]
                var current = figures[agency] ?? AnnualFigures(agency: agency)
                let count: Int = row["n"]
                let corrects = Ruling(rawValue: row["ruling"])?.correctsDecision ?? false
                switch EventKind(rawValue: row["kind"]) {
                case .reconsiderationDecided?:
                    current.reconsiderations += count
                    if corrects { current.reconsiderationsCorrected += count }
                case .judgment?:
                    current.judgments += count
                    if corrects { current.judgmentsLost += count }
                default: break
                }
                figures[agency] = current
            }
            return figures
        }
    }

    private func counted(from: CalendarDate, to: CalendarDate, _ db: any SQLConnection) async throws -> [String: AnnualFigures] {
        var figures: [String: AnnualFigures] = [:]
        func entry(_ agency: String) -> AnnualFigures {
            figures[agency] ?? AnnualFigures(agency: agency)
        }
        for row in try await db.fetchAll(
            """
            SELECT c.agency, c.type, o.grantResult, COUNT(*) AS n FROM enforcementCase c
            LEFT JOIN outcome o ON o.caseId = c.id
            WHERE c.decisionDate BETWEEN ? AND ? GROUP BY c.agency, c.type, o.grantResult
            """, [from, to])
        {
            let agency: String = row["agency"]
            var current = entry(agency)
            let count: Int = row["n"]
            if let type = CaseType(rawValue: row["type"]) { current.decisions[type, default: 0] += count }
            switch GrantResult(rawValue: row["grantResult"] ?? "") {
            case .granted?: current.licensesGranted += count
            case .denied?: current.licensesDenied += count
            case nil: break
            }
            figures[agency] = current
        }
        for row in try await db.fetchAll(
            """
            SELECT c.agency, p.kind, COUNT(*) AS n, CAST(SUM(p.amount) AS BIGINT) AS total FROM penalty p
            JOIN enforcementCase c ON c.id = p.caseId
            WHERE c.decisionDate BETWEEN ? AND ? GROUP BY c.agency, p.kind
            """, [from, to])
        {
            let agency: String = row["agency"]
            var current = entry(agency)
            if let kind = PenaltyKind(rawValue: row["kind"]) {
                current.penalties[kind] = row["n"]
                if let total: Int64 = row["total"] { current.penaltyAmounts[kind] = Money(fen: total) }
            }
            figures[agency] = current
        }
        return figures
    }
}
