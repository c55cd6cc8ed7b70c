import CaseXML
import Crypto
import Foundation
import NIOCore

/// Uploaded evidence, one file per SHA-256 so that the same video uploaded twice is kept once and a
/// stored file's name is its own integrity check.
struct EvidenceFolder: Sendable {
    let root: URL

    init(_ root: URL) throws {
        self.root = root
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    /// Stores the bytes and answers the name to record (relative to this folder) and their SHA-256.
    func store(_ bytes: ByteBuffer, originalName: String?) throws -> (file: String, sha256: String) {
        let digest = bytes.withUnsafeReadableBytes { Hex.sha256($0) }
        let suffix = originalName.map { URL(fileURLWithPath: $0).pathExtension.lowercased() }
            .flatMap { $0.isEmpty || $0.count > 8 || !$0.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) ? nil : $0 }
        let name = suffix.map { "\(digest).\($0)" } ?? digest
        let target = root.appendingPathComponent(name)
        if !FileManager.default.fileExists(atPath: target.path) {
            // Written beside the target and renamed, so a crash never leaves a half file under a hash name.
            let partial = root.appendingPathComponent(".\(UUID().uuidString).part")
            do {
                try bytes.withUnsafeReadableBytes { try Data($0).write(to: partial) }
                try FileManager.default.moveItem(at: partial, to: target)
            } catch {
                // A full disk leaves no empty or partial file behind.
                try? FileManager.default.removeItem(at: partial)
                throw error
            }
        }
        return (name, digest)
    }

    /// A file this folder stores, by the name a record gives; nil for any other name, so that a
    /// record naming `../x` or a file outside the folder cannot be served.
    func file(named name: String) -> URL? {
        let stem = name.split(separator: ".", maxSplits: 1).first.map(String.init) ?? ""
        guard stem.count == 64, stem.allSatisfy(\.isHexDigit), !name.contains("/"),
            FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path)
        else { return nil }
        return root.appendingPathComponent(name)
    }
}
