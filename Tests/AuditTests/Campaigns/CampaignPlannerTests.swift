import Audit
import AuditRuns
import CaseModel
import CaseStore
import Foundation
import TestSupport
import Testing
import WorkCalendar

/// Campaigns drawn from a store: stored with their seed and journaled, drawn again the same from the
/// same cases, refused whole when they cannot be drawn, and never given to a reviewer tied to a case.
@Suite struct CampaignPlannerTests {
    enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, postgres
        var testDescription: String { rawValue }

        /// The samples and reviewer accounts: three named as the registry's reviewers of each
        /// agency (陈某 of WH-SJJ, 林某 of WH-CGJ, 宋某 of WH-HBJ), three outside the registry.
        func store() throws -> (CaseStore, AuditRunner) {
            let store = self == .postgres ? try CaseStore(location: try ThrowawayPostgres.newDatabase()) : try CaseStore.inMemory()
            #expect(store.importPaths([Repository.samples.path], actor: "test").failures.isEmpty)
            for name in CampaignPlannerTests.pool {
                try store.addAccount(name: name, role: .reviewer, agency: nil, passwordHash: "x", actor: "test")
            }
            try store.addAccount(name: "周监督", role: .supervisor, agency: nil, passwordHash: "x", actor: "test")
            return (store, AuditRunner(store: store, checklist: Fixture.national, calendar: Fixture.calendar))
        }
    }

    static let pool = ["陈某", "林某", "宋某", "甲评查", "乙评查", "丙评查"]
    static let registryReviewers = ["陈某": ("WH-SJJ", "R-01"), "林某": ("WH-CGJ", "R-21"), "宋某": ("WH-HBJ", "R-31")]

    static func request(_ name: String = "2024年度评查", share: Double = 0.5, seed: UInt64 = 11) -> CampaignRequest {
        CampaignRequest(name: name, asOf: day("2024-12-31"), scope: CampaignScope(), size: SampleSize(share: share), seed: seed)
    }

    @Test(arguments: StoreKind.allCases)
    func aCampaignIsStoredJournaledAndDrawnAgainTheSame(_ kind: StoreKind) throws {
        let (store, runner) = try kind.store()
        defer { store.close() }
        let created = try runner.createCampaign(Self.request(), actor: "周监督")
        let (campaign, cases) = try #require(try store.campaign(named: "2024年度评查"))
        #expect(campaign.seed == "11" && campaign.asOf == "2024-12-31" && campaign.createdBy == "周监督" && campaign.checklist == "national")
        #expect(cases.map(\.caseId) == created.assignments.map(\.caseId))
        #expect(cases.map(\.reviewer) == created.assignments.map(\.reviewer) && cases.map(\.checker) == created.assignments.map(\.checker))
        #expect(try store.journal().last?.action == "campaign.create")
        #expect(try store.verify().isIntact)

        // Half of each agency's decided cases, rounded up, and none of another's reviewers' own.
        let decided = try store.caseIds().compactMap { try store.loadCase(id: $0) }.filter { ($0.decision?.date).map { $0 <= day("2024-12-31") } ?? false }
        for (agency, own) in Dictionary(grouping: decided, by: \.agency) {
            #expect(created.candidates[agency]?.count == own.count)
            #expect(cases.filter { $0.agency == agency }.count == Int((Double(own.count) / 2).rounded(.up)), "\(agency)")
        }
        for row in cases {
            #expect(row.reviewer != row.checker)
            let c = try #require(try store.loadCase(id: row.caseId))
            for name in [row.reviewer, row.checker] {
                guard let (agency, person) = Self.registryReviewers[name] else { continue }
                #expect(c.agency != agency, "\(name) reviews no case of their own agency")
                #expect(!c.events.contains { $0.officers.contains(person) || $0.reviewer == person }, "\(name) did not act in \(c.id)")
            }
        }

        // The same cases, accounts and seed in another store draw the same campaign.
        let (_, otherRunner) = try StoreKind.sqlite.store()
        #expect(try otherRunner.drawCampaign(Self.request()) == created)
        #expect(try otherRunner.drawCampaign(Self.request(seed: 12)).assignments != created.assignments)
    }

    @Test func whatCannotBeDrawnIsRefusedWholeInChinese() throws {
        let (store, runner) = try StoreKind.sqlite.store()
        try runner.createCampaign(Self.request(), actor: "周监督")
        let head = try store.journal().count
        func refusal(_ request: CampaignRequest) -> String? {
            do {
                _ = try runner.createCampaign(request, actor: "周监督")
                return nil
            } catch {
                return "\(error)"
            }
        }
        #expect(refusal(Self.request())?.contains("已存在") == true)
        var stranger = Self.request("另一次")
        stranger.pool = ["甲评查", "周监督"]
        #expect(refusal(stranger)?.contains("“周监督”不是评查人员账号") == true)
        var tooFew = Self.request("人手不足")
        tooFew.pool = ["陈某", "林某"]
        #expect(refusal(tooFew)?.contains("无需回避") == true, "陈某 may not take a WH-SJJ case, so no case of it has two")
        var empty = Self.request("空范围")
        empty.scope = CampaignScope(decidedFrom: day("2030-01-01"))
        #expect(refusal(empty)?.contains("没有已作出决定的案件") == true)
        var backwards = Self.request("倒置")
        backwards.scope = CampaignScope(decidedFrom: day("2024-06-01"), decidedTo: day("2024-01-01"))
        #expect(refusal(backwards)?.contains("晚于截止日") == true)
        #expect(try store.campaigns().count == 1 && store.journal().count == head, "nothing refused was stored")
    }

    @Test func theNextCampaignGivesNoCaseToThoseWhoReviewedItLast() throws {
        let (store, runner) = try StoreKind.sqlite.store()
        let first = try runner.createCampaign(Self.request(share: 1), actor: "周监督")
        let second = try runner.createCampaign(Self.request("复查", share: 1, seed: 12), actor: "周监督")
        let before = Dictionary(uniqueKeysWithValues: first.assignments.map { ($0.caseId, Set([$0.reviewer, $0.checker])) })
        #expect(second.assignments.count == first.assignments.count)
        for a in second.assignments {
            #expect(before[a.caseId]?.isDisjoint(with: [a.reviewer, a.checker]) == true, "\(a)")
        }
        #expect(try store.lastCampaignReviewers().mapValues { $0.count }.values.allSatisfy { $0 == 2 })
    }
}

