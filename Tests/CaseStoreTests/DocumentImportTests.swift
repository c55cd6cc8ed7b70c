import CaseModel
import CaseXML
import Foundation
import Generator
import TestSupport
import Testing

@testable import CaseStore

/// A case file's documents are read as it is imported, kept once by their hash, attached to every
/// case that names them when a batch is read, and copied with the store; on both backends.
@Suite struct DocumentImportTests {
    static let decision = """
        某局
        行政处罚决定书
        当事人：某公司
        """

    /// A folder with one case whose decision names `decision.docx`, hashed; the registry beside it.
    static func folder(caseId: String = "WH-SJJ-2030-0001", document: Data, sha256: String? = nil) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("documents"), withIntermediateDirectories: true)
        try document.write(to: folder.url.appendingPathComponent("documents/decision.docx"))
        let hash = sha256 ?? EvidenceCheck.sha256Hex(of: document)
        try """
        <case xmlns="urn:zhifa:case:1" id="\(caseId)" agency="WH-SJJ" type="penalty">
          <party kind="organisation" name="某公司"/>
          <events>
            <event kind="decision" date="2030-01-07" number="某罚〔2030〕1号" officers="O-1001 O-1002">
              <record kind="text" title="行政处罚决定书" file="documents/decision.docx" sha256="\(hash)"/>
            </event>
          </events>
          <outcome><penalty kind="fine" amount="1000"/></outcome>
        </case>
        """.write(to: folder.url.appendingPathComponent("\(caseId).xml"), atomically: true, encoding: .utf8)
        return folder
    }

    static func registry(into store: CaseStore) {
        #expect(store.importPaths([Repository.samples.appendingPathComponent("registry.xml").path], actor: "test").failures.isEmpty)
    }

    @Test(arguments: Backend.allCases)
    func theSamplesDocumentsAreReadAndKeptByTheirHash(_ backend: Backend) throws {
        let store = try backend.emptyStore()
        #expect(store.importPaths([Repository.samples.path], actor: "test").failures.isEmpty)
        let clean = try #require(try store.loadCase(id: "WH-SJJ-2024-0117"))
        let notice = try #require(clean.events.first { $0.kind == .notice }?.records.first?.document)
        let decided = try #require(clean.decision?.records.first?.document)
        #expect(notice.format == .ofd && notice.status == .read && notice.pages == 1 && notice.text.contains("行政处罚告知书"))
        #expect(decided.format == .docx && decided.text.contains("芜市监处罚〔2024〕117号"))
        let pdf = try #require(try store.loadCase(id: "WH-SJJ-2024-0203")?.decision?.records.first?.document)
        #expect(pdf.format == .pdf && pdf.pages == 1 && pdf.text.filter { !$0.isWhitespace }.contains("三十日内向芜湖市人民政府申请行政复议"))
        // Records without a file, or with one that is not a text record's, carry none.
        #expect(clean.events.first { $0.kind == .inspection }?.records.allSatisfy { $0.document == nil } == true)
        #expect(try store.read { try await $0.fetchValue(Int.self, "SELECT COUNT(*) FROM documentText") } == 3)

        // Imported again unchanged: the same rows; copied: the texts go along.
        #expect(store.importPaths([Repository.samples.path], actor: "test").totals.unchangedCases == Repository.sampleCaseCount)
        #expect(try store.read { try await $0.fetchValue(Int.self, "SELECT COUNT(*) FROM documentText") } == 3)
        let copy = try CaseStore.inMemory()
        _ = try store.copy(into: copy)
        #expect(try copy.loadCase(id: "WH-SJJ-2024-0117") == clean)
        #expect(try store.verify().isIntact)
    }

    @Test(arguments: Backend.allCases)
    func aFileThatDoesNotHashToItsRecordIsNotRead(_ backend: Backend) throws {
        let store = try backend.emptyStore()
        Self.registry(into: store)
        let bytes = try DocumentFiles.data(Self.decision, as: .docx)
        let folder = try Self.folder(document: bytes, sha256: String(repeating: "0", count: 64))
        #expect(store.importPaths([folder.url.path], actor: "test").failures.isEmpty)
        let record = try #require(try store.loadCase(id: "WH-SJJ-2030-0001")?.decision?.records.first)
        #expect(record.evidence == .mismatch && record.document == nil)
        #expect(try store.read { try await $0.fetchValue(Int.self, "SELECT COUNT(*) FROM documentText") } == 0)
    }

    /// A document that could not be read is kept saying why, and replaced by the next reading of
    /// the same bytes (a bound raised, recognition installed); one that was read stays as it is.
    @Test(arguments: Backend.allCases)
    func anUnreadableDocumentIsKeptWithItsReasonAndReadAgainLater(_ backend: Backend) throws {
        let store = try backend.emptyStore()
        Self.registry(into: store)
        let bytes = try DocumentFiles.data(Self.decision, as: .docx)
        let key = EvidenceCheck.sha256Hex(of: bytes)
        let folder = try Self.folder(document: bytes)
        try store.write {
            try await DocumentTexts.store(key, DocumentText.unreadable(.docx, "读取超时"), into: $0)
        }
        #expect(store.importPaths([folder.url.path], actor: "test").totals.newCases == 1)
        let read = try #require(try store.loadCase(id: "WH-SJJ-2030-0001")?.decision?.records.first?.document)
        #expect(read.status == .read && read.text.contains("行政处罚决定书"), "an unreadable row is replaced by a reading")
        // Unchanged, and its text kept: unchanged. Its text found unreadable and now read: a new
        // version, so that no audit judged without the text is reused.
        #expect(store.importPaths([folder.url.path], actor: "test").totals.unchangedCases == 1)
        try store.write { try await $0.execute("UPDATE documentText SET status = 'unreadable', text = '' WHERE sha256 = ?", [key]) }
        #expect(store.importPaths([folder.url.path], actor: "test").totals.replacedCases == 1)
        #expect(try store.loadCaseWithVersion(id: "WH-SJJ-2030-0001")?.version == 2)
        #expect(try store.loadCase(id: "WH-SJJ-2030-0001")?.decision?.records.first?.document == read)
        // A row that was read is kept: another reading of the same hash changes nothing.
        try store.write { try await DocumentTexts.store(key, DocumentText(format: .text, status: .read, text: "别的文字"), into: $0) }
        #expect(try store.loadCase(id: "WH-SJJ-2030-0001")?.decision?.records.first?.document?.text == read.text)
    }
}
