import Crypto
import Foundation

/// Lower-case hexadecimal of bytes (digests), without the cost of `String(format:)` per byte.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func string<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var characters: [UInt8] = []
        characters.reserveCapacity(64)
        for byte in bytes {
            characters.append(digits[Int(byte >> 4)])
            characters.append(digits[Int(byte & 15)])
        }
        return String(decoding: characters, as: UTF8.self)
    }
}

extension Hex {
    /// The SHA-256 of some bytes, in lower-case hexadecimal: the one way the project writes a digest.
    public static func sha256<Bytes: DataProtocol>(_ bytes: Bytes) -> String {
        string(SHA256.hash(data: bytes))
    }

    /// The SHA-256 of a text's UTF-8 bytes.
    public static func sha256(_ text: String) -> String {
        sha256(Array(text.utf8))
    }
}
