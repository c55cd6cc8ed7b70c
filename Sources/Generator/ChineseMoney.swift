import CaseModel

/// Amounts as a 决定书 writes them in words (大写): `贰万元整`, `壹万贰仟伍佰元整`, `叁仟零伍拾元伍角`.
public enum ChineseMoney {
    static let digits: [Character] = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"]
    static let units = ["", "拾", "佰", "仟"]

    public static func uppercase(_ money: Money) -> String {
        let yuan = money.fen / 100
        let jiao = Int(money.fen / 10 % 10)
        let fen = Int(money.fen % 10)
        var text = yuan == 0 ? "零" : integer(yuan)
        text += "元"
        if jiao == 0, fen == 0 { return text + "整" }
        if jiao > 0 {
            text.append(digits[jiao])
            text += "角"
        } else if yuan > 0 {
            text += "零"
        }
        if fen > 0 {
            text.append(digits[fen])
            text += "分"
        }
        return text
    }

    /// 1–9999 within each section of 万 and 亿, a 零 for each run of zero places between digits.
    static func integer(_ value: Int64) -> String {
        var sections: [Int] = []
        var rest = value
        while rest > 0 {
            sections.append(Int(rest % 10_000))
            rest /= 10_000
        }
        let names = ["", "万", "亿", "万亿"]
        var text = ""
        for index in sections.indices.reversed() {
            let section = sections[index]
            if section == 0 {
                if !text.isEmpty, !text.hasSuffix("零") { text += "零" }
                continue
            }
            if !text.isEmpty, section < 1000, !text.hasSuffix("零") { text += "零" }
            text += four(section) + names[index]
        }
        while text.hasSuffix("零") { text.removeLast() }
        return text
    }

    private static func four(_ value: Int) -> String {
        var text = ""
        var zero = false
        for place in (0..<4).reversed() {
            let d = value / Int(pow10(place)) % 10
            if d == 0 {
                zero = !text.isEmpty
                continue
            }
            if zero { text += "零" }
            zero = false
            text.append(digits[d])
            text += units[place]
        }
        return text
    }

    private static func pow10(_ n: Int) -> Int { (0..<n).reduce(1) { r, _ in r * 10 } }
}
