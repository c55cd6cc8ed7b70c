import CaseModel

/// Cases as stored, read within one transaction (`StoreReader`).
public struct CaseRepository {
    let db: any SQLConnection

    /// The case with this id, or nil.
    public func load(id: String) async throws -> EnforcementCase? {
        try await CaseRows.load(id: id, from: db)
    }

    /// A case with its version, read together: what a page that may show a stored judgment of the
    /// case needs (`AuditResultRepository.heldAudit`).
    public func loadWithVersion(id: String) async throws -> (enforcementCase: EnforcementCase, version: Int)? {
        guard let c = try await CaseRows.load(id: id, from: db),
            let version = try await db.fetchValue(Int.self, "SELECT version FROM enforcementCase WHERE id = ?", [id])
        else { return nil }
        return (c, version)
    }

    /// The agency of the case with this id, or nil when there is no such case.
    public func agency(ofCase id: String) async throws -> String? {
        try await db.fetchValue(String.self, "SELECT agency FROM enforcementCase WHERE id = ?", [id])
    }

    /// How many cases the store holds.
    public func count() async throws -> Int {
        try await db.fetchValue(Int.self, "SELECT COUNT(*) FROM enforcementCase") ?? 0
    }
}
