/// Characters that make text deceive or break, found before anything is stored.
///
/// In an id, a code or a name, an invisible character makes two values look the same
/// (`WH-SJJ-2024-0001` and the same with a zero-width space), and a bidirectional override
/// (U+202E) makes a value read differently from what it is. A control character (NUL above all)
/// is cut or refused by the XML that carries every case, so a value holding one would be stored
/// other than it was given. One home for the rule: the XML decoder, the ledger reader, the web
/// forms and the accounts all ask here.
public enum TextSafety {
    /// Why `text` cannot be an id, a code or a name, naming the first offending character; nil when it can.
    public static func identifierProblem(_ text: String) -> String? {
        for scalar in text.unicodeScalars {
            if let kind = kind(of: scalar, inIdentifier: true) { return describe(scalar, kind) }
        }
        return nil
    }

    /// Why `text` cannot be stored as free text (facts, notes): control characters other than tab
    /// and line breaks; nil when it can.
    public static func textProblem(_ text: String) -> String? {
        for scalar in text.unicodeScalars {
            if let kind = kind(of: scalar, inIdentifier: false) { return describe(scalar, kind) }
        }
        return nil
    }

    /// The first string anywhere inside `value` (a case from a form or the JSON API) that holds a
    /// control character, with the path of fields that leads to it (`party.name`).
    public static func controlCharacter(in value: Any) -> (path: String, problem: String)? {
        func walk(_ value: Any, _ path: String, depth: Int) -> (String, String)? {
            guard depth < 12 else { return nil }
            if let text = value as? String { return textProblem(text).map { (path, $0) } }
            for child in Mirror(reflecting: value).children {
                let name = child.label.map { $0.hasPrefix("some") ? path : (path.isEmpty ? $0 : path + "." + $0) } ?? path
                if let found = walk(child.value, name, depth: depth + 1) { return found }
            }
            return nil
        }
        return walk(value, "", depth: 0)
    }

    private enum Kind {
        case control, bidirectional, zeroWidth, byteOrderMark, lineSeparator
    }

    private static func kind(of scalar: Unicode.Scalar, inIdentifier: Bool) -> Kind? {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return inIdentifier ? .control : nil
        case 0x00...0x1F, 0x7F...0x9F: return .control
        case 0xFFFE, 0xFFFF: return .control
        default: break
        }
        guard inIdentifier else { return nil }
        switch scalar.value {
        case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069: return .bidirectional
        case 0x200B...0x200D, 0x2060...0x2064, 0x180E, 0x00AD, 0x034F: return .zeroWidth
        case 0xFEFF: return .byteOrderMark
        case 0x2028, 0x2029: return .lineSeparator
        default: return nil
        }
    }

    private static func describe(_ scalar: Unicode.Scalar, _ kind: Kind) -> String {
        let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        switch kind {
        case .control: return "含有控制字符 \(code)（不可见，且会被截断或拒收），请删去"
        case .bidirectional: return "含有双向文本控制符 \(code)（会使文字的显示顺序与实际不同），请删去"
        case .zeroWidth: return "含有零宽字符 \(code)（看不见，会使两个不同的值看起来相同），请删去"
        case .byteOrderMark: return "含有字节顺序标记 \(code)（看不见的字符），请删去"
        case .lineSeparator: return "含有换行符 \(code)，请删去"
        }
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