extension CampaignPlannerTests {
    /// The results of a campaign are the stored cases and scores worked out again: each figure
    /// equals its recomputation from the audits of the drawn cases, signed, scored and corrected
    /// ones among them.
    @Test func theResultsEqualARecomputationFromTheStoredScores() throws {
        let (store, runner) = try StoreKind.sqlite.store()
        let created = try runner.createCampaign(Self.request(share: 1), actor: "周监督")
        let signed = try #require(created.assignments.first { $0.agency == "WH-SJJ" })
        for item in ["FACTS", "EVIDENCE", "LAW", "DOCUMENTS"] {
            try store.recordManualScore(caseId: signed.caseId, item: item, deduction: item == "LAW" ? 3 : 0, note: "", reviewer: signed.reviewer)
        }
        try store.recordManualScore(caseId: signed.caseId, item: ManualScore.conclusionItem, deduction: 0, note: "", reviewer: signed.reviewer)
        try store.recordManualScore(
            caseId: "WH-CGJ-2024-0910", item: FindingVerdict.corrected.item(rule: "OFFICER-CERT"), deduction: 0, note: "已撤销吊销",
            reviewer: "甲评查")

        let results = try #require(try runner.campaignResults(named: "2024年度评查"))
        let auditor = try runner.auditor()
        let audits = try created.assignments.map { a in
            auditor.audit(try #require(try store.loadCase(id: a.caseId)), asOf: day("2024-12-31"), manualScores: try store.manualScores(caseId: a.caseId))
        }
        #expect(results.agencies.map(\.agency) == ["WH-CGJ", "WH-HBJ", "WH-SJJ"])
        for agency in results.agencies {
            let own = audits.filter { $0.agency == agency.agency && !$0.isInProgress }
            #expect(agency.drawn == audits.filter { $0.agency == agency.agency }.count && agency.candidates == agency.drawn)
            #expect(agency.average == (own.reduce(0) { $0 + $1.score } / Double(own.count) * 10).rounded() / 10)
            #expect(agency.gradeCounts == Dictionary(grouping: own, by: \.grade).mapValues(\.count))
            #expect(agency.signed == own.filter { !$0.isProvisional }.count && agency.provisional == own.filter(\.isProvisional).count)
            #expect(agency.scored == own.filter { $0.review?.openItems == 0 }.count)
            #expect(agency.failing.map(\.caseId) == own.filter { $0.grade == "不合格" }.map(\.id))
            let counted = Dictionary(grouping: own.flatMap { Set($0.failures.map(\.rule)) }, by: { $0 }).mapValues(\.count)
            for problem in agency.problems { #expect(counted[problem.rule] == problem.cases) }
            #expect(agency.problems.map(\.cases) == agency.problems.map(\.cases).sorted(by: >))
        }
        #expect(results.agencies.first { $0.agency == "WH-SJJ" }?.signed == 1)
        #expect(!results.agencies.flatMap(\.failing).contains { $0.caseId == "WH-CGJ-2024-0910" }, "its veto was corrected")
        #expect(results.reviewers.reduce(0) { $0 + $1.reviewing } == created.assignments.count)
        #expect(results.reviewers.reduce(0) { $0 + $1.checking } == created.assignments.count)
        #expect(results.reviewers.first { $0.name == signed.reviewer }?.signed == 1)
        #expect(results.reviewers.first { $0.name == signed.reviewer }?.scored == 1)
        #expect(results.agencies.first { $0.agency == "WH-SJJ" }?.scored == 1)
    }
}
