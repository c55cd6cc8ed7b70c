/// An amount of money in fen (分), so that sums and comparisons are exact.
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var fen: Int64

    public init(fen: Int64) { self.fen = fen }

    public init(yuan: Int64) {
        let (fen, overflow) = yuan.multipliedReportingOverflow(by: 100)
        self.fen = overflow ? (yuan < 0 ? .min : .max) : fen
    }

    /// Parses yuan with at most two decimals (`60000`, `12.5`, `0.05`); nil otherwise.
    public init?(yuanText text: some StringProtocol) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.count <= 15,
            whole.allSatisfy(\.isASCIIDigit), let yuan = Int64(whole)
        else { return nil }
        var fen = yuan * 100
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.allSatisfy(\.isASCIIDigit) else { return nil }
            fen += Int64(fraction)! * (fraction.count == 1 ? 10 : 1)
        }
        self.fen = fen
    }

    /// Yuan as written in the interchange format: no trailing zeros (`60000`, `12.5`).
    public var yuanText: String { text(grouped: false) }

    /// For people: thousands separated, as officials write amounts (`800,000元`, `1,234.5元`).
    public var description: String { groupedText + "元" }

    /// `800,000`, `1,234.5`: the yuan text with thousands separators.
    public var groupedText: String { text(grouped: true) }

    /// Digits from the last, a separator before every third when `grouped`: rules write amounts
    /// into their messages case after case, so this makes one string, not one at every step.
    private func text(grouped: Bool) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        if cents != 0 {
            if cents % 10 != 0 { bytes.append(UInt8(ascii: "0") + UInt8(cents % 10)) }
            bytes.append(UInt8(ascii: "0") + UInt8(cents / 10))
            bytes.append(UInt8(ascii: "."))
        }
        var whole = magnitude / 100
        var digits = 0
        repeat {
            if grouped, digits > 0, digits % 3 == 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "0") + UInt8(whole % 10))
            whole /= 10
            digits += 1
        } while whole > 0
        if fen < 0 { bytes.append(UInt8(ascii: "-")) }
        return String(decoding: bytes.reversed(), as: UTF8.self)
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.fen < rhs.fen }
    /// Saturates instead of trapping: the XSD bounds every amount to under 10^12 yuan, so only a
    /// row written by hand could come near, and an audit must survive that row.
    public static func + (lhs: Money, rhs: Money) -> Money {
        let (sum, overflow) = lhs.fen.addingReportingOverflow(rhs.fen)
        return Money(fen: overflow ? (rhs.fen > 0 ? .max : .min) : sum)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.fen = try container.decode(Int64.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(fen)
    }
}

/// A multiple of a base amount (`min-multiple="1.5"`), exact to four decimals.
public struct Multiple: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var tenThousandths: Int64

    public init(tenThousandths: Int64) { self.tenThousandths = tenThousandths }

    public init?(text: some StringProtocol) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.count <= 9,
            whole.allSatisfy(\.isASCIIDigit), let value = Int64(whole)
        else { return nil }
        var scaled = value * 10_000
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...4).contains(fraction.count), fraction.allSatisfy(\.isASCIIDigit) else { return nil }
            scaled += Int64(fraction + String(repeating: "0", count: 4 - fraction.count))!
        }
        self.tenThousandths = scaled
    }

    /// The amount this multiple makes of a base, rounded down to the fen.
    /// Saturates at the largest amount instead of overflowing, like `Money.+`.
    public func of(_ base: Money) -> Money {
        let (product, overflow) = base.fen.multipliedReportingOverflow(by: tenThousandths)
        guard overflow else { return Money(fen: product / 10_000) }
        return Money(fen: (base.fen < 0) != (tenThousandths < 0) ? .min : .max)
    }

    public var description: String {
        let whole = tenThousandths / 10_000
        var fraction = String(tenThousandths % 10_000)
        guard fraction != "0" else { return String(whole) }
        fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction)"
    }

    public static func < (lhs: Multiple, rhs: Multiple) -> Bool { lhs.tenThousandths < rhs.tenThousandths }

    public init(from decoder: Decoder) throws {
        self.tenThousandths = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(tenThousandths)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
