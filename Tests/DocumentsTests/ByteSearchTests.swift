import CaseModel
import Foundation
import Testing

/// `ByteSearch`, which tells a package's kind by the names in its directory and finds a word in a
/// document's text: found wherever it lies, never past the end, and not from a part of it.
@Suite struct ByteSearchTests {
    private func contains(_ needle: String, _ haystack: String) -> Bool {
        ByteSearch.contains(needle, in: Data(haystack.utf8))
    }

    @Test func aRunIsFoundAtTheStartInTheMiddleAndAtTheEnd() {
        #expect(contains("OFD.xml", "OFD.xml……"))
        #expect(contains("OFD.xml", "PK\u{3}\u{4}OFD.xmlPK"))
        #expect(contains("OFD.xml", "PK\u{3}\u{4}OFD.xml"))
        #expect(contains("决定书", "行政处罚决定书"))
    }

    @Test func aRunAbsentOrCutByTheEndIsNotFound() {
        #expect(!contains("OFD.xml", "PK\u{3}\u{4}OFD.xm"), "cut by the end")
        #expect(!contains("OFD.xml", "OFD.xmI OFD.xm"))
        #expect(!contains("word/document.xml", "word/documents"))
        #expect(!contains("aab", "aaaaaaa"), "the first byte found again and again")
        #expect(contains("aab", "aaaaaab"))
        #expect(!contains("OFD.xml", ""))
        #expect(!contains("OFD.xml", "OFD"), "longer than what is searched")
    }

    @Test func anEmptyRunIsEverywhere() {
        #expect(contains("", ""))
        #expect(contains("", "PK"))
    }

    /// A run's JSON searched for a status, as the JSON report does before decoding a result.
    @Test func aStringsBytesAreSearchedAlike() {
        let json = #"{"findings":[{"rule":"X","status":"pass"}],"grade":"优秀"}"#
        #expect(json.containsBytes(#""status":"pass""#))
        #expect(!json.containsBytes(#""status":"not-applicable""#))
        #expect(json.containsBytes("优秀") && !json.containsBytes("不合格"))
        #expect("".containsBytes("") && !"".containsBytes("a"))
    }
}
