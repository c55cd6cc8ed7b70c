/// Why the store refused or failed an operation.
public enum StoreError: Error, CustomStringConvertible {
    /// A row that should exist does not, or holds a value the model does not know.
    case corrupt(String)
    /// A case, agency or item that was asked for is not stored.
    case notFound(String)
    /// The change would break a rule of the store (a name already taken, a role without its agency).
    case refused(String)

    public var description: String {
        switch self {
        case .corrupt(let message): "the store is inconsistent: \(message)"
        case .notFound(let message): message
        case .refused(let message): message
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
}

import GRDB

extension StoreCondition {
    /// The condition an error from the store reports, or nil when it is something else.
    public init?(_ error: Error) {
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .busy
        case .SQLITE_FULL: self = .full
        default: return nil
        }
    }
}
