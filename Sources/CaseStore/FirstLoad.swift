import CaseXML
import Foundation
import GRDB

/// The first import into an empty store, loaded as a restore loads.
///
/// A restore (`pg_dump`'s SQL through psql, or `sqlite3`'s `.dump` read back) copies each table's
/// rows and then builds its indexes and checks its foreign keys once; an import into a live store
/// adds every row to every index and checks its keys as it goes, and took six times as long at
/// 100,000 cases on PostgreSQL (docs/performance.md). So when an import finds the store holding no
/// case, its files of cases go into one transaction that sets aside the indexes and keys of the
/// tables a case is written to (all but the cases' own primary key, which every import's look-ups
/// use), copies the files' rows, and makes the indexes and keys again before it commits: a file
/// that broke a key fails the whole load then, never the store. Each file is still all or nothing
/// (a savepoint each) and the journal one chain; the transaction holds the writers' lock and the
/// case tables throughout, so other processes wait for it, which a store that holds nothing yet
/// can afford. A file that gives an id given before in the load (which would replace a case
/// through the keys set aside) ends the load: it and the files after it are written as into any
/// store.
///
/// On SQLite, whose primary and unique keys are the tables' own b-trees, the load sets aside the
/// other indexes and checks the foreign keys (`PRAGMA foreign_key_check`) at its end instead of
/// row by row, as `sqlite3` restores a dump with `PRAGMA foreign_keys=OFF`. Its write-ahead log
/// holds the whole load until it commits (about the size of the store it makes), where files
/// written one by one let it be checkpointed every 256 MiB.
enum FirstLoad {
    /// The tables keyed by case or by event, whose indexes and keys are set aside: the store's case
    /// tables but the cases' own and their history (which no key ties to a case), in lower case,
    /// as the catalog names them.
    static let caseParts = CaseStore.caseTables.filter { !["enforcementCase", "caseHistory"].contains($0) }.map { $0.lowercased() }

    /// What was set aside, as the statements that make it again, in the order they run, and the
    /// tables whose foreign keys are checked after them (SQLite's, which were not enforced).
    struct SetAside: Sendable {
        var restoring: [String]
        var checkingForeignKeys: [String] = []
    }

    private static let holdsNone = "SELECT COUNT(*) FROM (SELECT 1 FROM enforcementCase LIMIT 1) c"

    /// Takes the case tables (at once or not at all: another import still writing holds them)
    /// and, when the store holds no case, sets aside their indexes and keys. Nil when it holds one.
    /// On SQLite the transaction must run with foreign keys off (`writeWithoutForeignKeys`).
    static func setAside(_ db: any SQLConnection) async throws -> SetAside? {
        switch db.kind {
        case .postgres: try await setAsideOnPostgres(db)
        case .sqlite: try await setAsideOnSQLite(db)
        }
    }

    /// Sets aside the secondary indexes of the cases and their parts; every other index of theirs
    /// is a primary or unique key, which SQLite keeps in the table's own b-tree or checks as it
    /// writes. Nil also while another import is staging a file (`StagedImport`): its cases' parts
    /// are written before the cases, and would fail this load's check of the foreign keys.
    private static func setAsideOnSQLite(_ db: any SQLConnection) async throws -> SetAside? {
        guard try await db.fetchValue(Int.self, holdsNone) == 0,
            try await db.fetchValue(Int.self, "SELECT COUNT(*) FROM (SELECT 1 FROM importStage LIMIT 1) s") == 0
        else { return nil }
        let tables = CaseStore.caseTables.filter { $0 != "caseHistory" }
        let indexes = try await db.fetchAll(
            """
            SELECT name, sql FROM sqlite_master
            WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (\(tables.map { "'\($0)'" }.joined(separator: ", ")))
            ORDER BY name
            """, [])
        for index in indexes { try await db.execute("DROP INDEX \"\(index["name"] as String)\"") }
        return SetAside(restoring: indexes.map { $0["sql"] as String }, checkingForeignKeys: tables)
    }

