/// What a published 双公示 list (as downloaded from the credit platform, or kept by the agency)
/// says of one decision: where and when it was published. Not part of the interchange format: the
/// store attaches it to the case whose agency and 决定文号 the list's row names.
public struct Publication: Hashable, Sendable, Codable {
    /// The list's file as imported, and the row of it.
    public var source: String
    public var row: Int
    /// The day the platform published the row, when the list says.
    public var publishedDate: CalendarDate?
    public var url: String?

    public init(source: String, row: Int, publishedDate: CalendarDate? = nil, url: String? = nil) {
        self.source = source
        self.row = row
        self.publishedDate = publishedDate
        self.url = url
    }
}

extension EnforcementCase {
    /// The day a published list says the platform published the decision (the earliest, when
    /// several rows hold it); nil when no list does.
    public var publishedDate: CalendarDate? { publications.compactMap(\.publishedDate).min() }

    /// The case with its disclosure dated as published: where a published list gives the day the
    /// platform published the decision, the audit judges by that day, not the one the file
    /// records. The one home of that choice.
    public var asPublished: EnforcementCase {
        guard let published = publishedDate, disclosure?.exempt == nil else { return self }
        var c = self
        var disclosure = c.disclosure ?? Disclosure()
        disclosure.date = published
        if disclosure.url == nil { disclosure.url = publications.first { $0.publishedDate == published }?.url }
        c.disclosure = disclosure
        return c
    }
}

/// The decisions a published list covers: those of its agencies and kind decided within its
/// period (the earliest to the latest decision it lists). A case inside it that the list does not
/// hold was not published there.
public struct PublishedCoverage: Hashable, Sendable, Codable {
    public var type: CaseType
    public var agencies: Set<String>
    public var from: CalendarDate
    public var to: CalendarDate
    public var source: String

    public init(type: CaseType, agencies: Set<String>, from: CalendarDate, to: CalendarDate, source: String) {
        self.type = type
        self.agencies = agencies
        self.from = from
        self.to = to
        self.source = source
    }

    public func covers(_ c: EnforcementCase) -> Bool {
        guard c.type == type, agencies.contains(c.agency), let date = c.decision?.date else { return false }
        return from <= date && date <= to
    }
}

/// 决定文号 as compared: people write the year's brackets as 〔〕, [], ［］, 【】 or （）, in full-width
/// or half-width digits, with stray spaces; `芜城管罚〔2025〕101号` and `芜城管罚[2025]101号` are one.
public enum DecisionNumber {
    public static func key(_ number: String) -> String { String(decoding: keyUTF8(number), as: UTF8.self) }

    /// `key` as UTF-8, built byte by byte: appending to a string one scalar at a time cost more
    /// than the rest of `DOC-AGREE`, which keys a whole 决定书.
    public static func keyUTF8(_ number: String) -> [UInt8] { keyUTF8(of: number.unicodeScalars) }

    /// `key` as UTF-8 of text held as scalars already (a 决定书's, `CaseDocument`).
    public static func keyUTF8(_ scalars: [Unicode.Scalar]) -> [UInt8] { keyUTF8(of: scalars) }

    /// One body for both, specialized here for each: a generic call across modules is not.
    private static func keyUTF8(of number: some Collection<Unicode.Scalar>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(number.underestimatedCount)
        for scalar in number {
            switch scalar {
            case "[", "［", "【", "(", "（", "〔": out.append(contentsOf: [0xE3, 0x80, 0x94])  // 〔
            case "]", "］", "】", ")", "）", "〕": out.append(contentsOf: [0xE3, 0x80, 0x95])  // 〕
            case "０"..."９": out.append(UInt8(scalar.value - 0xFF10 + 0x30))
            default:
                if !isWhiteSpace(scalar) { UTF8.encode(scalar) { out.append($0) } }
            }
        }
        return out
    }

    /// Unicode's White_Space property, whose list is closed: what `properties.isWhitespace` answers
    /// by a look-up in the runtime's tables for every scalar, which cost more than the rest of
    /// keying a whole 决定书's text (`DOC-AGREE`) together.
    static func isWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}
