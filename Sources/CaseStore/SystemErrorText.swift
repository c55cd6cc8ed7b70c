import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An error of Zhifa's own that knows the system's error number behind it (a write that failed
/// with ENOSPC), so that callers judge it as they judge Foundation's and the system's.
public protocol SystemErrorNumber: Error {
    var systemErrorNumber: Int32? { get }
}

/// System errors in the words a clerk or an operator reads (Chinese), never Foundation's
/// `Error Domain=NSCocoaErrorDomain Code=512` or a library's case name.
public enum SystemErrorText {
    public static func reason(errno code: Int32) -> String {
        switch code {
        case ENOSPC: "磁盘空间不足"
        case EDQUOT: "磁盘配额已用完"
        case EFBIG: "文件超过系统允许的大小"
        case EACCES, EPERM: "没有写入权限"
        case EROFS: "文件系统为只读"
        case ENOENT: "文件或文件夹不存在"
        case EISDIR: "该处是一个文件夹"
        case ENOTDIR: "路径中的某一级不是文件夹"
        case EIO: "磁盘读写出错"
        default: "系统错误 \(code)（\(String(cString: strerror(code)))）"
        }
    }

    /// The errno behind a Foundation or POSIX error, or one of Zhifa's own that carries one
    /// (`SystemErrorNumber`), if there is one.
    public static func errnoCode(of error: Error) -> Int32? {
        if let error = error as? SystemErrorNumber { return error.systemErrorNumber }
        if let error = error as? POSIXError { return error.code.rawValue }
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return Int32(nsError.code) }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? Error { return errnoCode(of: underlying) }
        if let cocoa = error as? CocoaError {
            switch cocoa.code {
            case .fileWriteOutOfSpace: return ENOSPC
            case .fileWriteNoPermission, .fileReadNoPermission: return EACCES
            case .fileWriteVolumeReadOnly: return EROFS
            case .fileNoSuchFile, .fileReadNoSuchFile: return ENOENT
            default: return nil
            }
        }
        return nil
    }

    /// Whether `error` says the disk (or the user's quota) is full.
    public static func isDiskFull(_ error: Error) -> Bool {
        errnoCode(of: error).map { $0 == ENOSPC || $0 == EDQUOT } ?? false
    }

    /// A sentence for an error of Foundation, the system or a library (Zhifa's own errors describe
    /// themselves): never `Error Domain=NSCocoaErrorDomain Code=512` or a library's case name.
    public static func describe(_ error: Error) -> String {
        if let code = errnoCode(of: error) { return reason(errno: code) }
        // ZIPFoundation's errors are enumeration cases; their names are all they say.
        let name = "\(error)"
        if let text = zipErrors[name] { return text }
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain { return "读写文件出错（文件系统错误 \(nsError.code)）" }
        if nsError.domain == "NSXMLParserErrorDomain" { return "XML 无法解析（错误 \(nsError.code)）" }
        return name
    }

    private static let zipErrors: [String: String] = [
        "unwritableFile": "无法写入文件（磁盘可能已满）",
        "unreadableFile": "无法读取文件",
        "unwritableArchive": "无法写入 ZIP 文件（磁盘可能已满）",
        "unreadableArchive": "不是可读取的 ZIP 文件",
        "invalidCRC32": "ZIP 文件已损坏（校验和不符）",
        "missingEndOfCentralDirectoryRecord": "不是完整的 ZIP 文件"
    ]
}
