/// The random numbers of a campaign's draw (双随机), fixed by its seed: SplitMix64 (Steele, Lea and
/// Flood, 2014), written out here rather than taken from the standard library, whose generator and
/// shuffle may change between releases, so that anyone can draw the same sample again from the
/// stored seed, with this program or another that follows `docs/campaigns.md`.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// A generator of its own for one part of a draw (an agency's sample), so that adding or
    /// removing an agency leaves every other agency's sample as it was.
    public init(seed: UInt64, part: String) {
        state = seed ^ Self.fnv1a(part)
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`, without the bias of a remainder: draws at or above the largest
    /// multiple of `bound` are drawn again.
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        let limit = UInt64(bound)
        let ceiling = UInt64.max - UInt64.max % limit
        while true {
            let value = next()
            if value < ceiling { return Int(value % limit) }
        }
    }

    /// `items` in a random order: Fisher–Yates from the last position down, each swapped with one
    /// at or before it.
    public mutating func shuffled<T>(_ items: [T]) -> [T] {
        var items = items
        var index = items.count - 1
        while index > 0 {
            items.swapAt(index, below(index + 1))
            index -= 1
        }
        return items
    }

    /// 64-bit FNV-1a of the text's UTF-8 bytes.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
