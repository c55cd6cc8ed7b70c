import Testing

@testable import CaseStore

/// The case tables' column lists (`CaseColumns.swift`), from which the store inserts and reads by
/// position, are those of both schemas, name for name and in order.
@Suite struct CaseColumnsTests {
    static func columns<C: CaseTableColumns>(_ type: C.Type) -> (table: String, names: [String]) { (C.table, C.names) }

    static let caseTableColumns = [
        columns(CaseColumn.self), columns(PartyColumn.self), columns(EventColumn.self), columns(EventOfficerColumn.self),
        columns(RecordColumn.self), columns(OutcomeColumn.self), columns(PenaltyColumn.self), columns(BaseAmountColumn.self),
        columns(DisclosureColumn.self)
    ]

    @Test(arguments: Backend.allCases)
    func everyCaseTableHasExactlyItsListedColumnsInOrder(_ backend: Backend) throws {
        let store = try backend.emptyStore()
        #expect(Self.caseTableColumns.count == 9)
        for (table, names) in Self.caseTableColumns {
            let stored = try store.read { db in
                switch db.kind {
                case .sqlite:
                    try await db.fetchValues(String.self, "SELECT name FROM pragma_table_info(?) ORDER BY cid", [table])
                case .postgres:
                    try await db.fetchValues(
                        String.self,
                        "SELECT column_name::text FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
                        [table.lowercased()])
                }
            }
            #expect(stored.map { $0.lowercased() } == names.map { $0.lowercased() }, "\(table)")
        }
    }
}
