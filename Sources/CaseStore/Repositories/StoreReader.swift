/// One read transaction of the store, seen by concern: what a page shows together is read in one
/// snapshot and one trip to the store, each part from the repository that owns it.
///
/// Only the store opens one (`CaseStore.reading`, `readingPrimary`), so a repository never
/// outlives its transaction.
public struct StoreReader {
    let db: any SQLConnection

    /// Cases as stored.
    public var cases: CaseRepository { CaseRepository(db: db) }
    /// Audit runs' stored results and the reviewers' manual scores.
    public var audits: AuditResultRepository { AuditResultRepository(db: db) }
    /// Accounts and the web service's sessions.
    public var accounts: AccountRepository { AccountRepository(db: db) }
    /// Files uploaded through the web service and the agencies that own them.
    public var uploads: UploadRepository { UploadRepository(db: db) }
    /// Open obligations by deadline (`DueIndexStorage.swift`).
    public var due: DueRepository { DueRepository(db: db) }
    /// The web service's jobs.
    public var jobs: JobRepository { JobRepository(db: db) }
    /// The registry and the benchmarks.
    public var registry: RegistryRepository { RegistryRepository(db: db) }
    /// Review campaigns and their draws.
    public var campaigns: CampaignRepository { CampaignRepository(db: db) }
}

extension CaseStore {
    /// Runs `body` in one read transaction that the caller awaits: its thread is never held
    /// meanwhile (`StoreBackend`). Reads go to a replica where there is one.
    public func reading<T>(_ body: (StoreReader) async throws -> T) async throws -> T {
        try await backend.awaitRead { try await body(StoreReader(db: $0)) }
    }

    /// `reading`, on the primary: what must see every process's latest writes (sessions, accounts).
    public func readingPrimary<T>(_ body: (StoreReader) async throws -> T) async throws -> T {
        try await backend.awaitReadPrimary { try await body(StoreReader(db: $0)) }
    }

    /// A short write of the web service's sessions, which no journal entry follows, awaited: it
    /// need not wait behind a long import where the server allows it (`writeOutsideJournal`).
    public func writingSessions<T>(_ body: (AccountRepository) async throws -> T) async throws -> T {
        try await backend.awaitWriteOutsideJournal { try await body(AccountRepository(db: $0)) }
    }
}
