import CaseModel
import Foundation

/// A document of the case whose text was read on import: the 决定书 on the decision, the 告知书 on
/// the notice. The rules read it compacted: without white space and with full-width digits and
/// letters made plain, since a PDF's or a scan's text breaks lines and spaces characters anywhere.
/// Made once per audit of a case (`AuditContext`), searched as bytes and scanned as scalars, so
/// that the document rules cost microseconds, not the milliseconds of `String`'s searches.
public struct CaseDocument: Sendable {
    public var record: Record
    public var event: Event
    public var text: DocumentText
    /// The compacted text as Unicode scalars, which the numbers, dates and clauses are scanned in.
    let scalars: [Unicode.Scalar]
    /// The compacted text as UTF-8, which words are looked for in (`memmem`).
    private let bytes: [UInt8]

    init(record: Record, event: Event, text: DocumentText) {
        self.record = record
        self.event = event
        self.text = text
        // Both forms in one pass over the text: a case's documents are made for every audit of it.
        var scalars: [Unicode.Scalar] = []
        var bytes: [UInt8] = []
        scalars.reserveCapacity(text.text.utf8.count / 2)
        bytes.reserveCapacity(text.text.utf8.count)
        Self.compacting(text.text) { scalar in
            scalars.append(scalar)
            UTF8.encode(scalar) { bytes.append($0) }
        }
        self.scalars = scalars
        self.bytes = bytes
    }

    /// How a finding names the document: `行政处罚决定书（decision.docx）`.
    public var name: String { "\(record.title)（\(record.file ?? "")）" }

    /// Whether the text holds any of `words` (as compacted).
    public func mentions(_ words: String...) -> Bool { words.contains { has($0) } }

    /// Whether the compact text holds `word` (white space in `word` is ignored, as in the text).
    public func has(_ word: String) -> Bool {
        if Self.isCompact(word), let found = word.utf8.withContiguousStorageIfAvailable({ Self.find($0, in: bytes[...]) }) {
            return found
        }
        return Self.find(Array(Self.compacted(word).utf8), in: bytes[...])
    }

    /// Whether compacting leaves `word` as it is: the rules write their words so, and those are
    /// looked for as they are, with nothing made.
    static func isCompact(_ word: String) -> Bool { !word.unicodeScalars.contains(where: isLoose) }

    /// A scalar that compacting drops or changes (`compactScalars`).
    static func isLoose(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x3000, 0xA0, 0x2000...0x200B, 0x2028, 0x2029, 0xFEFF, fullWidthASCII: true
        default: false
        }
    }

    /// Full-width forms of ASCII's printable characters (！ to ～).
    private static let fullWidthASCII: ClosedRange<UInt32> = 0xFF01...0xFF5E

    /// The document's close (落款): what follows its last mention of 行政诉讼, or its last 120 characters.
    public var closing: [Unicode.Scalar] {
        if let last = Self.range(of: "行政诉讼", in: scalars[...], backwards: true) { return Array(scalars[last.upperBound...]) }
        return Array(scalars.suffix(120))
    }

    /// Where `word` (compacted) stands in `s`: its first place, or its last when `backwards`.
    static func range(of word: String, in s: ArraySlice<Unicode.Scalar>, backwards: Bool = false) -> Range<Int>? {
        isCompact(word)
            ? range(ofScalars: word.unicodeScalars, in: s, backwards: backwards)
            : range(ofScalars: compactScalars(word), in: s, backwards: backwards)
    }

    private static func range(
        ofScalars w: some Collection<Unicode.Scalar>, in s: ArraySlice<Unicode.Scalar>, backwards: Bool
    ) -> Range<Int>? {
        let count = w.count
        guard let first = w.first, s.count >= count else { return count == 0 ? s.startIndex..<s.startIndex : nil }
        let starts = s.startIndex...(s.endIndex - count)
        let hit = { (at: Int) in s[at] == first && s[at..<(at + count)].elementsEqual(w) }
        guard let at = backwards ? starts.reversed().first(where: hit) : starts.first(where: hit) else { return nil }
        return at..<(at + count)
    }

    /// Whether `s` holds `word` (compacted).
    static func contains(_ s: ArraySlice<Unicode.Scalar>, _ word: String) -> Bool { range(of: word, in: s) != nil }

    static func contains(_ s: [Unicode.Scalar], _ word: String) -> Bool { range(of: word, in: s[...]) != nil }

    static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Bool {
        needle.withUnsafeBufferPointer { find($0, in: haystack) }
    }

    static func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: ArraySlice<UInt8>) -> Bool {
        haystack.withUnsafeBytes { ByteSearch.contains(UnsafeRawBufferPointer(needle), in: $0) }
    }

    /// Text with white space removed and full-width ASCII (０-９, Ａ-Ｚ, （）…) made half-width; the
    /// Chinese brackets of a 文号 (〔〕) are kept as written.
    public static func compacted(_ text: String) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: compactScalars(text))
        return String(view)
    }

    static func compactScalars(_ text: String) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(text.utf8.count / 2)
        compacting(text) { result.append($0) }
        return result
    }

    /// `body` for each scalar of `text` compacted, in order.
    private static func compacting(_ text: String, _ body: (Unicode.Scalar) -> Void) {
        for scalar in text.unicodeScalars {
            guard isLoose(scalar) else {
                body(scalar)
                continue
            }
            // Full-width ASCII made half-width; white space dropped.
            if let plain = fullWidthASCII.contains(scalar.value) ? Unicode.Scalar(scalar.value - 0xFEE0) : nil { body(plain) }
        }
    }

    /// What a document rule answers when the document gave no text: never a pass.
    var unreadVerdict: Verdict? {
        switch text.status {
        case .read:
            return scalars.isEmpty ? .manual("\(name)未读出文字，须人工核对") : nil
        case .unreadable, .unrecognized:
            return .manual("\(name)\(text.status.chineseName)：\(text.reason ?? "")，须人工核对")
        }
    }

    /// The 行政处罚决定书 (or other decision document) attached to the case's decision, when read.
    static func decision(of c: EnforcementCase) -> CaseDocument? {
        guard let decision = c.decision else { return nil }
        return document(on: decision, titled: "决定书")
    }

    /// The 告知书 attached to the last notice on or before the decision, when read.
    static func notice(of c: EnforcementCase) -> CaseDocument? {
        let decided = c.decision?.date
        let events = c.events
        for index in events.indices.reversed() where events[index].kind == .notice && (decided == nil || events[index].date <= decided!) {
            if let document = document(on: events[index], titled: "告知书") { return document }
        }
        return nil
    }

    /// The first text record of `event` with read text whose title has `word`; or the only text
    /// record with read text, whatever its title.
    static func document(on event: Event, titled word: String) -> CaseDocument? {
        guard event.records.contains(where: { $0.document != nil }) else { return nil }
        let read = event.records.filter { $0.kind == .text && $0.document != nil }
        guard let record = read.first(where: { $0.title.contains(word) }) ?? (read.count == 1 ? read[0] : nil),
            let text = record.document
        else { return nil }
        return CaseDocument(record: record, event: event, text: text)
    }
}
