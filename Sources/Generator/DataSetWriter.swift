import CaseModel
import CaseXML
import Foundation
import WorkCalendar

/// Writes a synthetic data set in the interchange format: a registry, each agency's benchmarks, and
/// `<cases>` files of at most `casesPerFile` cases. The same seed gives the same files.
public struct DataSetWriter: Sendable {
    public var cases: Int
    public var seed: UInt64
    public var agencies: Int
    public var casesPerFile = 10_000
    /// Share of cases that carry one planted defect.
    public var defectRate = 0.12
    /// Share of decided general-procedure fines written with their 告知书 and 决定书 as files.
    public var documentRate = 0.1

    public init(cases: Int, seed: UInt64, agencies: Int = 12) {
        self.cases = cases
        self.seed = seed
        self.agencies = agencies
    }

    public struct Summary: Sendable {
        public var files: [URL]
        public var cases: Int
        public var defects: [Defect: Int]
    }

    public func write(to folder: URL, calendar: WorkingDayCalendar) throws -> Summary {
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: folder.appendingPathComponent("benchmarks"), withIntermediateDirectories: true)
        try fileManager.createDirectory(at: folder.appendingPathComponent("cases"), withIntermediateDirectories: true)
        let synthetic = SyntheticAgencies(agencyCount: agencies)
        var files: [URL] = []
        let registry = folder.appendingPathComponent("registry.xml")
        try RegistryXMLWriter.document(synthetic.registry).write(to: registry, atomically: true, encoding: .utf8)
        files.append(registry)
        for set in synthetic.benchmarks {
            let url = folder.appendingPathComponent("benchmarks/\(set.agency).xml")
            try RegistryXMLWriter.document(set).write(to: url, atomically: true, encoding: .utf8)
            files.append(url)
        }
        var factory = CaseFactory(agencies: synthetic, calendar: calendar)
        factory.defectRate = defectRate
        factory.documentRate = documentRate
        var rng = SeededGenerator(seed: seed)
        var defects: [Defect: Int] = [:]
        var written = 0
        var fileNumber = 0
        var documentFolder: URL?
        while written < cases {
            fileNumber += 1
            let url = folder.appendingPathComponent(String(format: "cases/cases-%04d.xml", fileNumber))
            try Data().write(to: url)
            let handle = try FileHandle(forWritingTo: url)
            var buffer = Data(CaseXMLWriter.casesDocumentStart.utf8)
            let end = min(cases, written + casesPerFile)
            while written < end {
                let (c, defect, documents) = factory.makeWithDocuments(written, using: &rng)
                if let defect { defects[defect, default: 0] += 1 }
                for document in documents {
                    let url = folder.appendingPathComponent("cases").appendingPathComponent(document.path)
                    if documentFolder == nil {
                        documentFolder = url.deletingLastPathComponent()
                        try fileManager.createDirectory(at: documentFolder!, withIntermediateDirectories: true)
                    }
                    try document.data.write(to: url)
                }
                buffer.append(contentsOf: CaseXMLWriter.element(c).utf8)
                if buffer.count > 1 << 20 {
                    handle.write(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
                written += 1
            }
            buffer.append(contentsOf: CaseXMLWriter.casesDocumentEnd.utf8)
            handle.write(buffer)
            try handle.close()
            files.append(url)
        }
        return Summary(files: files, cases: written, defects: defects)
    }
}
