import CaseModel
import CaseXML
import Foundation
import Testing

@Suite struct EvidenceTests {
    @Test func checksEachNamedFileAgainstItsHashWithoutRefusingTheCase() throws {
        let folder = try TemporaryFolder()
        try folder.write("media/good.mp4", "video bytes")
        try folder.write("media/changed.mp4", "edited video bytes")
        let goodHash = try #require(EvidenceCheck.sha256Hex(ofRegularFile: folder.url.appendingPathComponent("media/good.mp4")))
        let file = try folder.write(
            "case.xml",
            caseDocument(
                body: """
                      <events><event kind="inspection" date="2024-03-01" officers="O-1 O-2">
                        <record kind="audio-video" title="好" file="media/good.mp4" sha256="\(goodHash.uppercased())"/>
                        <record kind="audio-video" title="改" file="media/changed.mp4" sha256="\(goodHash)"/>
                        <record kind="photo" title="无" file="media/gone.jpg" sha256="\(goodHash)"/>
                        <record kind="photo" title="未登记哈希" file="media/good.mp4"/>
                        <record kind="text" title="笔录"/>
                      </event></events>
                    """))
        var statuses: [Record.Evidence] = []
        try CaseFileReader().readCases(file) { c, _ in statuses = c.events[0].records.map(\.evidence) }
        #expect(statuses == [.ok, .mismatch, .missing, .unverified, .none])
    }
}
