import Testing

@testable import CaseStore

/// The case tables' column lists (`CaseColumns.swift`), from which the store inserts and reads by
/// position, are those of both schemas, name for name and in order.
@Suite struct CaseColumnsTests {
    @Test(arguments: Backend.allCases)
    func everyCaseTableHasExactlyItsListedColumnsInOrder(_ backend: Backend) throws {
        let store = try backend.emptyStore()
        #expect(caseTableColumns.count == 9)
        for (table, names) in caseTableColumns {
            let stored = try store.read { db in
                switch db.kind {
                case .sqlite:
                    try db.fetchValues(String.self, "SELECT name FROM pragma_table_info(?) ORDER BY cid", [table])
                case .postgres:
                    try db.fetchValues(
                        String.self,
                        "SELECT column_name::text FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
                        [table.lowercased()])
                }
            }
            #expect(stored.map { $0.lowercased() } == names.map { $0.lowercased() }, "\(table)")
        }
    }
}