    private static func setAsideOnPostgres(_ db: any SQLConnection) async throws -> SetAside? {
        // Asked first without the locks, which would hold every page's reads meanwhile.
        guard try await db.fetchValue(Int.self, holdsNone) == 0 else { return nil }
        try await db.execute("LOCK TABLE enforcementCase, \(caseParts.joined(separator: ", ")) IN ACCESS EXCLUSIVE MODE NOWAIT")
        guard try await db.fetchValue(Int.self, holdsNone) == 0 else { return nil }
        let parts = caseParts.map { "'\($0)'" }.joined(separator: ", ")
        let inSchema = "relnamespace = current_schema()::regnamespace"
        // Primary and unique keys of the parts, foreign keys of the parts and of the cases, and
        // any foreign key elsewhere that refers to a part's key (it would keep that key's index).
        let constraints = try await db.fetchAll(
            """
            SELECT quote_ident(t.relname) AS tableName, quote_ident(c.conname) AS name, c.contype::text AS kind,
                   pg_get_constraintdef(c.oid) AS definition
            FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
            WHERE t.\(inSchema) AND (
                (t.relname IN (\(parts)) AND c.contype IN ('p', 'u', 'f'))
                OR (t.relname = 'enforcementcase' AND c.contype = 'f')
                OR (c.contype = 'f' AND c.confrelid IN (SELECT oid FROM pg_class WHERE \(inSchema) AND relname IN (\(parts)))))
            ORDER BY c.contype = 'f' DESC, t.relname, c.conname
            """, [])
        // Indexes that back no key: the parts' and the cases' own (listings, agencies, dates).
        let indexes = try await db.fetchAll(
            """
            SELECT quote_ident(i.relname) AS name, pg_get_indexdef(x.indexrelid) AS definition
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
            WHERE t.\(inSchema) AND t.relname IN (\(parts), 'enforcementcase')
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.contype IN ('p', 'u', 'x'))
            ORDER BY i.relname
            """, [])
        var dropping: [String] = []
        var keys: [String] = []
        var foreignKeys: [String] = []
        for row in constraints {
            let (table, name, kind, definition): (String, String, String, String) = (row["tableName"], row["name"], row["kind"], row["definition"])
            dropping.append("ALTER TABLE \(table) DROP CONSTRAINT \(name)")
            let adding = "ALTER TABLE \(table) ADD CONSTRAINT \(name) \(definition)"
            if kind == "f" { foreignKeys.append(adding) } else { keys.append(adding) }
        }
        dropping += indexes.map { "DROP INDEX \($0["name"] as String)" }
        for statement in dropping { try await db.execute(statement) }
        // Indexes first, then the keys that the foreign keys look up, then those.
        return SetAside(restoring: indexes.map { $0["definition"] as String } + keys + foreignKeys)
    }

    /// Makes again what `setAside` set aside, checking every key over the rows loaded: a row
    /// whose foreign key finds nothing fails the load as SQLite would have failed its insert.
    static func restore(_ aside: SetAside, _ db: any SQLConnection) async throws {
        for statement in aside.restoring { try await db.execute(statement) }
        for table in aside.checkingForeignKeys {
            // One row for each broken key: the table, the row, the table it refers to.
            guard let broken = try await db.fetchAll("SELECT \"table\", parent FROM pragma_foreign_key_check(?) LIMIT 1", [table]).first
            else { continue }
            throw DatabaseError(
                resultCode: .SQLITE_CONSTRAINT_FOREIGNKEY,
                message: "FOREIGN KEY constraint failed: a row of \(broken["table"] as String) refers to no row of \(broken["parent"] as String)")
        }
    }
}

extension CaseStore {
    /// What `loadFirst` did: each file's result in order, why the import must stop (the database
    /// went away), and the file it took but did not load, which the caller writes as usual.
    struct FirstLoadOutcome {
        var results: [FileImportResult]
        var interruption: String?
        var left: (CaseStore.LocatedFile, Result<PreparedDocument, Error>)?
    }

