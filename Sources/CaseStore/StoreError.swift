import GRDB

/// Why the store refused or failed an operation: what happened, as data. Callers decide what it
/// means to their user once (`WebError.from` for HTTP, the CLI prints `description`).
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No agency with this code: its registry was never imported.
    case agencyUnknown(String)
    /// No case with this id.
    case caseUnknown(String)
    /// No audit run with this number.
    case auditRunUnknown(Int64)
    /// An account name that is empty, padded with spaces or holds a line break.
    case userNameInvalid
    /// An account name holding an invisible, control or reordering character (`TextSafety`).
    case userNameUnsafe(String)
    /// A clerk account must belong to an agency.
    case clerkWithoutAgency
    case userNameTaken(String)
    /// No account with this name.
    case accountUnknown(String)
    /// A clerk may only write their own agency's cases; `reason` says which rule was broken.
    case outOfScope(caseId: String, reason: String)
    /// Another import is writing a case of this id (a large file's cases are staged before they
    /// are published): the same id cannot be stored until it finishes.
    case caseBeingImported(String)
    /// A large import's staged cases were cleared before it published them (its lease ran out).
    case importStageLost(String)
    /// A backup or a restore writes only a new file; one is there.
    case fileExists(String)
    /// `copy` writes only into an empty store; this table of the destination holds rows.
    case copyTargetNotEmpty(String)
    /// A review campaign of this name exists already.
    case campaignExists(String)
    /// A stored row the program cannot read (a value the model does not know, a row missing).
    /// The text is for the log and the administrator, never for a page.
    case corrupt(String)

    /// What kind of failure this is, for callers that answer by kind (HTTP status, exit code).
    public enum Kind: Sendable, Equatable {
        /// What was asked for does not exist (or may not be known to exist).
        case notFound
        /// The request breaks a rule of the store; asking differently can succeed.
        case refused
        /// The store itself is at fault; an administrator must look.
        case internalFailure
    }

    public var kind: Kind {
        switch self {
        case .agencyUnknown, .caseUnknown, .auditRunUnknown, .accountUnknown: .notFound
        case .userNameInvalid, .userNameUnsafe, .clerkWithoutAgency, .userNameTaken, .outOfScope, .copyTargetNotEmpty, .caseBeingImported,
            .importStageLost, .fileExists, .campaignExists:
            .refused
        case .corrupt: .internalFailure
        }
    }

    public var description: String {
        switch self {
        case .agencyUnknown(let code): "名录中没有执法主体 \(code)，请先导入其名录"
        case .caseUnknown(let id): "没有案件 \(id)"
        case .auditRunUnknown(let run): "没有第 \(run) 次评查"
        case .userNameInvalid: "用户名不能为空，首尾不能有空格，也不能含换行"
        case .userNameUnsafe(let problem): "用户名\(problem)"
        case .clerkWithoutAgency: "办案人员账号须属于一个执法主体，请给出 --agency 执法主体编码"
        case .userNameTaken(let name): "用户名 \(name) 已被使用"
        case .accountUnknown(let name): "没有用户 \(name)"
        case .outOfScope(_, let reason): reason
        case .caseBeingImported(let id): "案件 \(id) 正由另一次导入写入，请在该导入结束后再试"
        case .importStageLost(let file): "导入 \(file) 时暂存的案件已被清理（写入中断过久），未保存任何案件，请重新导入"
        case .fileExists(let path): "\(path) 已存在：只写入新文件，原有文件未被改动"
        case .copyTargetNotEmpty(let table): "目标库不是空库（表 \(table) 中已有数据）；只能复制到新建的空库"
        case .campaignExists(let name): "评查活动“\(name)”已存在，请换一个名称"
        case .corrupt(let detail): "数据库中的数据不一致：\(detail)"
        }
    }
}

/// A passing condition of the database behind a failed operation, which callers answer differently
/// from a broken request: wait and retry, or tell an administrator the disk is full.
public enum StoreCondition: Sendable, Equatable {
    /// Another process holds the write lock beyond the busy timeout.
    case busy
    /// The disk (or the database's size limit) is full.
    case full
    /// The database cannot be reached, the connection broke, or it did not answer in time: the
    /// request itself may be fine, and the same request can succeed when the database is back.
    case unavailable
}

extension StoreCondition {
    /// The condition an error from the store reports, or nil when it is something else.
    public init?(_ error: Error) {
        if let failure = error as? PostgresFailure {
            if failure.unavailable {
                self = .unavailable
                return
            }
            switch failure.sqlState {
            // lock_not_available (lock_timeout), serialization and deadlock failures, too many connections.
            case "55P03", "40001", "40P01", "53300": self = .busy
            case "53100": self = .full
            default: return nil
            }
            return
        }
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .busy
        case .SQLITE_FULL: self = .full
        case .SQLITE_CANTOPEN, .SQLITE_IOERR: self = .unavailable
        default: return nil
        }
    }
}
