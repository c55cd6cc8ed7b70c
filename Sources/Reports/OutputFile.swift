import CaseStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Why an output could not be written. Nothing at the destination was changed.
public enum OutputError: SystemErrorNumber, Sendable, Equatable, CustomStringConvertible {
    /// Something other than a regular file stands at the destination (a folder, a device, a link,
    /// a pipe): replacing it could destroy what it holds, so it is refused.
    case notRegularFile(path: String, what: String)
    /// The destination's folder does not exist or is not a folder.
    case folderMissing(path: String)
    /// Writing failed; `errno` says why (a full disk is ENOSPC).
    case writeFailed(path: String, errno: Int32)
    /// Writing failed in a library (the ZIP writer) for the reason given.
    case failed(path: String, reason: String)

    public var systemErrorNumber: Int32? {
        if case .writeFailed(_, let code) = self { return code }
        return nil
    }

    public var description: String {
        switch self {
        case .notRegularFile(let path, let what):
            "\(path) 是\(what)，不是普通文件；为免破坏其中的内容，不予覆盖，未写入任何内容。请另选输出文件名"
        case .folderMissing(let path):
            "输出文件所在的文件夹 \(path) 不存在"
        case .writeFailed(let path, let code):
            "写入 \(path) 失败：\(SystemErrorText.reason(errno: code))；原有文件未被改动"
        case .failed(let path, let reason):
            "写入 \(path) 失败：\(reason)；原有文件未被改动"
        }
    }
}

/// A file descriptor written with errors as errors: Foundation's `FileHandle.write(_:)` traps on a
/// full disk, which would end a command (or the server) with a truncated file behind it.
final class WritableDescriptor {
    let descriptor: Int32
    let path: String

    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    func write(_ data: Data) throws {
        try data.withUnsafeBytes { try write($0) }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard var base = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let written = Glibc.write(descriptor, base, left)
            if written < 0 {
                if errno == EINTR { continue }
                throw OutputError.writeFailed(path: path, errno: errno)
            }
            guard written > 0 else { throw OutputError.writeFailed(path: path, errno: ENOSPC) }
            left -= written
            base += written
        }
    }
}

/// An output written beside its destination and renamed into place only when complete, so that a
/// failure (a full disk, an error half-way, the process killed) leaves the destination as it was.
///
/// A destination that exists must be a regular file: a folder, a device (`/dev/null`), a symbolic
/// link or a pipe at `--out` is refused, never replaced.
public final class OutputFile {
    public let destination: URL
    private let temporary: String
    private var writer: WritableDescriptor?
    private var committed = false

    /// Checks the destination and opens a temporary file beside it (`.NAME.XXXXXX`).
    public init(_ destination: URL) throws {
        self.destination = destination
        try Self.checkDestination(destination.path)
        let folder = destination.deletingLastPathComponent().path
        var template = Array((folder + "/." + destination.lastPathComponent + ".XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw OutputError.writeFailed(path: destination.path, errno: errno) }
        temporary = String(cString: template)
        // mkstemp makes the file private (0600); an output is an ordinary file of its user.
        let mask = umask(0o022)
        umask(mask)
        fchmod(descriptor, 0o666 & ~mask)
        writer = WritableDescriptor(descriptor: descriptor, path: destination.path)
    }

    deinit {
        if let writer { close(writer.descriptor) }
        if !committed { unlink(temporary) }
    }

    /// The temporary file's path, for writers that need a path of their own (a ZIP archive).
    public var temporaryURL: URL { URL(fileURLWithPath: temporary) }

    public func write(_ data: Data) throws {
        guard let writer else { throw OutputError.writeFailed(path: destination.path, errno: EBADF) }
        try writer.write(data)
    }

    /// Flushes the file to disk and renames it into place.
    public func commit() throws {
        guard !committed else { return }
        if let writer {
            self.writer = nil
            if fsync(writer.descriptor) != 0, errno != EINVAL {
                let code = errno
                close(writer.descriptor)
                throw OutputError.writeFailed(path: destination.path, errno: code)
            }
            if close(writer.descriptor) != 0 { throw OutputError.writeFailed(path: destination.path, errno: errno) }
        }
        // Checked again: something may have been put there while the output was written.
        try Self.checkDestination(destination.path)
        guard rename(temporary, destination.path) == 0 else { throw OutputError.writeFailed(path: destination.path, errno: errno) }
        committed = true
    }

    /// For writers that create their file themselves (a ZIP archive): a path beside the destination
    /// that nothing holds, after the destination is checked.
    public static func unusedPath(beside destination: URL) throws -> URL {
        try checkDestination(destination.path)
        var generator = SystemRandomNumberGenerator()
        let suffix = String(generator.next() as UInt64, radix: 36)
        return destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).\(suffix)")
    }

    /// Renames a complete `temporary` file into place; removes it when the destination is refused.
    public static func moveIntoPlace(_ temporary: URL, at destination: URL) throws {
        do {
            try checkDestination(destination.path)
            guard rename(temporary.path, destination.path) == 0 else { throw OutputError.writeFailed(path: destination.path, errno: errno) }
        } catch {
            unlink(temporary.path)
            throw error
        }
    }

    /// Writes `data` to `destination` as a whole.
    public static func write(_ data: Data, to destination: URL) throws {
        let file = try OutputFile(destination)
        try file.write(data)
        try file.commit()
    }

    /// Whether the file system holding `folder` has less than 64 KB left for this user.
    public static func isNearlyFull(_ folder: URL) -> Bool {
        var info = statvfs()
        guard statvfs(folder.path, &info) == 0 else { return false }
        return UInt64(info.f_bavail) * UInt64(info.f_frsize) < 64 << 10
    }

    /// Refuses a destination that exists and is not a regular file, and one whose folder is missing.
    public static func checkDestination(_ path: String) throws {
        var info = stat()
        if lstat(path, &info) == 0 {
            let kind = info.st_mode & S_IFMT
            guard kind == S_IFREG else { throw OutputError.notRegularFile(path: path, what: Self.kindName(kind)) }
            return
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw OutputError.folderMissing(path: folder)
        }
    }

    private static func kindName(_ kind: mode_t) -> String {
        switch kind {
        case S_IFDIR: "一个文件夹"
        case S_IFLNK: "一个符号链接"
        case S_IFCHR, S_IFBLK: "一个设备文件"
        case S_IFIFO: "一个管道"
        case S_IFSOCK: "一个套接字"
        default: "一个特殊文件"
        }
    }
}
