import CaseXML
import Foundation
import GRDB

/// A review campaign (评查活动) as stored: what it draws from and how, the seed of its draw, and
/// who drew it. The scope, the sample's size, the pool and the candidates' fingerprint are JSON,
/// whose types belong to the draw (`CampaignDraw` in Audit, `CampaignPlanner` in AuditRuns).
public struct CampaignRecord: Codable, FetchableRecord, EncodableRecord, TableRecord, Sendable, Equatable {
    public static let databaseTableName = "campaign"
    public var id: Int64?
    public var name: String
    /// The checklist's name, as `--checklist` takes it.
    public var checklist: String
    public var asOf: String
    public var scope: String
    public var sampleSize: String
    /// The draw's seed, a 64-bit number in decimal.
    public var seed: String
    /// The reviewers' account names.
    public var pool: String
    /// Each agency's candidates: how many and the SHA-256 of their ids, so that a draw checked
    /// again later can tell whether it drew from the same cases.
    public var candidates: String
    public var createdBy: String
    public var createdAt: String
    /// Who published the results to the agencies, and when: until then only the bureau sees them.
    public var publishedBy: String?
    public var publishedAt: String?

    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let name = Column(CodingKeys.name)
    }

    public init(
        name: String, checklist: String, asOf: String, scope: String, sampleSize: String, seed: String, pool: String,
        candidates: String, createdBy: String, createdAt: String = ""
    ) {
        self.name = name
        self.checklist = checklist
        self.asOf = asOf
        self.scope = scope
        self.sampleSize = sampleSize
        self.seed = seed
        self.pool = pool
        self.candidates = candidates
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}

/// One case a campaign drew, and its 评查人 and 复核人.
public struct CampaignCaseRecord: Codable, FetchableRecord, EncodableRecord, TableRecord, Sendable, Equatable {
    public static let databaseTableName = "campaignCase"
    public var campaignId: Int64
    public var caseId: String
    public var agency: String
    public var reviewer: String
    public var checker: String
    /// `random`, or `veto` for a case drawn because of a veto finding.
    public var reason: String

    public init(campaignId: Int64, caseId: String, agency: String, reviewer: String, checker: String, reason: String) {
        self.campaignId = campaignId
        self.caseId = caseId
        self.agency = agency
        self.reviewer = reviewer
        self.checker = checker
        self.reason = reason
    }
}

extension Schema {
    /// v23 (`PostgresSchema.v23` the same).
    static func createCampaigns(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE campaign (
                  id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, checklist TEXT NOT NULL, asOf TEXT NOT NULL,
                  scope TEXT NOT NULL, sampleSize TEXT NOT NULL, seed TEXT NOT NULL, pool TEXT NOT NULL, candidates TEXT NOT NULL,
                  createdBy TEXT NOT NULL, createdAt TEXT NOT NULL, publishedBy TEXT, publishedAt TEXT);
                CREATE TABLE campaignCase (
                  campaignId INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
                  caseId TEXT NOT NULL REFERENCES enforcementCase(id), agency TEXT NOT NULL,
                  reviewer TEXT NOT NULL, checker TEXT NOT NULL, reason TEXT NOT NULL,
                  PRIMARY KEY (campaignId, caseId));
                CREATE INDEX campaignCase_by_reviewer ON campaignCase(reviewer, campaignId);
                CREATE INDEX campaignCase_by_checker ON campaignCase(checker, campaignId);
                """)
    }
}

extension CaseStore {
    /// Stores a campaign and its draw in one transaction, journaled; a name already taken is
    /// refused (`StoreError.campaignExists`) and nothing is stored.
    @discardableResult
    public func createCampaign(_ campaign: CampaignRecord, cases: [CampaignCaseRecord], actor: String) throws -> Int64 {
        let now = Self.timestamp()
        return try write { db in
            guard try await !db.exists("SELECT 1 FROM campaign WHERE name = ?", [campaign.name]) else {
                throw StoreError.campaignExists(campaign.name)
            }
            var record = campaign
            record.createdAt = now
            record.createdBy = actor
            let id = try await db.insertReturningID(record)
            let rows = cases.map { row in
                [
                    id.databaseValue, row.caseId.databaseValue, row.agency.databaseValue, row.reviewer.databaseValue,
                    row.checker.databaseValue, row.reason.databaseValue
                ]
            }
            try await db.insertRows(into: "campaignCase", columns: ["campaignId", "caseId", "agency", "reviewer", "checker", "reason"], rows: rows)
            let content = "\(campaign.name)|\(campaign.seed)|" + cases.map { "\($0.caseId):\($0.reviewer):\($0.checker)" }.joined(separator: ",")
            try await JournalAppender(db: db, actor: actor, at: now)
                .append(
                    .campaignCreate, subject: campaign.name, contentHash: Hex.sha256(content),
                    detail: "种子 \(campaign.seed)，抽取 \(cases.count) 件")
            return id
        }
    }

    /// Publishes a campaign's results to the agencies (each clerk then sees their own agency's),
    /// journaled; false when there is no such campaign. Publishing again changes nothing.
    @discardableResult
    public func publishCampaign(named name: String, actor: String) async throws -> Bool {
        try await backend.awaitWrite(publishing(name, actor: actor))
    }

    /// `publishCampaign`, on the calling thread (the command line).
    @discardableResult
    public func publishCampaign(named name: String, actor: String) throws -> Bool {
        try write(publishing(name, actor: actor))
    }

    private func publishing(_ name: String, actor: String) -> @Sendable (any SQLConnection) async throws -> Bool {
        let now = Self.timestamp()
        return { db in
            guard let campaign = try await CampaignRepository(db: db).campaign(named: name)?.campaign else { return false }
            guard campaign.publishedAt == nil else { return true }
            try await db.execute("UPDATE campaign SET publishedBy = ?, publishedAt = ? WHERE name = ?", [actor, now, name])
            try await JournalAppender(db: db, actor: actor, at: now)
                .append(.campaignPublish, subject: name, contentHash: Hex.sha256(name + "|" + now), detail: "公布评查结果")
            return true
        }
    }

    /// `CampaignRepository.campaign(named:)`.
    public func campaign(named name: String) throws -> (campaign: CampaignRecord, cases: [CampaignCaseRecord])? {
        try read { try await CampaignRepository(db: $0).campaign(named: name) }
    }

    /// `CampaignRepository.campaigns`.
    public func campaigns() throws -> [CampaignRecord] {
        try read { try await CampaignRepository(db: $0).campaigns() }
    }

    /// `CampaignRepository.assignment(caseId:)`.
    public func campaignAssignment(caseId: String) throws -> CampaignCaseRecord? {
        try read { try await CampaignRepository(db: $0).assignment(caseId: caseId) }
    }

    /// `CampaignRepository.lastReviewers`.
    public func lastCampaignReviewers() throws -> [String: Set<String>] {
        try read { try await CampaignRepository(db: $0).lastReviewers() }
    }
}
