import CaseXML
import Foundation
import GRDB

/// A file uploaded through the web service, owned by the agency whose clerk uploaded it.
///
/// The same bytes uploaded by two agencies are kept once on disk but owned twice; a case may name
/// an uploaded file only when its own agency owns it, and only such a file downloads from it.
public struct EvidenceUploadRecord: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "evidenceUpload"
    public var sha256: String
    public var agency: String
    /// The stored name, `<sha256>.<ext>`.
    public var name: String
    public var size: Int64
    public var uploadedAt: String
    public var uploadedBy: String

    public enum Columns {
        static let sha256 = Column(CodingKeys.sha256)
        static let agency = Column(CodingKeys.agency)
    }
}

extension CaseStore {
    /// Records that `agency` owns an uploaded file, journaled under the uploader's name.
    public func recordUpload(sha256: String, agency: String, name: String, size: Int64, actor: String) throws {
        let now = Self.timestamp()
        try database.write { db in
            let record = EvidenceUploadRecord(sha256: sha256, agency: agency, name: name, size: size, uploadedAt: now, uploadedBy: actor)
            guard try !record.exists(db) else { return }
            try record.insert(db)
            try JournalAppender(db: db, actor: actor, at: now)
                .append(.evidenceUpload, subject: agency, contentHash: sha256, detail: "\(name), \(size) bytes")
        }
    }

    /// The hashes of every file `agency` uploaded.
    public func uploadedEvidence(agency: String) throws -> Set<String> {
        try database.read { db in
            Set(try String.fetchAll(db, EvidenceUploadRecord.select(EvidenceUploadRecord.Columns.sha256)
                .filter(EvidenceUploadRecord.Columns.agency == agency)))
        }
    }

    /// Whether `agency` uploaded the file with this hash.
    public func owns(agency: String, sha256: String) throws -> Bool {
        try database.read { db in
            try EvidenceUploadRecord.filter(EvidenceUploadRecord.Columns.agency == agency && EvidenceUploadRecord.Columns.sha256 == sha256)
                .fetchCount(db) > 0
        }
    }
}
