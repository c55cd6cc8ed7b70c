import Foundation

/// Where a document's bytes come from: a file the user named, or bytes already in memory (a web
/// upload, a case edited through a form). Either way the prolog is checked before libxml2 sees it.
public enum DocumentSource: Sendable {
    case file(URL)
    case memory(Data)

    /// The folder a file's relative record paths start from; nil for bytes in memory.
    var folder: URL? {
        if case .file(let url) = self { return url.deletingLastPathComponent() }
        return nil
    }
}

/// Refuses what the interchange format never needs and an attacker always wants: a DOCTYPE (internal
/// entities that expand a 100 KB file to gigabytes, external entities that read server files) and
/// encodings other than UTF-8, which the format prescribes.
///
/// The check reads the prolog's raw bytes, before libxml2 parses anything: libxml2's reader parses
/// the root start tag, entities and all, before it reports the DOCTYPE node.
enum PrologGuard {
    /// A prolog (declaration, comments, processing instructions) longer than this is refused.
    static let maxPrologBytes = 1 << 20

    enum Verdict: Equatable {
        case accepted
        case refused(String)
        /// The bytes end before the root element starts: read more.
        case needMore
    }

    /// Judges the document's first bytes; `complete` says there are no more.
    static func judge(_ bytes: UnsafeRawBufferPointer, complete: Bool) -> Verdict {
        let b = bytes.bindMemory(to: UInt8.self)
        var i = 0
        if b.count >= 2, (b[0] == 0xFE && b[1] == 0xFF) || (b[0] == 0xFF && b[1] == 0xFE) || b[0] == 0 || b[1] == 0 {
            return .refused("文件不是 UTF-8 编码（交换格式规定使用 UTF-8）")
        }
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
        func starts(_ text: String, at index: Int) -> Bool? {
            let pattern = Array(text.utf8)
            guard index + pattern.count <= b.count else { return nil }
            for (offset, byte) in pattern.enumerated() where b[index + offset] != byte { return false }
            return true
        }
        func skip(past terminator: String, from index: Int) -> Int? {
            let pattern = Array(terminator.utf8)
            var j = index
            while j + pattern.count <= b.count {
                if b[j] == pattern[0], starts(terminator, at: j) == true { return j + pattern.count }
                j += 1
            }
            return nil
        }
        while true {
            while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 }
            guard i < b.count else { return complete ? .accepted : .needMore }
            if i >= maxPrologBytes { return .refused("文件开头的声明和注释超过 1 MB") }
            guard b[i] == UInt8(ascii: "<") else { return .accepted }  // not XML: libxml2 says where
            guard let declaration = starts("<?", at: i), let comment = starts("<!--", at: i), let bang = starts("<!", at: i) else {
                return complete ? .accepted : .needMore
            }
            if declaration {
                guard let next = skip(past: "?>", from: i + 2) else { return complete ? .accepted : .needMore }
                i = next
            } else if comment {
                guard let next = skip(past: "-->", from: i + 4) else { return complete ? .accepted : .needMore }
                i = next
            } else if bang {
                return .refused("文件含有文档类型声明（DOCTYPE）；交换格式不使用 DTD，为防止实体扩展攻击不予读取")
            } else {
                return .accepted
            }
        }
    }

    /// Judges a file, reading its beginning in chunks; nil when it may be parsed.
    static func check(_ source: DocumentSource) -> String? {
        switch source {
        case .memory(let data):
            return data.withUnsafeBytes { verdict(judge($0, complete: true)) }
        case .file(let url):
            guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }  // the reader reports it
            defer { try? handle.close() }
            var head = Data()
            while head.count <= maxPrologBytes {
                let chunk = (try? handle.read(upToCount: 64 << 10)) ?? Data()
                head.append(chunk)
                let result = head.withUnsafeBytes { judge($0, complete: chunk.isEmpty) }
                if result != .needMore { return verdict(result) }
            }
            return "文件开头的声明和注释超过 1 MB"
        }
    }

    private static func verdict(_ verdict: Verdict) -> String? {
        if case .refused(let reason) = verdict { return reason }
        return nil
    }
}
