/// What every result judged under one checklist holds alike, as the exact JSON text the audit
/// writes for it: the categories' names and points, and the manual items' findings while no
/// reviewer has scored them (待评查人员评分). Three quarters of a typical result's JSON; a stored
/// result leaves them out (`StoredAuditText`) and is made whole again when it is read.
public struct ResultTemplate: Codable, Sendable, Equatable {
    /// Each category's text after its deduction, in the checklist's order: `,"name":"执法主体","points":10}`.
    public var categoryTails: [String]
    /// The open manual items' findings, comma-separated, in the checklist's order.
    public var openManual: String

    public init(categoryTails: [String], openManual: String) {
        self.categoryTails = categoryTails
        self.openManual = openManual
    }
}

/// The stored form of a result's JSON. A result whose categories are the checklist's and whose
/// findings end with its open manual items is stored as a header naming its template, then the
/// JSON with each category reduced to its deduction (`"categories":[0,0,5,5,0,0]`) and without
/// those findings: `#` + the template's key + `:` + `c` and/or `m` + `{…}`. Any other text (a case
/// that could not be read, results stored before templates) is the whole JSON, which starts
/// with `{`. Expanding gives back, byte for byte, what `AuditJSON.encode` writes.
public enum StoredAuditText {
    /// The headers of the results stored under template `key`, made once for a run.
    public struct Headers: Sendable {
        private let categories: String
        private let manual: String
        private let both: String

        public init(key: String) {
            categories = "#" + key + ":c"
            manual = "#" + key + ":m"
            both = "#" + key + ":cm"
        }

        /// The header of a result that leaves out its categories' names, its open manual items, or
        /// both; nil when it leaves out nothing (stored whole, with no header).
        public func header(categories leavesCategories: Bool, manual leavesManual: Bool) -> String? {
            switch (leavesCategories, leavesManual) {
            case (true, true): both
            case (true, false): categories
            case (false, true): manual
            case (false, false): nil
            }
        }
    }

    /// The template key a stored text names; nil for whole JSON.
    public static func key(of text: String) -> Substring? {
        guard text.utf8.first == UInt8(ascii: "#") else { return nil }
        let body = text.utf8.dropFirst()
        guard let end = body.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        return Substring(text[body.startIndex..<end])
    }

    private static let categoriesKey = Array(#""categories":["#.utf8)
    private static let findingsEndKey = Array(#"],"grade":"#.utf8)
    private static let deductedKey = Array(#"{"deducted":"#.utf8)

    /// Why a stored text cannot be expanded.
    public struct Malformed: Error, Equatable {
        public let reason: String
    }

    /// The whole JSON of a stored text; `template` is the one its key names (unused for whole JSON).
    /// Reports expand every result of a run: the text is read in place and written once.
    public static func expand(_ text: String, with template: ResultTemplate?) throws(Malformed) -> String {
        guard text.utf8.first == UInt8(ascii: "#") else { return text }
        guard let template else { throw Malformed(reason: "未知的评查结果模板") }
        var text = text
        let expanded = text.withUTF8 { bytes -> Result<[UInt8], Malformed> in
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), let open = bytes[colon...].firstIndex(of: UInt8(ascii: "{")) else {
                return .failure(Malformed(reason: "评查结果缺少正文"))
            }
            let flags = bytes[colon..<open]
            let body = UnsafeBufferPointer(rebasing: bytes[open...])
            // Where the deductions lie, and where the findings end.
            var categories = 0..<0
            if flags.contains(UInt8(ascii: "c")) {
                let key = categoriesKey
                guard let start = key.withUnsafeBytes({ ByteSearch.firstOffset(of: $0, in: UnsafeRawBufferPointer(body)) }).map({ $0 + key.count }),
                    let close = body[start...].firstIndex(of: UInt8(ascii: "]"))
                else { return .failure(Malformed(reason: "评查结果缺少评分类别")) }
                categories = start..<close
            }
            var findingsEnd = categories.upperBound
            if flags.contains(UInt8(ascii: "m")) {
                // The findings end where the last `],"grade":` begins: no string holds an unescaped quote.
                guard let end = ByteSearch.lastIndex(of: findingsEndKey, in: body), end >= categories.upperBound else {
                    return .failure(Malformed(reason: "评查结果缺少发现项"))
                }
                findingsEnd = end
            }
            var out: [UInt8] = []
            out.reserveCapacity(body.count + template.openManual.utf8.count + template.categoryTails.reduce(0) { $0 + $1.utf8.count + 16 })
            out += body[..<categories.lowerBound]
            if flags.contains(UInt8(ascii: "c")) {
                // Each deduction up to the next comma, each followed by its category's tail.
                var next = categories.lowerBound
                for (index, tail) in template.categoryTails.enumerated() {
                    guard next <= categories.upperBound else { return .failure(Malformed(reason: "评查结果的评分类别与模板不符")) }
                    let end = body[next..<categories.upperBound].firstIndex(of: UInt8(ascii: ",")) ?? categories.upperBound
                    guard next < end else { return .failure(Malformed(reason: "评查结果的评分类别与模板不符")) }
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    out += deductedKey
                    out += body[next..<end]
                    out += tail.utf8
                    next = end + 1
                }
                // Every deduction taken: none left over for a category the template lacks.
                guard next >= categories.upperBound else { return .failure(Malformed(reason: "评查结果的评分类别与模板不符")) }
            }
            out += body[categories.upperBound..<findingsEnd]
            if flags.contains(UInt8(ascii: "m")) {
                if findingsEnd > 0, body[findingsEnd - 1] != UInt8(ascii: "[") { out.append(UInt8(ascii: ",")) }
                out += template.openManual.utf8
            }
            out += body[findingsEnd...]
            return .success(out)
        }
        return String(decoding: try expanded.get(), as: UTF8.self)
    }
}
