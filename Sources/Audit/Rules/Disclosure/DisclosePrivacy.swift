import CaseModel

/// The disclosure text must not show a whole identity number or mobile number.
struct DisclosePrivacy: AuditRule {
    let id = RuleID.disclosePrivacy
    let title = "公示信息泄露个人信息"
    let basis = "国办发〔2018〕118号；《个人信息保护法》第二十八条：身份证号码、联系方式等应当隐去"
    let checks =
        "Disclosure text showing an unmasked 18-character identity number or a mobile number, in ASCII or full-width digits, straight or grouped by spaces or hyphens."
    let scope = RuleScope.everyType

    func check(_ context: AuditContext) throws -> Verdict {
        guard let text = context.enforcementCase.disclosure?.text, !text.isEmpty else { return .notApplicable("无公示正文") }
        let found = Self.exposedNumbers(in: text)
        return .failing(
            found.map { Violation("公示正文含未脱敏的\($0.kind)：\(Self.masked($0.digits))") },
            else: "公示正文未发现完整的身份证号或手机号")
    }

    /// Identity and mobile numbers in the text (docs/rules.md, amended): in ASCII or full-width digits,
    /// written straight or grouped by single spaces or hyphens (`139 0553 1234`, `139-0553-1234`,
    /// `340202 19880101 1234`). A masked number (`3402021988****1234`) matches neither.
    static func exposedNumbers(in text: String) -> [(kind: String, digits: String)] {
        let ascii = halfWidth(text)
        var found = straightNumbers(in: ascii)
        for grouped in groupedNumbers(in: ascii) where !found.contains(where: { $0.digits == grouped.digits }) {
            found.append(grouped)
        }
        return found
    }

    /// Full-width digits, Ｘ and separators (０-９, Ｘｘ, －, the ideographic space) as their ASCII forms.
    static func halfWidth(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar in
                    switch scalar.value {
                    case 0xFF10...0xFF19, 0xFF38, 0xFF58, 0xFF0D: Unicode.Scalar(scalar.value - 0xFEE0)!
                    case 0x3000: " "
                    default: scalar
                    }
                }))
    }

    /// Numbers written in groups: mobile 3-4-4, identity 6-8-4, each gap one space or hyphen, the
    /// whole not touching other digits.
    static func groupedNumbers(in text: String) -> [(kind: String, digits: String)] {
        let characters = Array(text)
        var found: [(String, String)] = []
        func isSeparator(_ c: Character) -> Bool { c == " " || c == "-" }
        func digits(_ start: Int, _ count: Int, lastMayBeX: Bool = false) -> Bool {
            guard start + count <= characters.count else { return false }
            return (start..<start + count).allSatisfy { i in
                characters[i].isASCIIDigitCharacter || (lastMayBeX && i == start + count - 1 && "Xx".contains(characters[i]))
            }
        }
        func standsAlone(_ start: Int, _ end: Int) -> Bool {
            (start == 0 || !characters[start - 1].isASCIIDigitCharacter) && (end >= characters.count || !characters[end].isASCIIDigitCharacter)
        }
        for start in characters.indices where characters[start].isASCIIDigitCharacter {
            for (kind, groups) in [("手机号", [3, 4, 4]), ("身份证号", [6, 8, 4])] {
                var position = start
                var separated = false
                var ok = true
                for (index, size) in groups.enumerated() {
                    if index > 0 {
                        guard position < characters.count else {
                            ok = false
                            break
                        }
                        if isSeparator(characters[position]) {
                            position += 1
                            separated = true
                        }
                    }
                    guard digits(position, size, lastMayBeX: kind == "身份证号" && index == 2) else {
                        ok = false
                        break
                    }
                    position += size
                }
                guard ok, separated, standsAlone(start, position) else { continue }
                let number = String(characters[start..<position].filter { !isSeparator($0) })
                if kind == "手机号", number.hasPrefix("1"), let second = number.dropFirst().first, "3456789".contains(second) {
                    found.append((kind, number))
                } else if kind == "身份证号", isIdentityNumber(number) {
                    found.append((kind, number))
                }
            }
        }
        return found
    }

    /// Runs of digits (and a final X) standing alone: 18 of them make an identity number, 11 starting
    /// 13–19 a mobile number.
    static func straightNumbers(in text: String) -> [(kind: String, digits: String)] {
        var found: [(String, String)] = []
        var run = ""
        func close() {
            let digitsOnly = run.allSatisfy(\.isASCIIDigitCharacter)
            if run.count == 18, isIdentityNumber(run) {
                found.append(("身份证号", run))
            } else if run.count == 11, digitsOnly, run.hasPrefix("1"), let second = run.dropFirst().first, "3456789".contains(second) {
                found.append(("手机号", run))
            }
            run = ""
        }
        for character in text {
            if character.isASCIIDigitCharacter || ((character == "X" || character == "x") && run.count == 17) {
                run.append(character)
            } else {
                close()
            }
        }
        close()
        return found
    }

    /// GB 11643-1999: 17 digits with a real birth date, then the ISO 7064 MOD 11-2 check character.
    /// The check keeps 18-digit credit codes and account numbers from passing for identity numbers.
    static func isIdentityNumber(_ text: String) -> Bool {
        let characters = Array(text)
        guard characters.count == 18, characters.prefix(17).allSatisfy(\.isASCIIDigitCharacter),
            CalendarDate(String(characters[6..<10]) + "-" + String(characters[10..<12]) + "-" + String(characters[12..<14])) != nil
        else { return false }
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(characters.prefix(17), weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        let check = Array("10X98765432")[sum % 11]
        return characters[17] == check || (check == "X" && characters[17] == "x")
    }

    /// Reports must not repeat the leak they report.
    static func masked(_ digits: String) -> String {
        String(digits.prefix(3)) + String(repeating: "*", count: max(0, digits.count - 7)) + String(digits.suffix(4))
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
