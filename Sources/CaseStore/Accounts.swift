import Crypto
import CaseXML
import Foundation
import GRDB

/// What a user of the web service may do; stored with the account.
public enum UserRole: String, Codable, Sendable, CaseIterable {
    /// 办案人员: reads and writes only their own agency's cases.
    case clerk
    /// 评查人员: reads every case, runs audits, scores manual items.
    case reviewer
    /// 监督人员 (司法局): reads everything and exports.
    case supervisor
    /// 系统管理员: manages accounts, imports registries and benchmarks.
    case admin

    public var chineseName: String {
        switch self {
        case .clerk: "办案人员"
        case .reviewer: "评查人员"
        case .supervisor: "监督人员"
        case .admin: "系统管理员"
        }
    }
}

/// One account of the web service. The password is kept only as a bcrypt hash.
public struct AccountRecord: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "account"
    public var name: String
    public var role: UserRole
    public var agency: String?
    public var passwordHash: String
    public var createdAt: String
    public var createdBy: String

    public init(name: String, role: UserRole, agency: String?, passwordHash: String, createdAt: String, createdBy: String) {
        self.name = name; self.role = role; self.agency = agency; self.passwordHash = passwordHash
        self.createdAt = createdAt; self.createdBy = createdBy
    }
}

extension CaseStore {
    /// Adds an account, journaled without its password hash. A clerk must name a stored agency.
    @discardableResult
    public func addAccount(name: String, role: UserRole, agency: String?, passwordHash: String, actor: String) throws -> AccountRecord {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed == name, !name.contains(where: { $0.isNewline }) else {
            throw StoreError.refused("A user name must be non-empty, without surrounding spaces or line breaks.")
        }
        if role == .clerk, agency == nil {
            throw StoreError.refused("A clerk belongs to one agency: give --agency CODE.")
        }
        let now = Self.timestamp()
        return try database.write { db in
            if let agency, try !AgencyRecord.exists(db, key: agency) {
                throw StoreError.notFound("No agency \(agency) in the store; import its registry first.")
            }
            if try AccountRecord.exists(db, key: name) {
                throw StoreError.refused("A user named \(name) already exists.")
            }
            let account = AccountRecord(name: name, role: role, agency: agency, passwordHash: passwordHash,
                                        createdAt: now, createdBy: actor)
            try account.insert(db)
            let content = "\(name)|\(role.rawValue)|\(agency ?? "")"
            try JournalAppender(db: db, actor: actor, at: now)
                .append(action: "user.add", subject: name, contentHash: Hex.sha256(content),
                        detail: "\(role.rawValue)\(agency.map { " of \($0)" } ?? "")")
            return account
        }
    }

    public func account(named name: String) throws -> AccountRecord? {
        try database.read { try AccountRecord.fetchOne($0, key: name) }
    }

    public func accounts() throws -> [AccountRecord] {
        try database.read { try AccountRecord.order(Column("name")).fetchAll($0) }
    }
}