    /// Loads `first` and the files `next` gives after it as the first load of an empty store
    /// (`FirstLoad`), until a file gives an id given before in the load. Nil when the store holds
    /// a case or another writer holds its tables: nothing was written or taken from `next`.
    func loadFirst(
        _ first: (CaseStore.LocatedFile, PreparedDocument), actor: String,
        next: () -> (CaseStore.LocatedFile, Result<PreparedDocument, Error>)?
    ) -> FirstLoadOutcome? {
        var results: [FileImportResult] = []
        var left: (CaseStore.LocatedFile, Result<PreparedDocument, Error>)?
        var taken: [CaseStore.LocatedFile] = []
        do {
            let loaded = try backend.writeWithoutForeignKeys { db -> Bool in
                guard let aside = try await FirstLoad.setAside(db) else { return false }
                var given: Set<String> = []
                var item: (CaseStore.LocatedFile, Result<PreparedDocument, Error>)? = (first.0, .success(first.1))
                while let (file, prepared) = item {
                    let document: PreparedDocument
                    do {
                        document = try prepared.get()
                    } catch {
                        taken.append(file)
                        results.append(FileImportResult(path: file.path, kind: file.kind, outcome: .failed(Self.diagnostics(of: error, file: file.path))))
                        item = next()
                        continue
                    }
                    guard case .cases(let cases) = document.content else {
                        left = item
                        break
                    }
                    let ids = cases.map(\.enforcementCase.id)
                    guard Set(ids).count == ids.count, given.isDisjoint(with: ids) else {
                        left = item
                        break
                    }
                    taken.append(file)
                    results.append(try await Self.loadFile(cases, file: file, name: document.name, actor: actor, db))
                    if results.last?.succeeded == true { given.formUnion(ids) }
                    item = next()
                }
                try await FirstLoad.restore(aside, db)
                return true
            }
            return loaded ? FirstLoadOutcome(results: results, left: left) : nil
        } catch {
            // Nothing was taken: the tables were held, or the store went away before the load
            // began, which the caller's own write of the file will find.
            if taken.isEmpty, left == nil { return nil }
            let interruption = StoreCondition(error) == .unavailable ? "\(error)" : nil
            // What the load stored is gone with it; a file that had failed on its own says why.
            let failed = { (file: String, kind: DocumentKind?) in
                FileImportResult(path: file, kind: kind, outcome: .failed(Self.diagnostics(of: error, file: file)))
            }
            let outcomes =
                results.map { $0.succeeded ? failed($0.path, $0.kind) : $0 } + taken.dropFirst(results.count).map { failed($0.path, $0.kind) }
            return FirstLoadOutcome(results: outcomes, interruption: interruption, left: interruption == nil ? left : nil)
        }
    }

    /// One file of the load under a savepoint of its own: a file that fails is undone alone,
    /// unless the database went away.
    private static func loadFile(
        _ cases: [PreparedCase], file: LocatedFile, name: String, actor: String, _ db: any SQLConnection
    ) async throws -> FileImportResult {
        try await db.execute("SAVEPOINT zhifa_first_load_file")
        do {
            let transaction = try await ImportTransaction(db: db, file: name, at: timestamp(), actor: actor)
            let counts = try await transaction.importCases(cases, agencyScope: nil)
            try await db.flush()
            try await db.execute("RELEASE SAVEPOINT zhifa_first_load_file")
            return FileImportResult(path: file.path, kind: file.kind, outcome: .imported(counts))
        } catch  where StoreCondition(error) != .unavailable {
            // Rows appended and not yet sent are dropped with the file.
            try? await db.flush()
            try await db.execute("ROLLBACK TO SAVEPOINT zhifa_first_load_file")
            return FileImportResult(path: file.path, kind: file.kind, outcome: .failed(diagnostics(of: error, file: file.path)))
        }
    }
}
