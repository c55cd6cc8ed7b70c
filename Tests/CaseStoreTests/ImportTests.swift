import CaseModel
import CaseXML
import Foundation
import Testing

@testable import CaseStore

@Suite struct ImportTests {
    @Test(arguments: Backend.allCases)
    func importsEverySampleRegistriesFirstWhateverTheOrderGiven(_ backend: Backend) throws {
        let store = try backend.emptyStore()
        let report = store.importPaths(
            [
                Repository.samples.appendingPathComponent("cases").path,
                Repository.samples.path
            ], actor: "test")
        #expect(report.failures.isEmpty, "\(report.failures.map(\.outcome))")
        #expect(report.files.first?.kind == .registry)
        #expect(try store.caseCount() == Repository.sampleCaseCount)
        #expect(report.totals.newCases == Repository.sampleCaseCount)
        #expect(report.totals.unchangedCases == Repository.sampleCaseCount, "the folder given twice imports its cases once, then finds them unchanged")
        #expect(try store.registry().officers.count == 17)
        #expect(try store.benchmarkSets().count == 3)
    }

    static func withoutDocuments(_ c: EnforcementCase) -> EnforcementCase {
        var c = c
        for e in c.events.indices {
            for r in c.events[e].records.indices { c.events[e].records[r].document = nil }
        }
        return c
    }

    @Test(arguments: Backend.allCases)
    func storesACaseExactlyAsRead(_ backend: Backend) throws {
        let store = try backend.storeWithSampleRegistry()
        let reader = CaseFileReader()
        for file in Repository.sampleCaseFiles {
            _ = try store.importFile(file, actor: "test")
            try reader.readCases(file) { c, _ in
                // The store adds what it read of the documents, which the file does not hold.
                let stored = try store.loadCase(id: c.id).map(Self.withoutDocuments)
                #expect(stored == c)
            }
        }
        #expect(try store.registry() == reader.readRegistry(Repository.samples.appendingPathComponent("registry.xml")).sortedForStore())
    }

    @Test(arguments: Backend.allCases)
    func exportThenImportGivesTheSameStoredCase(_ backend: Backend) throws {
        let store = try backend.storeWithSampleRegistry()
        _ = store.importPaths([Repository.samples.appendingPathComponent("cases").path], actor: "test")
        let folder = try TemporaryFolder()
        let original = try #require(try store.loadCase(id: "WH-HBJ-2024-0018"))
        let exported = try folder.write("export.xml", CaseXMLWriter.document(original))
        let other = try backend.storeWithSampleRegistry()
        let counts = try other.importFile(exported, actor: "test")
        #expect(counts.newCases == 1)
        #expect(try other.loadCase(id: "WH-HBJ-2024-0018").map(CaseXMLWriter.document) == CaseXMLWriter.document(original))
        #expect(try store.importFile(exported, actor: "test").unchangedCases == 1)
    }

