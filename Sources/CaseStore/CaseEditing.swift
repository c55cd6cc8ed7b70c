import CaseModel
import CaseXML
import Foundation

extension CaseStore {
    /// Stores a case edited outside an XML file (the web forms), held to the same rules as an import.
    ///
    /// The case is written as interchange XML and read back through the schema-validating reader,
    /// so a form can store nothing that a file could not. Evidence statuses are the caller's: files
    /// uploaded through the service were hashed on arrival, and earlier records keep what their
    /// import found. One transaction: the new version, its history and its journal entry.
    @discardableResult
    public func save(
        _ enforcementCase: EnforcementCase, actor: String, source: String,
        agencyScope: String? = nil
    ) throws -> StoreOutcome {
        try write(try saving(enforcementCase, actor: actor, source: source, agencyScope: agencyScope))
    }

    /// `save`, awaited: the caller's thread is not held while the write waits its turn.
    @discardableResult
    public func save(
        _ enforcementCase: EnforcementCase, actor: String, source: String,
        agencyScope: String? = nil
    ) async throws -> StoreOutcome {
        try await backend.awaitWrite(try saving(enforcementCase, actor: actor, source: source, agencyScope: agencyScope))
    }

    /// The case checked against the schema (before any transaction), and the write that stores it.
    private func saving(
        _ enforcementCase: EnforcementCase, actor: String, source: String, agencyScope: String?
    ) throws -> @Sendable (any SQLConnection) async throws -> StoreOutcome {
        let validated = try Self.validated(enforcementCase, displayName: source)
        let hash = CaseXMLWriter.contentHash(validated)
        let now = Self.timestamp()
        return { db in
            guard try await RegistryRows.agencyExists(validated.agency, db) else {
                throw StoreError.agencyUnknown(validated.agency)
            }
            if let agencyScope,
                let refusal = try await Self.outOfScope(
                    validated, agencyScope, agencies: Set(try db.fetchValues(String.self, "SELECT code FROM agency")), db)
            {
                throw StoreError.outOfScope(caseId: validated.id, reason: refusal)
            }
            let writer = await CaseWriter(db: db, journal: try JournalAppender(db: db, actor: actor, at: now))
            let outcome = try await writer.store(validated, contentHash: hash, sourceFile: source, at: now)
            try await writer.finish()
            return outcome
        }
    }

    /// The case as the validating reader sees it after a round trip through XML, with the caller's
    /// evidence statuses and documents' texts put back record by record.
    static func validated(_ enforcementCase: EnforcementCase, displayName: String) throws -> EnforcementCase {
        // XML cannot carry a control character, and the writer would cut the value at a NUL.
        if let (path, problem) = TextSafety.controlCharacter(in: enforcementCase) {
            throw CaseXMLError.invalid([XMLDiagnostic(file: displayName, line: 0, message: "案件的 \(path) \(problem)")])
        }
        // In memory: no temporary file to leave behind on a full disk.
        var cases: [EnforcementCase] = []
        try CaseFileReader().readCases(
            .memory(Data(CaseXMLWriter.document(enforcementCase).utf8)), displayName: displayName,
            evidence: .none
        ) { c, _ in cases.append(c) }
        guard var result = cases.first, cases.count == 1 else {
            throw CaseXMLError.invalid([XMLDiagnostic(file: displayName, line: 0, message: "案件写成 XML 后无法按原样读回，未保存")])
        }
        for (e, event) in enforcementCase.events.enumerated() where e < result.events.count {
            for (r, record) in event.records.enumerated() where r < result.events[e].records.count {
                result.events[e].records[r].evidence = record.evidence
                result.events[e].records[r].document = record.document
            }
        }
        return result
    }
}
