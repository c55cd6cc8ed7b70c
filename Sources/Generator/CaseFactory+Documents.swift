import CaseModel
import CaseXML
import Foundation

/// A file a generated case names, by its path beside the case file.
public struct GeneratedFile: Sendable {
    public var path: String
    public var data: Data
}

extension CaseFactory {
    /// Writes the 告知书 and 决定书 of a share (`documentRate`) of decided general-procedure fines as
    /// text, DOCX or OFD files named by the notice's and decision's records with their hashes, the
    /// text attached as the importer would read it; a share (`defectRate`) of those without a defect
    /// get a document defect. Drawn from a generator of the case's own, so that the cases of a
    /// seed stay what they were before documents were written.
    func attachDocuments(_ c: inout EnforcementCase, defect: inout Defect?, index: Int, agency: Agency) -> [GeneratedFile] {
        // A case whose text records were taken away (`recordText`) keeps none.
        guard documentRate > 0, defect != .recordText, c.type == .penalty, c.procedure == .general, c.decision?.number != nil,
            c.outcome?.penalties.contains(where: { $0.amount != nil }) == true
        else { return [] }
        var rng = SeededGenerator(seed: UInt64(truncatingIfNeeded: index) &* 0x2545_F491_4F6C_DD1D ^ 0xD0C5_D0C5)
        guard rng.chance(documentRate) else { return [] }
        let format = rng.pick([DocumentText.Format.text, .docx, .ofd])
        var planted: Defect?
        if defect == nil, rng.chance(defectRate) {
            planted = rng.pick([Defect.documentElement, .documentTimeLimit, .documentAmount])
            defect = planted
        }
        let item = c.matter?.item.flatMap { code in agencies.benchmarks.lazy.flatMap(\.items).first { $0.code == code } }
        let documents = CaseDocuments(c: c, agency: agency, item: item)
        var files: [GeneratedFile] = []
        func attach(_ text: String?, title: String, on kind: EventKind, name: String) {
            guard let text, let position = c.events.lastIndex(where: { $0.kind == kind }),
                let data = try? DocumentFiles.data(text, as: format)
            else { return }
            let path = "documents/\(c.id)-\(name).\(DocumentFiles.pathExtension(format))"
            var record = Record(kind: .text, title: title, file: path, sha256: EvidenceCheck.sha256Hex(of: data), evidence: .ok)
            record.document = DocumentText(format: format, status: .read, text: text)
            c.events[position].records.append(record)
            files.append(GeneratedFile(path: path, data: data))
        }
        attach(documents.notice(), title: "行政处罚告知书", on: .notice, name: "notice")
        attach(documents.decision(defect: planted), title: "行政处罚决定书", on: .decision, name: "decision")
        return files
    }
}
