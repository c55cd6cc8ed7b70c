/// The draw of a review campaign (评查活动, 双随机): which of each agency's cases are reviewed, and
/// by whom. Pure: the store, the registry and the audit give it its candidates and reviewers
/// (`CampaignPlanner` in AuditRuns), and the same inputs and seed always give the same draw.
public enum CampaignDraw {
    /// Each agency's sample, in case-id order: its candidates in id order, shuffled by the
    /// agency's own generator (`SeededRandom(seed:part:)` with the agency's code), the first
    /// `size` of them; then, with `everyVetoed`, every other candidate with a veto finding.
    public static func sample(_ candidates: [CampaignCandidate], size: SampleSize, seed: UInt64) -> [CampaignCandidate] {
        let byAgency = Dictionary(grouping: candidates, by: \.agency)
        var drawn: [CampaignCandidate] = []
        for agency in byAgency.keys.sorted() {
            let own = byAgency[agency]!.sorted { $0.id < $1.id }
            var random = SeededRandom(seed: seed, part: "sample:" + agency)
            let chosen = random.shuffled(own).prefix(size.size(of: own.count))
            let ids = Set(chosen.map(\.id))
            drawn += chosen.map {
                var c = $0
                c.reason = .random
                return c
            }
            if size.everyVetoed {
                drawn += own.filter { $0.hasVeto && !ids.contains($0.id) }.map {
                    var c = $0
                    c.reason = .veto
                    return c
                }
            }
        }
        return drawn.sorted { $0.id < $1.id }
    }

    /// A 评查人 and a 复核人 for each drawn case, two different people neither of whom must
    /// recuse themselves (`recusal`). Each is drawn at random among those eligible who have been
    /// given the fewest cases so far, so the work is shared evenly; cases are taken in id order
    /// and the pool in name order, with the generator `SeededRandom(seed:part: "assign")`.
    public static func assign(
        _ drawn: [CampaignCandidate], pool: [CampaignReviewer], previous: [String: Set<String>], seed: UInt64
    ) throws(CampaignDrawError) -> [CampaignAssignment] {
        let reviewers = pool.sorted { $0.name < $1.name }
        var load = [String: Int]()
        var random = SeededRandom(seed: seed, part: "assign")
        func pick(from eligible: [CampaignReviewer]) -> CampaignReviewer {
            let fewest = eligible.map { load[$0.name, default: 0] }.min()!
            let least = eligible.filter { load[$0.name, default: 0] == fewest }
            let chosen = least[random.below(least.count)]
            load[chosen.name, default: 0] += 1
            return chosen
        }
        return try drawn.sorted { $0.id < $1.id }.map { c throws(CampaignDrawError) in
            let eligible = reviewers.filter { recusal(of: $0, from: c, previous: previous) == nil }
            guard eligible.count >= 2 else {
                throw .tooFewReviewers(caseId: c.id, eligible: eligible.count, pool: reviewers.count)
            }
            let reviewer = pick(from: eligible)
            let checker = pick(from: eligible.filter { $0.name != reviewer.name })
            return CampaignAssignment(caseId: c.id, agency: c.agency, reviewer: reviewer.name, checker: checker.name, reason: c.reason)
        }
    }

    /// Why `reviewer` may not review case `c` (回避), or nil: a case of their own agency, one in
    /// which they acted (as officer or legal reviewer), or one they reviewed or checked in the
    /// previous campaign.
    public static func recusal(of reviewer: CampaignReviewer, from c: CampaignCandidate, previous: [String: Set<String>]) -> String? {
        if reviewer.agencies.contains(c.agency) { return "本机关的案件" }
        if !reviewer.people.isDisjoint(with: c.actors) { return "本人参与办理或法制审核的案件" }
        if previous[c.id]?.contains(reviewer.name) == true { return "上一次评查活动中评查过的案件" }
        return nil
    }
}

/// How many of each agency's cases a campaign draws: a number or a share, never fewer than one of
/// an agency that has any, never more than it has.
public struct SampleSize: Codable, Hashable, Sendable {
    public var count: Int?
    /// Of an agency's candidates, rounded up.
    public var share: Double?
    /// Every case with a veto finding is drawn besides.
    public var everyVetoed: Bool

    public init(count: Int? = nil, share: Double? = nil, everyVetoed: Bool = false) {
        self.count = count
        self.share = share
        self.everyVetoed = everyVetoed
    }

    /// The most a count may ask for: more than any agency decides in years.
    public static let largestCount = 100_000

    /// Why this size cannot be drawn, in Chinese, or nil.
    public var problem: String? {
        switch (count, share) {
        case (nil, nil), (.some, .some): "抽取数量须指定且只能指定一种：每个机关的件数，或比例。"
        case (let count?, nil) where count < 1 || count > Self.largestCount: "每个机关抽取的件数应在 1 到 \(Self.largestCount) 之间。"
        case (nil, let share?) where !(share > 0 && share <= 1): "抽取比例应大于 0、不超过 1（例如 0.1 即 10%）。"
        default: nil
        }
    }

    public func size(of total: Int) -> Int {
        guard total > 0 else { return 0 }
        let wanted: Int
        if let count {
            wanted = count
        } else {
            let exact = (share ?? 1) * Double(total)
            wanted = exact.isFinite ? Int(min(exact.rounded(.up), Double(total))) : total
        }
        return min(max(1, wanted), total)
    }
}

/// A case a campaign may draw.
public struct CampaignCandidate: Hashable, Sendable {
    public var id: String
    public var agency: String
    /// The registry ids of those who acted in the case: its officers and its legal reviewers.
    public var actors: Set<String>
    public var hasVeto: Bool
    /// Why it was drawn, once it is.
    public var reason: CampaignAssignment.Reason = .random

    public init(id: String, agency: String, actors: Set<String>, hasVeto: Bool) {
        self.id = id
        self.agency = agency
        self.actors = actors
        self.hasVeto = hasVeto
    }
}

/// A reviewer in a campaign's pool: an account, with the agencies and registry people it is.
public struct CampaignReviewer: Hashable, Sendable {
    public var name: String
    /// The account's agency and those of the registry's people of the same name.
    public var agencies: Set<String>
    /// The registry ids of the people of the account's name.
    public var people: Set<String>

    public init(name: String, agencies: Set<String>, people: Set<String>) {
        self.name = name
        self.agencies = agencies
        self.people = people
    }
}

/// One drawn case: who reviews it (评查人) and who checks the review (复核人).
public struct CampaignAssignment: Codable, Hashable, Sendable {
    public var caseId: String
    public var agency: String
    public var reviewer: String
    public var checker: String
    public var reason: Reason

    public enum Reason: String, Codable, Hashable, Sendable {
        /// Drawn at random.
        case random
        /// Drawn because it has a veto finding.
        case veto
    }

    public init(caseId: String, agency: String, reviewer: String, checker: String, reason: Reason) {
        self.caseId = caseId
        self.agency = agency
        self.reviewer = reviewer
        self.checker = checker
        self.reason = reason
    }
}

public enum CampaignDrawError: Error, Equatable, CustomStringConvertible {
    case tooFewReviewers(caseId: String, eligible: Int, pool: Int)

    public var description: String {
        switch self {
        case .tooFewReviewers(let caseId, let eligible, let pool):
            "案件 \(caseId) 在评查人员库 \(pool) 人中只有 \(eligible) 人无需回避，评查人和复核人须为两名不同的人员：请扩大评查人员库后重新抽取。"
        }
    }
}