    @Test(arguments: Backend.allCases)
    func aFileThatFailsHalfWayLeavesTheStoreAsItWas(_ backend: Backend) throws {
        let store = try backend.storeWithSampleRegistry()
        let before = try store.snapshot()
        let folder = try TemporaryFolder()
        var batch = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<cases xmlns=\"urn:zhifa:case:1\">\n"
        for index in 1...50 {
            batch += "<case id=\"M-\(index)\" agency=\"WH-SJJ\" type=\"penalty\"><party kind=\"individual\" name=\"甲\"/></case>\n"
        }
        batch +=
            "<case id=\"M-51\" agency=\"WH-SJJ\" type=\"penalty\"><party kind=\"individual\" name=\"甲\"/><events><event kind=\"filed\" date=\"2024-13-01\"/></events></case>\n</cases>\n"
        let file = try folder.write("batch.xml", batch)
        #expect { try store.importFile(file, actor: "test") } throws: { error in
            (error as? CaseXMLError)?.diagnostics.first?.line == 53
        }
        #expect(try store.snapshot() == before)
    }

    @Test(arguments: Backend.allCases)
    func refusesACaseOfAnUnknownAgencyButKeepsUnknownOfficersForTheAudit(_ backend: Backend) throws {
        let store = try backend.storeWithSampleRegistry()
        let before = try store.snapshot()
        let folder = try TemporaryFolder()
        let unknownAgency = try folder.write("a.xml", caseDocument(agency: "NO-SUCH"))
        #expect { try store.importFile(unknownAgency, actor: "test") } throws: { error in
            "\(error)".contains("a.xml 第2行：案件 T-1 的执法主体 NO-SUCH 不在已导入的名录中")
        }
        #expect(try store.snapshot() == before)
        let unknownPeople = try folder.write(
            "b.xml",
            caseDocument(
                body: """
                    <matter item="NO-ITEM">x</matter>
                    <events><event kind="inspection" date="2024-03-01" officers="X-1 X-2"/>
                    <event kind="legal-review" date="2024-03-02" reviewer="X-9" result="approved"/></events>
                    """))
        let counts = try store.importFile(unknownPeople, actor: "test")
        #expect(counts.newCases == 1)
        let stored = try #require(try store.loadCase(id: "T-1"))
        #expect(stored.events[0].officers == ["X-1", "X-2"])
        #expect(stored.events[1].reviewer == "X-9")
        #expect(stored.matter?.item == "NO-ITEM")
        // Stored, but each unknown name is a warning on its own line.
        #expect(counts.warnings.map(\.line) == [5, 5, 6, 2], "\(counts.warnings)")
        #expect(counts.warnings[0].message.hasPrefix("案件 T-1 事件“现场检查”的执法人员 X-1 不在已导入的名录中"))
        #expect(counts.warnings[2].message.hasPrefix("案件 T-1 事件“法制审核”的审核人员 X-9 不在已导入的名录中"))
        #expect(counts.warnings[3].message.hasPrefix("案件 T-1 的裁量基准事项 NO-ITEM 无从核对：该执法主体已导入的裁量基准中没有这一事项"))
        // Officers the registry holds and no benchmark item: nothing to warn of.
        let known = try folder.write(
            "c.xml",
            caseDocument(
                id: "T-2",
                body: """
                    <events><event kind="inspection" date="2024-03-01" officers="O-1001 O-1002"/></events>
                    """))
        let knownCounts = try store.importFile(known, actor: "test")
        #expect(knownCounts.newCases == 1 && knownCounts.warnings.isEmpty, "\(knownCounts.warnings)")
    }

    @Test(arguments: Backend.allCases)
    func theOtherFilesOfTheCommandStillImportAndEveryFailureIsListed(_ backend: Backend) throws {
        let store = try backend.storeWithSampleRegistry()
        let folder = try TemporaryFolder()
        try folder.write("1-good.xml", caseDocument(id: "G-1"))
        try folder.write("2-bad.xml", caseDocument(id: "B-1", type: "nonsense"))
        try folder.write("3-good.xml", caseDocument(id: "G-2"))
        try folder.write("4-broken.xml", "<case")
        try folder.write("media/evidence.mp4", "not xml, not imported")
        let report = store.importPaths([folder.url.path, folder.url.appendingPathComponent("missing.xml").path], actor: "test")
        #expect(report.files.count == 5)
        #expect(report.failures.count == 3)
        #expect(report.totals.newCases == 2)
        #expect(try store.caseCount() == 2)
        #expect(report.failures.allSatisfy { if case .failed(let d) = $0.outcome { !d.isEmpty } else { false } })
    }

    @Test(arguments: Backend.allCases)
    func reimportReplacesAndKeepsTheEarlierVersion(_ backend: Backend) throws {
        let store = try backend.storeWithSampleRegistry()
        let folder = try TemporaryFolder()
        let file = try folder.write("c.xml", caseDocument(id: "R-1", body: "<matter>第一版</matter>"))
        #expect(try store.importFile(file, actor: "test").newCases == 1)
        #expect(try store.importFile(file, actor: "test").unchangedCases == 1)
        try folder.write("c.xml", caseDocument(id: "R-1", body: "<matter>第二版</matter>"))
        #expect(try store.importFile(file, actor: "test").replacedCases == 1)
        try folder.write("c.xml", caseDocument(id: "R-1", body: "<matter>第三版</matter>"))
        #expect(try store.importFile(file, actor: "test").replacedCases == 1)
        #expect(try store.caseCount() == 1)
        #expect(try store.loadCase(id: "R-1")?.matter?.text == "第三版")
        let history = try store.history(caseId: "R-1")
        #expect(history.map(\.version) == [1, 2])
        #expect(history[0].xml.contains("第一版"))
        #expect(history[1].xml.contains("第二版"))
        #expect(try store.caseSummaries().first?.version == 3)
        #expect(try store.journal().filter { $0.subject == "R-1" }.map(\.action) == ["case.import", "case.replace", "case.replace"])
    }
}

extension Registry {
    /// The order the store lists people and agencies in.
    func sortedForStore() -> Registry {
        Registry(agencies: agencies.sorted { $0.code < $1.code }, officers: officers.sorted { $0.id < $1.id })
    }
}

@Suite struct RegistryImportTests {
    @Test(arguments: Backend.allCases)
    func refusesAPersonOfAnUnknownAgencyWithTheLineAndStoresNothingOfTheFile(_ backend: Backend) throws {
        let store = try backend.emptyStore()
        let folder = try TemporaryFolder()
        let file = try folder.write(
            "registry.xml",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <registry xmlns="urn:zhifa:registry:1">
              <agency code="A" name="甲局"/>
              <officer id="P-1" name="甲" agency="A" role="officer"/>
              <officer id="P-2" name="乙" agency="NOWHERE" role="officer"/>
            </registry>
            """)
        #expect { try store.importFile(file, actor: "test") } throws: { error in
            "\(error)".contains("registry.xml 第5行：人员 P-2 所属的执法主体 NOWHERE")
        }
        #expect(try store.registry().agencies.isEmpty)
    }

    @Test(arguments: Backend.allCases)
    func takesAgenciesWrittenAfterTheirPeople(_ backend: Backend) throws {
        let store = try backend.emptyStore()
        let folder = try TemporaryFolder()
        let file = try folder.write(
            "registry.xml",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <registry xmlns="urn:zhifa:registry:1">
              <officer id="P-1" name="甲" agency="A" role="officer reviewer" legal-qualification="A1"/>
              <agency code="A" name="甲局"/>
            </registry>
            """)
        #expect(try store.importFile(file, actor: "test").officers == 1)
        #expect(try store.registry().officers.first?.roles == [.officer, .reviewer])
    }
}
