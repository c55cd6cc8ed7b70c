/// Review campaigns and their draws as pages and commands read them, within one transaction.
/// Creating one is `CaseStore.createCampaign` (`Campaigns.swift`).
public struct CampaignRepository {
    let db: any SQLConnection

    /// The campaign of this name and its cases in id order, or nil.
    public func campaign(named name: String) async throws -> (campaign: CampaignRecord, cases: [CampaignCaseRecord])? {
        guard let campaign = try await db.fetchRecords(CampaignRecord.self, "SELECT * FROM campaign WHERE name = ?", [name]).first,
            let id = campaign.id
        else { return nil }
        let cases = try await db.fetchRecords(CampaignCaseRecord.self, "SELECT * FROM campaignCase WHERE campaignId = ? ORDER BY caseId", [id])
        return (campaign, cases)
    }

    /// Every campaign, newest first.
    public func campaigns() async throws -> [CampaignRecord] {
        try await db.fetchRecords(CampaignRecord.self, "SELECT * FROM campaign ORDER BY id DESC", [])
    }

    /// How many cases each campaign drew, by campaign id.
    public func caseCounts() async throws -> [Int64: Int] {
        var counts: [Int64: Int] = [:]
        for row in try await db.fetchAll("SELECT campaignId, COUNT(*) AS n FROM campaignCase GROUP BY campaignId", []) {
            counts[row["campaignId"] as Int64] = row["n"] as Int
        }
        return counts
    }

    /// The cases `reviewer` reviews (评查人) or checks (复核人), newest campaign first, each with
    /// its campaign.
    public func assignments(of reviewer: String) async throws -> [(campaign: CampaignRecord, assignment: CampaignCaseRecord)] {
        let campaigns = Dictionary(uniqueKeysWithValues: try await campaigns().compactMap { c in c.id.map { ($0, c) } })
        let rows = try await db.fetchRecords(
            CampaignCaseRecord.self,
            "SELECT * FROM campaignCase WHERE reviewer = ? OR checker = ? ORDER BY campaignId DESC, caseId", [reviewer, reviewer])
        return rows.compactMap { row in campaigns[row.campaignId].map { ($0, row) } }
    }

    /// The case's place in the newest campaign that drew it: its 评查人 and 复核人; nil when no
    /// campaign drew it.
    public func assignment(caseId: String) async throws -> CampaignCaseRecord? {
        try await db.fetchRecords(
            CampaignCaseRecord.self, "SELECT * FROM campaignCase WHERE caseId = ? ORDER BY campaignId DESC LIMIT 1", [caseId]
        ).first
    }

    /// Who reviewed or checked each case in the newest campaign: those who must not review it in
    /// the next one (回避).
    public func lastReviewers() async throws -> [String: Set<String>] {
        var reviewers: [String: Set<String>] = [:]
        let rows = try await db.fetchAll(
            "SELECT caseId, reviewer, checker FROM campaignCase WHERE campaignId = (SELECT MAX(id) FROM campaign)", [])
        for row in rows {
            reviewers[row["caseId"] as String, default: []].formUnion([row["reviewer"] as String, row["checker"] as String])
        }
        return reviewers
    }
}
