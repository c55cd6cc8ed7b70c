import Audit
import Testing

/// The draw of a campaign (双随机): the same seed draws the same sample, each agency its share,
/// and no reviewer is ever given a case they must recuse themselves from (回避).
@Suite struct CampaignDrawTests {
    /// Agencies A0…A(n-1), agency k holding 3 + 7k cases; every fifth case has a veto finding.
    static func candidates(agencies: Int = 5) -> [CampaignCandidate] {
        (0..<agencies).flatMap { agency in
            (0..<(3 + 7 * agency)).map { n in
                CampaignCandidate(id: "A\(agency)-\(1000 + n)", agency: "A\(agency)", actors: ["O-\(agency)-\(n % 4)"], hasVeto: n % 5 == 0)
            }
        }
    }

    /// SplitMix64's published outputs for seed 1234567, so that a draw can be made again by anyone.
    @Test func theGeneratorIsSplitMix64() {
        var random = SeededRandom(seed: 1_234_567)
        #expect(
            (0..<5).map { _ in random.next() } == [
                6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423, 4_593_380_528_125_082_431,
                16_408_922_859_458_223_821
            ])
    }

    @Test func theSameSeedDrawsTheSameSampleAndAnotherSeedAnother() {
        let size = SampleSize(count: 3)
        let first = CampaignDraw.sample(Self.candidates(), size: size, seed: 20_241_231)
        #expect(CampaignDraw.sample(Self.candidates(), size: size, seed: 20_241_231) == first)
        #expect(CampaignDraw.sample(Self.candidates().reversed(), size: size, seed: 20_241_231) == first, "the order given does not matter")
        let others = (1...5).map { CampaignDraw.sample(Self.candidates(), size: size, seed: 20_241_231 &+ UInt64($0)) }
        #expect(others.allSatisfy { $0 != first })
        // An agency added or removed leaves the others' samples as they were.
        let fewer = CampaignDraw.sample(Self.candidates().filter { $0.agency != "A4" }, size: size, seed: 20_241_231)
        #expect(fewer == first.filter { $0.agency != "A4" })
    }

    @Test func eachAgencyGetsItsSizeAndAtLeastOne() {
        let all = Self.candidates()
        func sizes(_ size: SampleSize) -> [String: Int] {
            Dictionary(grouping: CampaignDraw.sample(all, size: size, seed: 7), by: \.agency).mapValues(\.count)
        }
        #expect(sizes(SampleSize(count: 5)) == ["A0": 3, "A1": 5, "A2": 5, "A3": 5, "A4": 5], "never more than an agency has")
        // 10% of 3, 10, 17, 24, 31 cases, rounded up.
        #expect(sizes(SampleSize(share: 0.1)) == ["A0": 1, "A1": 1, "A2": 2, "A3": 3, "A4": 4])
        #expect(sizes(SampleSize(share: 0.0001)) == ["A0": 1, "A1": 1, "A2": 1, "A3": 1, "A4": 1], "at least one an agency")
        #expect(sizes(SampleSize(share: 1)) == ["A0": 3, "A1": 10, "A2": 17, "A3": 24, "A4": 31])
        let withVetoed = CampaignDraw.sample(all, size: SampleSize(count: 1, everyVetoed: true), seed: 7)
        #expect(Set(all.filter(\.hasVeto).map(\.id)).isSubset(of: Set(withVetoed.map(\.id))))
        #expect(withVetoed.filter { $0.reason == .random }.count == 5)
        #expect(withVetoed.filter { $0.reason == .veto }.allSatisfy { $0.hasVeto })
    }

    @Test func sizesOutsideTheirBoundsAreRefused() {
        #expect(SampleSize(count: 1).problem == nil && SampleSize(count: SampleSize.largestCount).problem == nil)
        #expect(SampleSize(count: 0).problem != nil && SampleSize(count: SampleSize.largestCount + 1).problem != nil)
        #expect(SampleSize(share: 1).problem == nil && SampleSize(share: 0.001).problem == nil)
        #expect(SampleSize(share: 0).problem != nil && SampleSize(share: 1.01).problem != nil && SampleSize(share: .nan).problem != nil)
        #expect(SampleSize().problem != nil && SampleSize(count: 1, share: 0.5).problem != nil)
    }

    /// Many random campaigns: every assignment keeps 回避 and has two different people, and a case
    /// is refused only when fewer than two reviewers may take it.
    @Test func noAssignmentBreaksRecusal() throws {
        var world = SeededRandom(seed: 99)
        var assigned = 0
        var refused = 0
        for round in 0..<300 {
            let agencies = (0..<(1 + world.below(4))).map { "G\($0)" }
            let people = (0..<12).map { "P\($0)" }
            let cases = (0..<(1 + world.below(30))).map { n in
                CampaignCandidate(
                    id: "C\(round)-\(n)", agency: agencies[world.below(agencies.count)],
                    actors: Set((0..<world.below(4)).map { _ in people[world.below(people.count)] }), hasVeto: false)
            }
            let pool = (0..<(2 + world.below(6))).map { n in
                CampaignReviewer(
                    name: "评查员\(n)", agencies: world.below(3) == 0 ? [agencies[world.below(agencies.count)]] : [],
                    people: world.below(2) == 0 ? [people[world.below(people.count)]] : [])
            }
            var previous: [String: Set<String>] = [:]
            for c in cases where world.below(4) == 0 { previous[c.id] = [pool[world.below(pool.count)].name] }
            let outcome = Result { () throws(CampaignDrawError) in
                try CampaignDraw.assign(cases, pool: pool, previous: previous, seed: UInt64(round))
            }
            switch outcome {
            case .success(let result):
                #expect(result.count == cases.count)
                for a in result {
                    let c = try #require(cases.first { $0.id == a.caseId })
                    #expect(a.reviewer != a.checker)
                    for name in [a.reviewer, a.checker] {
                        let reviewer = try #require(pool.first { $0.name == name })
                        #expect(CampaignDraw.recusal(of: reviewer, from: c, previous: previous) == nil, "\(a)")
                    }
                }
                assigned += result.count
            case .failure(.tooFewReviewers(let caseId, let eligible, _)):
                let c = try #require(cases.first { $0.id == caseId })
                #expect(eligible < 2 && pool.filter { CampaignDraw.recusal(of: $0, from: c, previous: previous) == nil }.count == eligible)
                refused += 1
            }
        }
        #expect(assigned > 1000 && refused > 0, "both outcomes were tried: \(assigned) assigned, \(refused) refused")
    }

    @Test func eachRecusalIsNamedAndTheWorkIsShared() throws {
        let c = CampaignCandidate(id: "C-1", agency: "G1", actors: ["P1", "P2"], hasVeto: false)
        let own = CampaignReviewer(name: "本机关", agencies: ["G1"], people: [])
        let acted = CampaignReviewer(name: "办案人", agencies: [], people: ["P2"])
        let before = CampaignReviewer(name: "上次评过", agencies: ["G2"], people: ["P3"])
        let free = CampaignReviewer(name: "无关", agencies: ["G2"], people: ["P3"])
        #expect(CampaignDraw.recusal(of: own, from: c, previous: [:]) == "本机关的案件")
        #expect(CampaignDraw.recusal(of: acted, from: c, previous: [:]) == "本人参与办理或法制审核的案件")
        #expect(CampaignDraw.recusal(of: before, from: c, previous: ["C-1": ["上次评过"]]) == "上一次评查活动中评查过的案件")
        #expect(CampaignDraw.recusal(of: free, from: c, previous: ["C-1": ["上次评过"]]) == nil)

        let pool = (0..<4).map { CampaignReviewer(name: "R\($0)", agencies: [], people: []) }
        let cases = (0..<41).map { CampaignCandidate(id: "C-\($0)", agency: "G1", actors: [], hasVeto: false) }
        let result = try CampaignDraw.assign(cases, pool: pool, previous: [:], seed: 3)
        let load = Dictionary(grouping: result.flatMap { [$0.reviewer, $0.checker] }, by: { $0 }).mapValues(\.count)
        #expect(load.count == 4 && load.values.max()! - load.values.min()! <= 1, "\(load)")
        let again = try CampaignDraw.assign(cases, pool: pool.reversed(), previous: [:], seed: 3)
        #expect(again == result, "the pool's order does not matter")
    }
}
