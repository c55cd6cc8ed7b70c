/// Files uploaded through the web service and the agencies that own them, read within one transaction.
public struct UploadRepository {
    let db: any SQLConnection

    /// The hashes of every file `agency` uploaded.
    public func uploadedEvidence(agency: String) async throws -> Set<String> {
        await Set(try db.fetchValues(String.self, "SELECT sha256 FROM evidenceUpload WHERE agency = ?", [agency]))
    }

    /// Whether `agency` uploaded the file with this hash.
    public func owns(agency: String, sha256: String) async throws -> Bool {
        try await db.exists("SELECT 1 FROM evidenceUpload WHERE agency = ? AND sha256 = ?", [agency, sha256])
    }

    /// Which of these hashes `agency` uploaded: one question for all of a case's records.
    public func owned(agency: String, among hashes: Set<String>) async throws -> Set<String> {
        var owned: Set<String> = []
        for chunk in SQLInList.chunks(hashes.sorted(), size: 16) {
            await owned.formUnion(
                try db.fetchValues(
                    String.self, "SELECT sha256 FROM evidenceUpload WHERE agency = ? AND sha256 IN \(chunk.placeholders)", [agency] + chunk.values))
        }
        return owned
    }
}
