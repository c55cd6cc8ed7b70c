import Audit
import CaseModel
import CaseStore
import CaseXML
import Foundation
import WorkCalendar

/// What a supervisor asks of a new review campaign (评查活动).
public struct CampaignRequest: Sendable, Equatable {
    public var name: String
    public var asOf: CalendarDate
    public var scope: CampaignScope
    public var size: SampleSize
    public var seed: UInt64
    /// The reviewers' account names; empty: every reviewer account.
    public var pool: [String]

    public init(name: String, asOf: CalendarDate, scope: CampaignScope, size: SampleSize, seed: UInt64, pool: [String] = []) {
        self.name = name
        self.asOf = asOf
        self.scope = scope
        self.size = size
        self.seed = seed
        self.pool = pool
    }

    /// A seed for a campaign that names none: from the system's random source, stored and printed.
    public static func randomSeed() -> UInt64 {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }
}

/// A campaign's draw: each agency's candidates (how many, and the fingerprint of their ids) and
/// the drawn cases with their reviewers.
public struct CampaignDrawResult: Sendable, Equatable {
    public var request: CampaignRequest
    public var candidates: [String: AgencyCandidates]
    public var assignments: [CampaignAssignment]
}

public struct AgencyCandidates: Codable, Hashable, Sendable {
    public var count: Int
    /// SHA-256 of the candidates' ids in order, one per line.
    public var digest: String
}

/// Why a campaign was not drawn, in Chinese.
public struct CampaignError: Error, Equatable, CustomStringConvertible {
    public var description: String
}

extension AuditRunner {
    /// Draws a campaign without storing it: the candidates are the store's decided cases in the
    /// request's scope (audited as of its day when every vetoed case is wanted), the pool its
    /// reviewer accounts, tied to the registry's people of the same names for 回避.
    public func drawCampaign(_ request: CampaignRequest) throws -> CampaignDrawResult {
        if let problem = request.size.problem ?? request.scope.problem { throw CampaignError(description: problem) }
        let name = request.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 200, name == request.name else {
            throw CampaignError(description: "评查活动的名称不能为空，首尾不能有空格，不超过 200 字。")
        }
        if try store.campaign(named: name) != nil { throw CampaignError(description: StoreError.campaignExists(name).description) }
        let pool = try campaignPool(request.pool)
        let candidates = try campaignCandidates(request)
        guard !candidates.isEmpty else {
            throw CampaignError(description: "在所选范围内，截至 \(request.asOf) 没有已作出决定的案件可供抽取。")
        }
        let drawn = try withActors(CampaignDraw.sample(candidates, size: request.size, seed: request.seed))
        let previous = try store.lastCampaignReviewers()
        let assignments: [CampaignAssignment]
        do {
            assignments = try CampaignDraw.assign(drawn, pool: pool, previous: previous, seed: request.seed)
        } catch {
            throw CampaignError(description: error.description)
        }
        let byAgency = Dictionary(grouping: candidates, by: \.agency).mapValues { $0.map(\.id) }
        return CampaignDrawResult(
            request: request,
            candidates: byAgency.mapValues { ids in
                AgencyCandidates(count: ids.count, digest: Hex.sha256(ids.sorted().joined(separator: "\n")))
            },
            assignments: assignments)
    }

    /// Draws a campaign and stores it, journaled under `actor`.
    public func createCampaign(_ request: CampaignRequest, actor: String) throws -> CampaignDrawResult {
        let result = try drawCampaign(request)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        func json(_ value: some Encodable) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        let record = CampaignRecord(
            name: request.name, checklist: checklist.name, asOf: request.asOf.description, scope: try json(request.scope),
            sampleSize: try json(request.size), seed: String(request.seed), pool: try json(request.pool), candidates: try json(result.candidates),
            createdBy: actor)
        try store.createCampaign(
            record,
            cases: result.assignments.map {
                CampaignCaseRecord(campaignId: 0, caseId: $0.caseId, agency: $0.agency, reviewer: $0.reviewer, checker: $0.checker, reason: $0.reason.rawValue)
            },
            actor: actor)
        return result
    }

    /// The reviewer accounts named (all of them when none is), each with the agencies and the
    /// registry's people of its name.
    private func campaignPool(_ names: [String]) throws -> [CampaignReviewer] {
        let accounts = try store.accounts()
        let reviewers = accounts.filter { $0.role == .reviewer }
        var chosen = reviewers
        if !names.isEmpty {
            let byName = Dictionary(uniqueKeysWithValues: accounts.map { ($0.name, $0) })
            chosen = try Set(names).sorted().map { name in
                guard let account = byName[name], account.role == .reviewer else {
                    throw CampaignError(description: "评查人员库中的“\(name)”不是评查人员账号（zhifa user add \(name) --role reviewer）。")
                }
                return account
            }
        }
        let people = try store.registry().officers
        return chosen.map { account in
            let same = people.filter { $0.name == account.name }
            return CampaignReviewer(
                name: account.name, agencies: Set(same.map(\.agency) + [account.agency].compactMap { $0 }), people: Set(same.map(\.id)))
        }
    }

    /// The drawn cases with who acted in them, read again: a million candidates' officers would
    /// cost hundreds of megabytes, and only the drawn ones' are asked (回避).
    private func withActors(_ drawn: [CampaignCandidate]) throws -> [CampaignCandidate] {
        var actors: [String: Set<String>] = [:]
        try store.forEachBatch(of: drawn.map(\.id), scattered: true) { cases, _ in
            for c in cases { actors[c.id] = CampaignCandidate(c, hasVeto: false).actors }
        }
        return drawn.map { candidate in
            var c = candidate
            c.actors = actors[c.id] ?? []
            return c
        }
    }

    /// The decided cases in scope, each with whether it has a veto finding as of the day (judged
    /// only when every vetoed case is wanted); who acted in them is left for `withActors`.
    private func campaignCandidates(_ request: CampaignRequest) throws -> [CampaignCandidate] {
        let auditor = request.size.everyVetoed ? try auditor() : nil
        let manual = request.size.everyVetoed ? try store.manualScores() : [:]
        var candidates: [CampaignCandidate] = []
        let ids = request.scope.agencies.isEmpty ? try store.caseIds() : try request.scope.agencies.flatMap { try store.caseIds(agency: $0) }
        try store.forEachBatch(of: ids.sorted()) { cases, _ in
            for c in cases where request.scope.includes(c, asOf: request.asOf) {
                let veto = auditor.map { $0.audit(c, asOf: request.asOf, manualScores: manual[c.id] ?? [], keepPassing: false).veto } ?? false
                candidates.append(CampaignCandidate(id: c.id, agency: c.agency, actors: [], hasVeto: veto))
            }
        }
        return candidates
    }
}
