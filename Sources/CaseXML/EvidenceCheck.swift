import CaseModel
import Crypto
import Foundation

/// Checks an evidence file named by a record against its declared SHA-256.
public enum EvidenceCheck {
    public static func check(file: String, expected: String?, relativeTo directory: URL) -> Record.Evidence {
        let url = file.hasPrefix("/") ? URL(fileURLWithPath: file) : directory.appendingPathComponent(file)
        guard let digest = sha256Hex(of: url) else { return .missing }
        guard let expected else { return .unverified }
        return digest == expected.lowercased() ? .ok : .mismatch
    }

    /// The SHA-256 of a file, read in 1 MiB chunks so that a long video costs no more memory than a photo.
    public static func sha256Hex(of url: URL) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256()
        do {
            // Foundation answers nil or empty data at the end of the file, depending on the platform.
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                hasher.update(data: chunk)
            }
        } catch {
            return nil
        }
        return Hex.string(hasher.finalize())
    }
}
