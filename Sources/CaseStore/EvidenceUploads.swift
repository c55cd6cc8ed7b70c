import CaseXML
import Foundation
import GRDB

/// A file uploaded through the web service, owned by the agency whose clerk uploaded it.
///
/// The same bytes uploaded by two agencies are kept once on disk but owned twice; a case may name
/// an uploaded file only when its own agency owns it, and only such a file downloads from it.
public struct EvidenceUploadRecord: Codable, FetchableRecord, EncodableRecord, TableRecord, Sendable, Equatable {
    public static let databaseTableName = "evidenceUpload"
    public var sha256: String
    public var agency: String
    /// The stored name, `<sha256>.<ext>`.
    public var name: String
    public var size: Int64
    public var uploadedAt: String
    public var uploadedBy: String
}

extension CaseStore {
    /// Records that `agency` owns an uploaded file, journaled under the uploader's name.
    public func recordUpload(sha256: String, agency: String, name: String, size: Int64, actor: String) throws {
        try write(recordingUpload(sha256: sha256, agency: agency, name: name, size: size, actor: actor))
    }

    /// `recordUpload`, awaited.
    public func recordUpload(sha256: String, agency: String, name: String, size: Int64, actor: String) async throws {
        try await backend.awaitWrite(recordingUpload(sha256: sha256, agency: agency, name: name, size: size, actor: actor))
    }

    private func recordingUpload(sha256: String, agency: String, name: String, size: Int64, actor: String) -> @Sendable (any SQLConnection) async throws -> Void
    {
        let now = Self.timestamp()
        return { db in
            let record = EvidenceUploadRecord(sha256: sha256, agency: agency, name: name, size: size, uploadedAt: now, uploadedBy: actor)
            guard try await !db.exists("SELECT 1 FROM evidenceUpload WHERE agency = ? AND sha256 = ?", [agency, sha256]) else { return }
            try await db.insert(record)
            try await JournalAppender(db: db, actor: actor, at: now)
                .append(.evidenceUpload, subject: agency, contentHash: sha256, detail: "\(name), \(size) bytes")
        }
    }

    /// The hashes of every file `agency` uploaded.
    public func uploadedEvidence(agency: String) throws -> Set<String> {
        try read { try await UploadRepository(db: $0).uploadedEvidence(agency: agency) }
    }

    /// Whether `agency` uploaded the file with this hash.
    public func owns(agency: String, sha256: String) throws -> Bool {
        try read { try await UploadRepository(db: $0).owns(agency: agency, sha256: sha256) }
    }
}
