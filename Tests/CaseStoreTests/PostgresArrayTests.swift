import Testing

@testable import CaseStore

/// Texts sent to PostgreSQL as one array literal (`SQLInList.postgresArray`) come back as they
/// were: quotes, backslashes, commas, braces, spaces, NULL as a word, the empty text, none at all.
@Suite struct PostgresArrayTests {
    @Test func textsComeBackFromTheServerAsTheyWere() throws {
        let store = try Backend.postgres.emptyStore()
        defer { store.close() }
        let texts = [
            "WH-SJJ-2024-0117", #"a"b"#, #"back\slash"#, #"\""#, "a,b", "{x}", " padded ", "NULL", "", "执法（一）", "trailing\\"
        ]
        for values in [texts, [], ["one"]] {
            let back = try store.read { db in
                try await db.fetchValues(
                    String.self, "SELECT v FROM unnest(?::text[]) WITH ORDINALITY AS t(v, n) ORDER BY n", [SQLInList.postgresArray(values)])
            }
            #expect(back == values)
        }
    }
}
