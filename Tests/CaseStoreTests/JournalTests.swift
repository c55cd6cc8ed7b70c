import CaseModel
import CaseStore
import Foundation
import GRDB
import Testing

@Suite struct JournalTests {
    private func sampleStore() throws -> CaseStore {
        let store = try CaseStore.withSampleRegistry()
        let report = store.importPaths([Repository.samples.appendingPathComponent("cases").path], actor: "审查员甲")
        #expect(report.failures.isEmpty)
        return store
    }

    @Test func chainsEveryChangeWithWhoWhatAndWhen() throws {
        let store = try sampleStore()
        let journal = try store.journal()
        #expect(journal.count == 4 + 34)
        #expect(journal.map(\.seq) == Array(1...Int64(journal.count)))
        #expect(journal[0].prevHash == JournalEntry.genesis)
        for (previous, entry) in zip(journal, journal.dropFirst()) {
            #expect(entry.prevHash == previous.hash)
        }
        #expect(journal.last?.actor == "审查员甲")
        #expect(journal.allSatisfy { !$0.at.isEmpty && $0.hash == $0.expectedHash })
        let report = try store.verify()
        #expect(report.isIntact)
        #expect(report.casesChecked == 34)
    }

    @Test func refusesEditsThroughSQLItself() throws {
        let store = try sampleStore()
        #expect(throws: DatabaseError.self) {
            try store.database.write { try $0.execute(sql: "UPDATE journal SET actor = 'x' WHERE seq = 3") }
        }
        #expect(throws: DatabaseError.self) {
            try store.database.write { try $0.execute(sql: "DELETE FROM journal WHERE seq = 3") }
        }
    }

    @Test func catchesATamperedEntryAndNamesTheFirstBrokenLink() throws {
        let store = try sampleStore()
        try store.database.write { db in
            try db.execute(sql: "DROP TRIGGER journalNoUpdate")
            try db.execute(sql: "UPDATE journal SET actor = '某人' WHERE seq = 7")
        }
        let report = try store.verify()
        #expect(!report.isIntact)
        #expect(report.firstBrokenLink?.seq == 7)
    }

    @Test func catchesARewrittenEntryThroughTheNextLink() throws {
        let store = try sampleStore()
        try store.database.write { db in
            try db.execute(sql: "DROP TRIGGER journalNoUpdate")
            var entry = try JournalEntry.fetchOne(db, key: 9)!
            entry.detail = "rewritten"
            entry.hash = entry.expectedHash
            try entry.update(db)
        }
        #expect(try store.verify().firstBrokenLink?.seq == 10)
    }

    @Test func catchesADeletedEntry() throws {
        let store = try sampleStore()
        try store.database.write { db in
            try db.execute(sql: "DROP TRIGGER journalNoDelete")
            try db.execute(sql: "DELETE FROM journal WHERE seq = 12")
        }
        #expect(try store.verify().firstBrokenLink?.seq == 13)
    }

    @Test func catchesASilentEditOfACaseFile() throws {
        let store = try sampleStore()
        try store.database.write { db in
            try db.execute(sql: "UPDATE penalty SET amount = 100 WHERE caseId = 'WH-SJJ-2024-0520' AND kind = 'fine'")
            try db.execute(sql: "UPDATE event SET date = '2024-04-02' WHERE caseId = 'WH-SJJ-2024-0117' AND kind = 'disclosure'")
            try db.execute(sql: "UPDATE disclosure SET date = '2024-02-20' WHERE caseId = 'WH-SJJ-2024-0204'")
        }
        let report = try store.verify()
        #expect(report.firstBrokenLink == nil)
        #expect(report.tamperedCases.map(\.id) == ["WH-SJJ-2024-0204", "WH-SJJ-2024-0520"])
    }
}
