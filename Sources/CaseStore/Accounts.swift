import CaseModel
import CaseXML
import Crypto
import Foundation
import GRDB

/// The role an account was given, as stored with it. The store knows only the words (and that a
/// clerk belongs to an agency); what each role may see and do is decided in one place, the
/// permission table of `WebService/Access/WebUser.swift`.
public enum AccountRole: String, Codable, Sendable, ChineseLabelled {
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
public struct AccountRecord: Codable, FetchableRecord, EncodableRecord, TableRecord, Sendable, Equatable {
    public static let databaseTableName = "account"
    public var name: String
    public var role: AccountRole
    public var agency: String?
    public var passwordHash: String
    public var createdAt: String
    public var createdBy: String

    public init(name: String, role: AccountRole, agency: String?, passwordHash: String, createdAt: String, createdBy: String) {
        self.name = name
        self.role = role
        self.agency = agency
        self.passwordHash = passwordHash
        self.createdAt = createdAt
        self.createdBy = createdBy
    }
}

extension CaseStore {
    /// Adds an account, journaled without its password hash. A clerk must name a stored agency.
    @discardableResult
    public func addAccount(name: String, role: AccountRole, agency: String?, passwordHash: String, actor: String) throws -> AccountRecord {
        try write(try addingAccount(name: name, role: role, agency: agency, passwordHash: passwordHash, actor: actor))
    }

    /// `addAccount`, awaited.
    @discardableResult
    public func addAccount(name: String, role: AccountRole, agency: String?, passwordHash: String, actor: String) async throws -> AccountRecord {
        try await backend.awaitWrite(try addingAccount(name: name, role: role, agency: agency, passwordHash: passwordHash, actor: actor))
    }

    /// The name checked (before any transaction), and the write that adds the account.
    private func addingAccount(
        name: String, role: AccountRole, agency: String?, passwordHash: String, actor: String
    ) throws -> @Sendable (any SQLConnection) async throws -> AccountRecord {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed == name, !name.contains(where: { $0.isNewline }) else {
            throw StoreError.userNameInvalid
        }
        if let unsafe = TextSafety.identifierProblem(name) { throw StoreError.userNameUnsafe(unsafe) }
        if role == .clerk, agency == nil {
            throw StoreError.clerkWithoutAgency
        }
        let now = Self.timestamp()
        return { db in
            if let agency, try await !RegistryRows.agencyExists(agency, db) {
                throw StoreError.agencyUnknown(agency)
            }
            if try await db.exists("SELECT 1 FROM account WHERE name = ?", [name]) {
                throw StoreError.userNameTaken(name)
            }
            let account = AccountRecord(
                name: name, role: role, agency: agency, passwordHash: passwordHash,
                createdAt: now, createdBy: actor)
            try await db.insert(account)
            let content = "\(name)|\(role.rawValue)|\(agency ?? "")"
            try await JournalAppender(db: db, actor: actor, at: now)
                .append(
                    .userAdd, subject: name, contentHash: Hex.sha256(content),
                    detail: "\(role.rawValue)\(agency.map { " of \($0)" } ?? "")")
            return account
        }
    }

    /// Removes an account and ends its sessions on every node of the web service, journaled.
    public func removeAccount(name: String, actor: String) throws {
        try write(removingAccount(name: name, actor: actor))
    }

    /// `removeAccount`, awaited.
    public func removeAccount(name: String, actor: String) async throws {
        try await backend.awaitWrite(removingAccount(name: name, actor: actor))
    }

    private func removingAccount(name: String, actor: String) -> @Sendable (any SQLConnection) async throws -> Void {
        let now = Self.timestamp()
        return { db in
            guard let account = try await db.fetchRecords(AccountRecord.self, "SELECT * FROM account WHERE name = ?", [name]).first else {
                throw StoreError.accountUnknown(name)
            }
            try await db.execute("DELETE FROM webSession WHERE userName = ?", [name])
            try await db.execute("DELETE FROM account WHERE name = ?", [name])
            let content = "\(name)|\(account.role.rawValue)|\(account.agency ?? "")"
            try await JournalAppender(db: db, actor: actor, at: now)
                .append(.userRemove, subject: name, contentHash: Hex.sha256(content), detail: account.role.rawValue)
        }
    }

    public func account(named name: String) throws -> AccountRecord? {
        try readPrimary { try await AccountRepository(db: $0).account(named: name) }
    }

    public func accounts() throws -> [AccountRecord] {
        try read { try await AccountRepository(db: $0).accounts() }
    }
}
