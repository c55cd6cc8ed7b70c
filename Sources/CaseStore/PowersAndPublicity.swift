import GRDB

extension Schema {
    /// v24 (`PostgresSchema.v24` the same): format 1.1's additions and what the 双公示 brings in.
    ///
    /// - an agency's 统一社会信用代码 and its 权责清单 (`agencyPower`, in the order of the registry);
    /// - the power a case names (`enforcementCase.power`) and a 复议 decision's or judgment's ruling
    ///   (`event.ruling`), added as the last columns, where `CaseColumns` reads them, the few
    ///   events with a ruling indexed by date for the annual figures;
    /// - published 双公示 lists (`publishedList`) and their rows (`publishedRecord`), each row's
    ///   decision number kept as compared (`DecisionNumber.key`), so a case is found by its own.
    static func createPowersAndPublicity(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE agency ADD COLUMN creditCode TEXT;
                CREATE TABLE agencyPower (
                  agency TEXT NOT NULL REFERENCES agency(code) ON DELETE CASCADE, position INTEGER NOT NULL,
                  code TEXT NOT NULL, name TEXT NOT NULL, category TEXT NOT NULL, basis TEXT, fromDate TEXT, toDate TEXT,
                  PRIMARY KEY (agency, position)) WITHOUT ROWID;
                ALTER TABLE enforcementCase ADD COLUMN power TEXT;
                ALTER TABLE event ADD COLUMN ruling TEXT;
                CREATE INDEX event_rulings ON event(date) WHERE ruling IS NOT NULL;
                CREATE TABLE publishedList (
                  id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, sourceFile TEXT NOT NULL, contentHash TEXT NOT NULL,
                  coversFrom TEXT, coversTo TEXT, rowCount INTEGER NOT NULL, importedAt TEXT NOT NULL, importedBy TEXT NOT NULL);
                CREATE TABLE publishedRecord (
                  listId INTEGER NOT NULL REFERENCES publishedList(id) ON DELETE CASCADE, row INTEGER NOT NULL,
                  agency TEXT, numberKey TEXT NOT NULL, number TEXT NOT NULL, party TEXT, decisionDate TEXT,
                  publishedDate TEXT, url TEXT,
                  PRIMARY KEY (listId, row));
                CREATE INDEX publishedRecord_by_number ON publishedRecord(numberKey);
                """)
    }
}
