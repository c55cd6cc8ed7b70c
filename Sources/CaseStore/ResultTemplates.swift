import CaseModel
import CaseXML
import Foundation
import GRDB
import NIOConcurrencyHelpers

extension CaseStore {
    /// Stores `template` unless the store holds it, and returns its key: what a run's results
    /// name to leave it out of their JSON (`StoredAuditText`). The key is the digest of the
    /// template's text, so that every process and run of one checklist finds the same row.
    public func registerResultTemplate(_ template: ResultTemplate) throws -> String {
        let (key, text) = try ResultTemplates.keyed(template)
        let held = try read { try await $0.exists("SELECT 1 FROM resultTemplate WHERE key = ?", [key]) }
        if !held {
            try write { try await $0.execute("INSERT INTO resultTemplate (key, template) VALUES (?, ?) ON CONFLICT DO NOTHING", [key, text]) }
        }
        return key
    }
}

extension PostgresSchema {
    static let v27 = """
        CREATE TABLE resultTemplate (key TEXT COLLATE "C" PRIMARY KEY, template TEXT COLLATE "C" NOT NULL);
        """
}

/// The store's result templates, read once for a transaction that reads results' JSON, and what
/// makes a stored result's JSON whole (`StoredAuditText.expand`).
struct ResultTemplates {
    private let byKey: [String: ResultTemplate]

    /// Derived data, as results are: written outside the journal, never changed once written.
    static let v27 = "CREATE TABLE resultTemplate (key TEXT PRIMARY KEY NOT NULL, template TEXT NOT NULL) WITHOUT ROWID"

    /// Decoded templates by key, for every store this process opens: a key is the digest of its
    /// text, so a key names one template wherever it is found.
    private static let decoded = NIOLockedValueBox<[String: ResultTemplate]>([:])

    /// The key and stored text of `template`.
    static func keyed(_ template: ResultTemplate) throws -> (key: String, text: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(template), as: UTF8.self)
        return (String(Hex.sha256(text).prefix(16)), text)
    }

    /// The templates `db` holds (a handful: one for each checklist a run was made under).
    static func load(_ db: any SQLConnection) async throws -> ResultTemplates {
        var known: [String: ResultTemplate] = [:]
        for row in try await db.fetchAll("SELECT key, template FROM resultTemplate", []) {
            let key: String = row["key"]
            if let template = decoded.withLockedValue({ $0[key] }) {
                known[key] = template
                continue
            }
            let text: String = row["template"]
            guard let template = try? JSONDecoder().decode(ResultTemplate.self, from: Data(text.utf8)), try keyed(template).key == key else {
                throw StoreError.corrupt("评查结果模板 \(key) 无法读取")
            }
            known[key] = template
            decoded.withLockedValue { $0[key] = template }
        }
        return ResultTemplates(byKey: known)
    }

    /// The whole JSON of the stored result of case `caseId`.
    func expand(_ text: String, caseId: String) throws -> String {
        let template = StoredAuditText.key(of: text).flatMap { byKey[String($0)] }
        do {
            return try StoredAuditText.expand(text, with: template)
        } catch {
            throw StoreError.corrupt("案件 \(caseId) 的评查结果无法读取：\(error.reason)")
        }
    }
}
