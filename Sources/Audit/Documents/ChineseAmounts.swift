import CaseModel

/// Sums of money written in a document: `20000元`, `20,000.00元`, `2万元`, `2.5万元`, `贰万元整`,
/// `人民币贰万元`, `一万二千五百元`, `壹仟伍佰元伍角`. Each is read back to fen, so that the figure in the
/// 决定书 is held against the case file's `Money` exactly.
public enum ChineseAmounts {
    /// Every amount the text writes before 元 (or 圆), in order.
    public static func amounts(in text: String) -> [Money] { amounts(in: CaseDocument.compactScalars(text)) }

    static func amounts(in s: [Unicode.Scalar]) -> [Money] {
        var found: [Money] = []
        for index in s.indices where s[index] == "元" || s[index] == "圆" {
            var start = index
            while start > 0, numeral(s[start - 1]) { start -= 1 }
            guard start < index, let yuan = value(s[start..<index]) else { continue }
            // 角 and 分 after the 元: `伍角`, `3角5分`.
            var fen = yuan.fen
            var at = index + 1
            for (unit, scale) in [("角" as Unicode.Scalar, Int64(10)), ("分", 1)] {
                guard at + 1 < s.count, let d = digit(s[at]), s[at + 1] == unit else { continue }
                fen += Int64(d) * scale
                at += 2
            }
            found.append(Money(fen: fen))
        }
        return found
    }

    /// A digit, Arabic or Chinese (小写 and 大写).
    static func digit(_ c: Unicode.Scalar) -> Int? {
        switch c {
        case "0"..."9": Int(c.value - 0x30)
        case "零", "〇": 0
        case "一", "壹": 1
        case "二", "两", "贰", "貳": 2
        case "三", "叁", "參": 3
        case "四", "肆": 4
        case "五", "伍": 5
        case "六", "陆", "陸": 6
        case "七", "柒": 7
        case "八", "捌": 8
        case "九", "玖": 9
        default: nil
        }
    }

    static func unit(_ c: Unicode.Scalar) -> Int64? {
        switch c {
        case "十", "拾": 10
        case "百", "佰": 100
        case "千", "仟": 1000
        default: nil
        }
    }

    static func section(_ c: Unicode.Scalar) -> Int64? {
        switch c {
        case "万", "萬": 10_000
        case "亿", "億": 100_000_000
        default: nil
        }
    }

    private static func numeral(_ c: Unicode.Scalar) -> Bool {
        digit(c) != nil || unit(c) != nil || section(c) != nil || c == "," || c == "."
    }

    /// The value of a written number in fen; nil when it is no number (`..`, an empty run) or
    /// passes 10¹² yuan.
    static func value(_ run: ArraySlice<Unicode.Scalar>) -> Money? {
        let plain = run.filter { $0 != "," }
        // Arabic figures, perhaps with decimals, perhaps followed by 万 (2.5万).
        let head = plain.prefix { $0.isASCII }
        guard !head.isEmpty else { return chinese(plain) }
        let rest = plain.dropFirst(head.count)
        guard rest.isEmpty || (rest.count == 1 && section(rest.first!) != nil),
            let yuan = Money(yuanText: String(String.UnicodeScalarView(head)))
        else { return chinese(plain) }
        guard let scale = rest.first.flatMap(section) else { return yuan }
        let (fen, overflow) = yuan.fen.multipliedReportingOverflow(by: scale)
        return overflow || fen > 100_000_000_000_000 ? nil : Money(fen: fen)
    }

    /// A number in Chinese numerals (小写 or 大写), in fen.
    private static func chinese(_ run: [Unicode.Scalar]) -> Money? {
        // `total`: what 万 and 亿 have closed; `section`: below 万 so far; `pending`: the last digit.
        var total: Int64 = 0
        var below: Int64 = 0
        var pending: Int64 = 0
        var sawAny = false
        for c in run {
            if let d = digit(c) {
                pending = Int64(d)
                sawAny = true
            } else if let unit = unit(c) {
                below += (pending == 0 ? 1 : pending) * unit
                pending = 0
                sawAny = true
            } else if let scale = section(c) {
                guard sawAny else { return nil }
                // 一亿二千万: 亿 multiplies all before it, 万 only its own section.
                total = scale == 10_000 ? total + (below + pending) * scale : (total + below + pending) * scale
                below = 0
                pending = 0
            } else {
                return nil
            }
            guard total < 1_000_000_000_000 else { return nil }
        }
        guard sawAny else { return nil }
        return Money(fen: (total + below + pending) * 100)
    }
}
