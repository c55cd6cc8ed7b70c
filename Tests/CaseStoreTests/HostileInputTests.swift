import Audit
import AuditRuns
import CaseModel
import CaseXML
import Checklists
import Foundation
import Testing
import WorkCalendar

@testable import CaseStore

/// The attacks of issue 11 on the store and the importer, one test per class; each would have
/// crashed, hung or leaked before the fix.
@Suite struct HostileInputTests {
    private func importOne(_ store: CaseStore, _ folder: TemporaryFolder, _ name: String, _ text: String) throws -> FileImportResult {
        let file = try folder.write(name, text)
        return try #require(store.importPaths([file.path], actor: "test").files.first)
    }

    private func messages(_ result: FileImportResult) -> [String] {
        if case .failed(let diagnostics) = result.outcome { return diagnostics.map(\.message) }
        return []
    }

    @Test(arguments: Backend.allCases)
    func aDoctypeIsRefusedBeforeAnyEntityIsExpanded(_ backend: Backend) throws {
        let store = try backend.storeWithSampleRegistry()
        let folder = try TemporaryFolder()
        let references = String(repeating: "&a;", count: 20_000)
        let bomb =
            "<?xml version=\"1.0\"?>\n<!DOCTYPE case [<!ENTITY a \"\(String(repeating: "x", count: 1000))\">]>\n"
            + caseDocument(id: "WH-SJJ-1", attributes: "").replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", with: "")
            .replacingOccurrences(of: "name=\"测试公司\"", with: "name=\"\(references)\"")
        let before = try store.snapshot()
        let result = try importOne(store, folder, "bomb.xml", bomb)
        #expect(!result.succeeded)
        #expect(messages(result).contains { $0.contains("DOCTYPE") })
        #expect(try store.snapshot() == before)
        // The same document without its DOCTYPE (and the entity) imports: the guard is the DOCTYPE, nothing else.
        #expect(try importOne(store, folder, "plain.xml", caseDocument(id: "WH-SJJ-1", body: "<!-- <!DOCTYPE in a comment -->")).succeeded)
        // From memory (the web service's path) too.
        #expect(throws: CaseXMLError.self) {
            try store.importDocument(.memory(Data(bomb.utf8)), displayName: "api", actor: "t", evidence: .none)
        }
    }

    @Test(arguments: Backend.allCases)
    func numbersBeyondTheLawAreRefusedWithTheirLine(_ backend: Backend) throws {
        let store = try backend.storeWithSampleRegistry()
        let folder = try TemporaryFolder()
        func extensionCase(_ days: String) -> String {
            caseDocument(
                id: "WH-SJJ-D\(days)",
                body: "<events><event kind=\"filed\" date=\"2024-01-02\"/>\n<event kind=\"extension\" date=\"2024-02-01\" days=\"\(days)\"/></events>")
        }
        #expect(try importOne(store, folder, "a.xml", extensionCase("365")).succeeded)
        for days in ["366", "2147483647", "9223372036854775808"] {
            let result = try importOne(store, folder, "b.xml", extensionCase(days))
            #expect(!result.succeeded, "days=\(days)")
            if case .failed(let diagnostics) = result.outcome { #expect(diagnostics.contains { $0.line == 5 }, "\(diagnostics)") }
        }
        let fine = caseDocument(id: "WH-SJJ-F", body: "<outcome><penalty kind=\"fine\" amount=\"9999999999999\"/></outcome>")
        #expect(!(try importOne(store, folder, "c.xml", fine)).succeeded)
        let longName = caseDocument(id: "WH-SJJ-N").replacingOccurrences(of: "测试公司", with: String(repeating: "长", count: 501))
        #expect(!(try importOne(store, folder, "d.xml", longName)).succeeded)
    }

    @Test(arguments: Backend.allCases)
    func aStoredCaseThatCannotBeJudgedIsAFindingAndTheRunGoesOn(_ backend: Backend) throws {
        let store = try backend.storeWithSampleRegistry()
        let folder = try TemporaryFolder()
        for id in ["WH-SJJ-A", "WH-SJJ-B", "WH-SJJ-C"] {
            #expect(
                try importOne(
                    store, folder, "\(id).xml",
                    caseDocument(
                        id: id,
                        body: """
                            <events><event kind="filed" date="2024-01-02"/><event kind="extension" date="2024-02-01" days="30"/></events>
                            """)
                ).succeeded)
        }
        // Rows changed behind Zhifa's back, as an earlier version could store them or an administrator could type them.
        try store.write { db in
            try await db.execute("UPDATE event SET days = 9223372036854775807 WHERE caseId = 'WH-SJJ-A' AND kind = 'extension'")
            try await db.execute(
                "INSERT INTO event (id, caseId, position, kind, date, line) SELECT MAX(id) + 1, 'WH-SJJ-A', 9, 'extension', '2024-03-01', 0 FROM event")
            try await db.execute("UPDATE event SET days = 9223372036854775807 WHERE caseId = 'WH-SJJ-A' AND position = 9")
            try await db.execute("UPDATE event SET date = 'not a date' WHERE caseId = 'WH-SJJ-B'")
        }
        let runner = AuditRunner(
            store: store, checklist: try ChecklistLoader.bundled().load("national"),
            calendar: try WorkingDayCalendar.bundled())
        let summary = try runner.run(asOf: CalendarDate("2024-12-31")!, actor: "test")
        var audits: [String: CaseAudit] = [:]
        try AuditRunner.forEachCaseAudit(in: store, runId: summary.run.id!) { audits[$0.id] = $0 }
        #expect(audits.count == 3)
        #expect(audits["WH-SJJ-A"]?.findings.first { $0.rule == "PROCEDURE-DEADLINE" }?.status == .manual)
        #expect(audits["WH-SJJ-B"]?.findings.map(\.rule) == [CaseAuditor.unreadableRule])
        #expect(audits["WH-SJJ-B"]?.grade == "无法评查")
        #expect(audits["WH-SJJ-C"]?.findings.first { $0.rule == "PROCEDURE-DEADLINE" }?.status == .fail)
    }

    @Test(arguments: Backend.allCases)
    func recordsReadOnlyRegularFilesInsideTheirFolder(_ backend: Backend) throws {
        let store = try backend.storeWithSampleRegistry()
        let root = try TemporaryFolder()
        try root.write("outside/secret.txt", "secret")
        try root.write("case/media/inside.jpg", "photo")
        try FileManager.default.createDirectory(at: root.file("case/media/folder"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root.file("case/out-existing").path, withDestinationPath: root.file("outside/secret.txt").path)
        try FileManager.default.createSymbolicLink(atPath: root.file("case/out-missing").path, withDestinationPath: root.file("outside/none.txt").path)
        try FileManager.default.createSymbolicLink(atPath: root.file("case/in-link").path, withDestinationPath: root.file("case/media/inside.jpg").path)
        #expect(mkfifo(root.file("case/media/pipe").path, 0o600) == 0)
        func record(_ file: String) throws -> FileImportResult {
            try importOne(
                store, root, "case/c.xml",
                caseDocument(
                    id: "WH-SJJ-R",
                    body: """
                        <events><event kind="filed" date="2024-01-02"><record kind="photo" title="照片" file="\(file)"/></event></events>
                        """))
        }
        #expect(try record("media/inside.jpg").succeeded)
        #expect(try record("in-link").succeeded)
        #expect(try record("media/none.jpg").succeeded)  // missing: RECORD-INTEGRITY's to report, not a refusal
        var outsideAnswers: Set<[String]> = []
        for name in ["/dev/zero", "/etc/shadow", "../outside/secret.txt", "media/../../outside/secret.txt", "out-existing", "out-missing"] {
            let result = try record(name)
            #expect(!result.succeeded, "\(name)")
            outsideAnswers.insert(messages(result).map { $0.replacingOccurrences(of: name, with: "NAME") })
        }
        // Every path that leads out gets the same sentence: nothing is told about what exists outside.
        #expect(outsideAnswers.count == 1)
        for name in ["media/pipe", "media/folder"] {
            let result = try record(name)
            #expect(!result.succeeded && messages(result).contains { $0.contains("不是普通文件") }, "\(name)")
        }
    }

    @Test(arguments: Backend.allCases)
    func uploadedEvidenceBelongsToItsAgency(_ backend: Backend) throws {
        let store = try backend.storeWithSampleRegistry()
        let hash = String(repeating: "ab", count: 32)
        try store.recordUpload(sha256: hash, agency: "WH-CGJ", name: hash + ".mp4", size: 5, actor: "李城管")
        func evidence(_ agency: String, _ name: String) throws -> CaseModel.Record.Evidence? {
            var found: CaseModel.Record.Evidence?
            try CaseFileReader().readCases(
                .memory(
                    Data(
                        caseDocument(
                            id: "X",
                            body: """
                                <events><event kind="filed" date="2024-01-02"><record kind="photo" title="p" file="\(name)"/></event></events>
                                """
                        ).utf8)), displayName: "api", evidence: .uploads(owned: store.uploadedEvidence(agency: agency))
            ) { c, _ in
                found = c.events[0].records[0].evidence
            }
            return found
        }
        #expect(try evidence("WH-CGJ", hash + ".mp4") == .ok)
        #expect(try evidence("WH-SJJ", hash + ".mp4") == .missing)
        #expect(try evidence("WH-SJJ", String(repeating: "cd", count: 32)) == .missing)
        #expect(throws: CaseXMLError.self) { try evidence("WH-CGJ", "/etc/shadow") }
    }

    @Test(arguments: Backend.allCases)
    func aClerksIdsStartWithTheirAgencyAndRefusalsTellNothingOfOthers(_ backend: Backend) throws {
        let store = try backend.storeWithSampleRegistry()
        let source = { (id: String) in DocumentSource.memory(Data(caseDocument(id: id).utf8)) }
        #expect(try store.importDocument(source("WH-SJJ-2026-1"), displayName: "api", actor: "t", agencyScope: "WH-SJJ", evidence: .none).newCases == 1)
        _ = try store.importDocument(.memory(Data(caseDocument(id: "WH-CGJ-2026-1", agency: "WH-CGJ").utf8)), displayName: "cli", actor: "t", evidence: .none)
        func refusal(_ id: String) -> [String] {
            do {
                _ = try store.importDocument(source(id), displayName: "api", actor: "t", agencyScope: "WH-SJJ", evidence: .none)
                return []
            } catch let error as CaseXMLError {
                return error.diagnostics.map { $0.message.replacingOccurrences(of: id, with: "ID") }
            } catch { return ["\(error)"] }
        }
        let taken = refusal("WH-CGJ-2026-1")
        let free = refusal("WH-CGJ-2026-2")
        #expect(!taken.isEmpty && taken == free)
        #expect(try store.agency(ofCase: "WH-CGJ-2026-2") == nil)
    }

    @Test(arguments: Backend.allCases)
    func verifyFindsDeletedCasesAndACutOrRewrittenJournal(_ backend: Backend) throws {
        let folder = try TemporaryFolder()
        let store = try CaseStore(location: try backend.location(in: folder, "v.sqlite"))
        _ = store.importPaths([Repository.samples.path], actor: "test")
        let anchor = try store.verify().head
        #expect(try store.verify(expecting: anchor).isIntact)
        try store.write { db in try await db.execute("DELETE FROM enforcementCase WHERE id = 'WH-SJJ-2024-0117'") }
        let report = try store.verify()
        #expect(!report.isIntact && report.tamperedCases.contains { $0.id == "WH-SJJ-2024-0117" })
        // The last case and its journal row go together: only the anchor kept outside notices.
        try store.dropJournalGuards()
        try store.write { db in try await db.execute("DELETE FROM journal WHERE seq = ?", [anchor.seq]) }
        #expect(try store.verify(expecting: anchor).anchorProblem != nil)
        #expect(try store.verify(expecting: JournalHead(seq: anchor.seq - 1, hash: String(repeating: "0", count: 64))).anchorProblem != nil)
    }

    @Test(arguments: Backend.allCases)
    func aWriterBehindAnotherProcessFailsAsBusyInBoundedTime(_ backend: Backend) throws {
        let folder = try TemporaryFolder()
        let path = try backend.location(in: folder, "busy.sqlite")
        let holder = try CaseStore(location: path)
        _ = holder.importPaths([Repository.samples.appendingPathComponent("registry.xml").path], actor: "test")
        let waiter = try CaseStore(location: path, busyTimeout: 0.3)
        let hold = BackgroundHold { whileHeld in
            try? holder.write { db in
                try await db.execute("UPDATE agency SET name = name")
                whileHeld()
            }
        }
        let started = Date()
        var condition: StoreCondition?
        do {
            try waiter.recordUpload(sha256: String(repeating: "a", count: 64), agency: "WH-SJJ", name: "x", size: 1, actor: "t")
        } catch {
            condition = StoreCondition(error)
        }
        hold.release()
        #expect(condition == .busy)
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func arithmeticSaturatesInsteadOfTrapping() {
        #expect(Money(fen: .max) + Money(fen: 1) == Money(fen: .max))
        #expect(Multiple(text: "9999")!.of(Money(fen: .max / 2)) == Money(fen: .max))
        #expect(CalendarDate("2024-01-01")!.adding(days: .max) == .latest)
        #expect(CalendarDate("2024-01-01")!.adding(days: .min) == .earliest)
        #expect(CalendarDate.earliest.days(to: .latest) == 3_652_058)
    }
}
