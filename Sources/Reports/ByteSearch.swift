#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension String {
    /// Whether the UTF-8 bytes of `needle` occur in this string. A plain byte search: Foundation's
    /// `contains` on Linux goes through locale-aware CoreFoundation search, far slower on large JSON.
    public func containsBytes(_ needle: String) -> Bool {
        var haystack = self
        var pattern = needle
        return haystack.withUTF8 { h in
            pattern.withUTF8 { n in
                guard let first = n.first, let nBase = n.baseAddress else { return true }
                guard let hBase = h.baseAddress, h.count >= n.count else { return false }
                var offset = 0
                let last = h.count - n.count
                while offset <= last {
                    guard let hit = memchr(hBase + offset, Int32(first), last - offset + 1) else { return false }
                    let position = hBase.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(hBase + position, nBase, n.count) == 0 { return true }
                    offset = position + 1
                }
                return false
            }
        }
    }
}
