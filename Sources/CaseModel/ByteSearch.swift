import Foundation

/// Whether bytes hold a run of bytes, at the speed of the C library: the first byte found by
/// `memchr`, the rest compared by `memcmp` (Glibc hides `memmem`). Foundation's generic
/// `firstRange(of:)` compares byte by byte through its protocols.
public enum ByteSearch {
    /// True when `needle` occurs in `haystack`; an empty needle occurs everywhere.
    public static func contains(_ needle: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer) -> Bool {
        firstOffset(of: needle, in: haystack) != nil
    }

    /// Where `needle` first occurs in `haystack`; nil when nowhere (0 for an empty needle).
    public static func firstOffset(of needle: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer) -> Int? {
        guard let word = needle.baseAddress, let first = needle.first else { return 0 }
        guard let base = haystack.baseAddress, haystack.count >= needle.count else { return nil }
        var offset = 0
        let last = haystack.count - needle.count
        while offset <= last {
            guard let hit = memchr(base + offset, Int32(first), last - offset + 1) else { return nil }
            let at = base.distance(to: UnsafeRawPointer(hit))
            if memcmp(base + at, word, needle.count) == 0 { return at }
            offset = at + 1
        }
        return nil
    }

    /// Where `needle` last occurs in `haystack`, searched from the end: for what lies near it.
    public static func lastIndex(of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        guard let first = needle.first else { return haystack.count }
        var at = haystack.count - needle.count
        while at >= 0 {
            if haystack[at] == first, haystack[at..<at + needle.count].elementsEqual(needle) { return at }
            at -= 1
        }
        return nil
    }

    /// True when the UTF-8 of `needle` occurs in `data`.
    public static func contains(_ needle: String, in data: Data) -> Bool {
        var needle = needle
        return needle.withUTF8 { word in data.withUnsafeBytes { contains(UnsafeRawBufferPointer(word), in: $0) } }
    }
}

extension String {
    /// Whether the UTF-8 bytes of `needle` occur in this string (`ByteSearch`). Foundation's
    /// `contains` on Linux goes through CoreFoundation's locale-aware search, far slower on a run's
    /// JSON.
    public func containsBytes(_ needle: String) -> Bool {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { text in
            needle.withUTF8 { word in ByteSearch.contains(UnsafeRawBufferPointer(word), in: UnsafeRawBufferPointer(text)) }
        }
    }
}
