import CaseModel
import Crypto
import Foundation

/// Which files a case document's records may name, and how they are checked.
///
/// A case file's records are read only from inside the folder that holds the case file: an
/// absolute path, a `..`, a link leading out of the folder, a device, a FIFO or a folder is refused
/// with one sentence that says nothing about what lies outside. Uploaded documents (the web
/// service) may name only evidence their own agency uploaded, by its SHA-256.
public enum EvidencePolicy: Sendable {
    /// Records are not checked (a case edited in memory keeps the statuses it had).
    case none
    /// Relative paths inside this folder.
    case folder(URL)
    /// Names of uploaded evidence (`<sha256>.<ext>`) in the service's evidence folder; only those
    /// whose hash is in `owned` (the agency's own uploads) count as present.
    case uploads(owned: Set<String>)

    /// The largest evidence file hashed on import: a day of 1080p body-camera video.
    public static let maxFileBytes: Int64 = 16 << 30

    /// What a record's `file` and `sha256` make of its evidence, or why the name is refused.
    public func check(file: String, expected: String?) -> Result<Record.Evidence, EvidenceRefusal> {
        switch self {
        case .none:
            return .success(.none)
        case .uploads(let owned):
            guard let stem = EvidenceCheck.uploadedStem(file) else {
                return .failure(EvidenceRefusal(file: file, reason: "只能引用本机关已上传的证据文件（以其 SHA-256 命名）"))
            }
            // Another agency's upload is answered exactly as a file that does not exist.
            guard owned.contains(stem) else { return .success(.missing) }
            guard let expected else { return .success(.ok) }  // the server hashed it on arrival
            return .success(expected.lowercased() == stem ? .ok : .mismatch)
        case .folder(let folder):
            switch EvidenceCheck.confined(file, in: folder) {
            case .failure(let refusal): return .failure(refusal)
            case .success(nil): return .success(.missing)
            case .success(let url?):
                guard let digest = EvidenceCheck.sha256Hex(ofRegularFile: url, limit: Self.maxFileBytes) else {
                    return .failure(EvidenceRefusal(file: file, reason: "不是可读取的普通文件，或超过 \(Self.maxFileBytes >> 30) GB 的上限"))
                }
                guard let expected else { return .success(.unverified) }
                return .success(digest == expected.lowercased() ? .ok : .mismatch)
            }
        }
    }
}

/// A record names a file it may not name.
public struct EvidenceRefusal: Error, Sendable, Equatable {
    public var file: String
    public var reason: String

    public var message: String { "记录文件“\(file)”不予读取：\(reason)" }
}

public enum EvidenceCheck {
    static let outside = "只能引用案卷文件所在文件夹内的文件（不得使用绝对路径、“..”或指向文件夹外的链接）"

    /// The file a relative name denotes inside `folder`, nil when nothing is there, or a refusal.
    /// Each component is looked at without following links; a link is followed only when it
    /// resolves inside the folder, and a dangling link is refused like one that leads out, so
    /// that no answer tells what exists outside.
    public static func confined(_ name: String, in folder: URL) -> Result<URL?, EvidenceRefusal> {
        let refuse = EvidenceRefusal(file: name, reason: outside)
        let components = name.split(separator: "/", omittingEmptySubsequences: true)
        guard !name.hasPrefix("/"), !name.contains("\0"), !components.isEmpty,
            !components.contains(where: { $0 == ".." })
        else { return .failure(refuse) }
        guard let root = realPath(folder.path) else { return .success(nil) }
        var current = root
        for component in components where component != "." {
            let next = current + "/" + component
            var info = stat()
            guard lstat(next, &info) == 0 else { return .success(nil) }
            if info.st_mode & S_IFMT == S_IFLNK {
                guard let resolved = realPath(next), resolved == root || resolved.hasPrefix(root + "/") else { return .failure(refuse) }
                current = resolved
            } else {
                current = next
            }
        }
        var info = stat()
        guard stat(current, &info) == 0 else { return .success(nil) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            return .failure(EvidenceRefusal(file: name, reason: "不是普通文件（文件夹、设备或管道）"))
        }
        return .success(URL(fileURLWithPath: current))
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The hash part of an uploaded evidence name (`<64 hex>` or `<64 hex>.<ext>`), lowercased.
    public static func uploadedStem(_ name: String) -> String? { Record.uploadedStem(name) }

    /// The SHA-256 of a regular file of at most `limit` bytes, read in 1 MiB chunks so that a long
    /// video costs no more memory than a photo. Opened without following a final link and without
    /// blocking, and checked again once open, so that a file swapped for a FIFO or a device after
    /// the check is never read.
    public static func sha256Hex(ofRegularFile url: URL, limit: Int64 = EvidencePolicy.maxFileBytes) -> String? {
        let descriptor = open(url.path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int64(info.st_size) <= limit else { return nil }
        var hasher = SHA256()
        var read: Int64 = 0
        do {
            // Foundation answers nil or empty data at the end of the file, depending on the platform.
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                read += Int64(chunk.count)
                guard read <= limit else { return nil }
                hasher.update(data: chunk)
            }
        } catch {
            return nil
        }
        return Hex.string(hasher.finalize())
    }

    /// The SHA-256 of bytes in memory, as lowercase hex.
    public static func sha256Hex(of data: some DataProtocol) -> String {
        Hex.sha256(data)
    }
}
