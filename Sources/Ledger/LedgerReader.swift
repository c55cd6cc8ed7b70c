import CaseModel
import CaseXML
import Foundation
import XMLParts

/// Turns the rows of a ledger into interchange cases. Every problem of the file is collected, each
/// naming its row and column (`台账.xlsx 第7行 “决定日期”：…`); a file with any problem yields no
/// case at all. Each case is then written as interchange XML and read back through the same schema
/// as any case file, so that a ledger can store nothing an XML file could not.
public struct LedgerReader {
    /// Officer ids by certificate number, so that a ledger may name officers either way.
    let officerByCertificate: [String: String]

    public init(registry: Registry) {
        var byCertificate: [String: String] = [:]
        for officer in registry.officers {
            for certificate in officer.certificates { byCertificate[certificate.number] = officer.id }
        }
        officerByCertificate = byCertificate
    }

    /// A case with the ledger row it came from.
    public struct LedgerCase {
        public var enforcementCase: EnforcementCase
        public var row: Int
    }

    /// Reads `url` (.xlsx or .csv); `displayName` names it in problems. Rows are taken as the
    /// file is read, so memory holds the cases, not the sheet.
    public func read(_ url: URL, displayName: String) throws -> [LedgerCase] {
        var assembly = Assembly(reader: self, file: displayName)
        do {
            try SheetReader.read(url) { try assembly.take($0) }
        } catch let unreadable as SheetUnreadable {
            throw CaseXMLError.invalid([XMLDiagnostic(file: displayName, line: 0, message: unreadable.message)])
        }
        return try assembly.finish()
    }

    func read(_ rows: [SheetRow], displayName: String) throws -> [LedgerCase] {
        var assembly = Assembly(reader: self, file: displayName)
        for row in rows { try assembly.take(row) }
        return try assembly.finish()
    }

    /// The cases of a ledger as its rows arrive: the header is the first of the top five rows that
    /// names at least three known columns; every row after it is one case.
    struct Assembly {
        let reader: LedgerReader
        let file: String
        private var waiting: [SheetRow] = []
        private var columns: [LedgerColumn: Int]?
        private var firstRow: Int?
        private var cases: [LedgerCase] = []
        private var seen: [String: Int] = [:]
        private var problems: [XMLDiagnostic] = []

        init(reader: LedgerReader, file: String) {
            self.reader = reader
            self.file = file
        }

        mutating func take(_ row: SheetRow) throws {
            if firstRow == nil { firstRow = row.number }
            if columns != nil { return caseRow(row) }
            // The template of a published list shares some names with a ledger's (违法事实,
            // 处罚决定日期, 证件号码): its own 决定文号 column tells it apart first.
            if PublishedListReader.headerType(row) != nil {
                throw CaseXMLError.invalid([
                    XMLDiagnostic(
                        file: file, line: row.number, message: "这是双公示公示清单（表头有决定书文号列），不是案件台账：请以 zhifa import 或“导出”页导入公示清单")
                ])
            } else if row.cells.values.compactMap({ LedgerColumn.matching($0.text) }).count >= 3 {
                try header(row)
            } else {
                waiting.append(row)
                if waiting.count >= 5 { throw missingHeader() }
            }
        }

        private func missingHeader() -> CaseXMLError {
            CaseXMLError.invalid([
                XMLDiagnostic(
                    file: file, line: firstRow ?? 1,
                    message: "找不到表头：前几行中没有“案件编号”“执法主体编码”“案件类型”等列名")
            ])
        }

        private mutating func header(_ header: SheetRow) throws {
            var found: [LedgerColumn: Int] = [:]
            for (index, value) in header.cells.sorted(by: { $0.key < $1.key }) {
                guard let column = LedgerColumn.matching(value.text) else { continue }
                if found[column] != nil {
                    problems.append(XMLDiagnostic(file: file, line: header.number, message: "列名重复出现", column: value.text))
                }
                found[column] = index
            }
            for column in LedgerColumn.allCases where column.required && found[column] == nil {
                problems.append(XMLDiagnostic(file: file, line: header.number, message: "缺少必需的列", column: column.title))
            }
            if !problems.isEmpty { throw CaseXMLError.invalid(problems) }
            columns = found
            waiting = []
        }

        private mutating func caseRow(_ row: SheetRow) {
            var fields = RowFields(row: row, columns: columns ?? [:], file: file)
            guard fields.hasContent else { return }
            if let c = reader.build(&fields) {
                if let earlier = seen[c.id] {
                    fields.problem(.caseId, "案件编号 \(c.id) 与第\(earlier)行重复")
                } else {
                    seen[c.id] = row.number
                    cases.append(LedgerCase(enforcementCase: c, row: row.number))
                }
            }
            problems += fields.problems
        }

        /// The cases, each checked against the same schema as every case file; any problem of the
        /// file refuses them all.
        mutating func finish() throws -> [LedgerCase] {
            guard columns != nil else { throw missingHeader() }
            if !problems.isEmpty { throw CaseXMLError.invalid(problems) }
            for ledgerCase in cases {
                let document = Data(CaseXMLWriter.document(ledgerCase.enforcementCase).utf8)
                do {
                    _ = try CaseFileReader().readCases(.memory(document), displayName: file, evidence: .none) { _, _ in }
                } catch let error as CaseXMLError {
                    problems += error.diagnostics.map { XMLDiagnostic(file: file, line: ledgerCase.row, message: $0.message, detail: $0.detail) }
                }
            }
            if !problems.isEmpty { throw CaseXMLError.invalid(problems) }
            return cases
        }
    }

    /// One case from one row, or nil when a required value is missing or unreadable.
    fileprivate func build(_ fields: inout RowFields) -> EnforcementCase? {
        let id = fields.text(.caseId, required: true)
        let agency = fields.text(.agency, required: true)
        let type = fields.choice(.caseType, CaseType.self, required: true, aliases: ["处罚": .penalty, "许可": .license, "强制": .coercion, "检查": .inspection])
        let procedure = fields.choice(.procedure, Procedure.self, aliases: ["普通": .general, "简易": .simple, "快速": .fast]) ?? .general
        let partyName = fields.text(.party, required: true)
        let partyKind =
            fields.choice(
                .partyKind, PartyKind.self,
                aliases: [
                    "个人": .individual, "单位": .organisation, "法人": .organisation,
                    "企业": .organisation, "其他组织": .organisation
                ]) ?? .organisation
        let number = fields.text(.partyNumber)
        let dates = Dictionary(
            uniqueKeysWithValues: LedgerColumn.allCases.filter(\.isDate).compactMap { column in
                fields.date(column).map { (column, $0) }
            })
        let officers = fields.list(.officers).map { officerByCertificate[$0] ?? $0 }
        let hearing = fields.yesNo(.hearingRights)
        let method = fields.choice(
            .deliveryMethod, DeliveryMethod.self,
            aliases: [
                "直接": .direct, "邮寄": .mail, "电子": .electronic,
                "留置": .left, "公告": .publicNotice
            ])
        let fine = fields.money(.fine)
        // A kind alone (警告), or with its amount for a confiscation (没收违法所得3000元).
        var penalties = fields.list(.penalties).compactMap { entry -> Penalty? in
            let word = String(entry.prefix { !$0.isDigitASCII })
            let amountText = String(entry.dropFirst(word.count)).replacingOccurrences(of: "元", with: "")
            let kind =
                PenaltyKind.allCases.first { $0.chineseName == word || $0.rawValue == word }
                ?? [("吊销", PenaltyKind.revokeLicense), ("暂扣", .suspendLicense), ("没收违法所得", .confiscateIncome)]
                .first { word.hasPrefix($0.0) }?.1
            guard let kind else {
                fields.problem(.penalties, "“\(entry)”不是处罚种类；可选：\(PenaltyKind.allCases.map(\.chineseName).joined(separator: "、"))")
                return nil
            }
            guard !amountText.isEmpty else { return Penalty(kind: kind) }
            guard let amount = Money(yuanText: amountText) else {
                fields.problem(.penalties, "“\(entry)”中的金额不是以元为单位、至多两位小数的数")
                return nil
            }
            return Penalty(kind: kind, amount: amount)
        }
        if let fine {
            if let index = penalties.firstIndex(where: { $0.kind == .fine }) {
                penalties[index].amount = fine
            } else {
                penalties.append(Penalty(kind: .fine, amount: fine))
            }
        } else if penalties.contains(where: { $0.kind == .fine }) {
            fields.problem(.fine, "处罚种类含罚款，但没有填写罚款金额")
        }
        let level = fields.text(.level)
        let reason = fields.text(.reason)
        let decisionNumber = fields.text(.decisionNumber)
        let power = fields.text(.power)
        let reconsideration = fields.choice(.reconsiderationRuling, Ruling.self, aliases: ["驳回复议申请": .dismissed])
        let judgment = fields.choice(.judgmentRuling, Ruling.self, aliases: ["驳回诉讼请求": .dismissed])
        guard let id, let agency, let type, let partyName, fields.problems.isEmpty else { return nil }

        var events: [Event] = []
        if let date = dates[.discovered] { events.append(Event(kind: .discovered, date: date)) }
        if let date = dates[.filed] { events.append(Event(kind: .filed, date: date, officers: officers)) }
        if let date = dates[.notice] { events.append(Event(kind: .notice, date: date, officers: officers, hearingRights: hearing)) }
        if let date = dates[.decision] { events.append(Event(kind: .decision, date: date, officers: officers, number: decisionNumber)) }
        if let date = dates[.delivery] { events.append(Event(kind: .delivery, date: date, method: method)) }
        if let date = dates[.closed] { events.append(Event(kind: .closed, date: date)) }
        // A ruling needs its day and a day its ruling (`Ruling.problem` judges the pair as read).
        for (dateColumn, rulingColumn, kind, ruling) in [
            (LedgerColumn.reconsiderationDate, LedgerColumn.reconsiderationRuling, EventKind.reconsiderationDecided, reconsideration),
            (.judgmentDate, .judgmentRuling, .judgment, judgment)
        ] {
            switch (dates[dateColumn], ruling) {
            case (let date?, let ruling?):
                if let problem = Ruling.problem(ruling, on: kind) { fields.problem(rulingColumn, problem) }
                events.append(Event(kind: kind, date: date, ruling: ruling))
            case (nil, _?): fields.problem(dateColumn, "填写了\(rulingColumn.title)，但没有\(dateColumn.title)")
            case (_?, nil): fields.problem(rulingColumn, "填写了\(dateColumn.title)，但没有\(rulingColumn.title)")
            case (nil, nil): break
            }
        }
        if dates[.decision] == nil, decisionNumber != nil { fields.problem(.decision, "填写了决定文号，但没有决定日期") }
        // Events in time order; on one day, in the order the ledger's columns follow the procedure.
        events = events.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)

        let facts = fields.text(.facts)
        let item = fields.text(.item)
        let matter =
            facts != nil || item != nil || dates[.violationDate] != nil
            ? Matter(item: item, violationDate: dates[.violationDate], text: facts ?? "") : nil
        let outcome =
            penalties.isEmpty && level == nil
            ? nil
            : Outcome(penalties: penalties, discretion: level.map { Discretion(level: $0, reason: reason) })
        let disclosureURL = fields.text(.disclosureURL)
        let disclosure = dates[.disclosure] != nil || disclosureURL != nil ? Disclosure(date: dates[.disclosure], url: disclosureURL) : nil
        let party = Party(
            kind: partyKind, name: partyName,
            creditCode: partyKind == .organisation ? number : nil, idNumber: partyKind == .individual ? number : nil)
        guard fields.problems.isEmpty else { return nil }
        return EnforcementCase(
            id: id, agency: agency, type: type, procedure: procedure, party: party, matter: matter,
            events: events, outcome: outcome, disclosure: disclosure, power: power)
    }
}

/// The values of one row, read by column, with the problems met on the way.
struct RowFields {
    let row: SheetRow
    let columns: [LedgerColumn: Int]
    let file: String
    var problems: [XMLDiagnostic] = []

    init(row: SheetRow, columns: [LedgerColumn: Int], file: String) {
        self.row = row
        self.columns = columns
        self.file = file
    }

    var hasContent: Bool { row.cells.values.contains { !$0.text.trimmingCharacters(in: .whitespaces).isEmpty } }

    mutating func problem(_ column: LedgerColumn, _ message: String) {
        problems.append(XMLDiagnostic(file: file, line: row.number, message: message, column: column.title))
    }

    func value(_ column: LedgerColumn) -> SheetValue? {
        guard let index = columns[column], let value = row.cells[index] else { return nil }
        if case .text(let text) = value, text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return nil }
        return value
    }

    mutating func text(_ column: LedgerColumn, required: Bool = false) -> String? {
        guard let value = value(column) else {
            if required { problem(column, "必填，不能为空") }
            return nil
        }
        let text = value.text.trimmingCharacters(in: .whitespacesAndNewlines)
        // A NUL would be cut by the XML every case passes through; an invisible or reordering
        // character would make an id or a name look like another.
        let unsafe = column.isFreeText || column.isList ? TextSafety.textProblem(text) : TextSafety.identifierProblem(text)
        if let unsafe {
            problem(column, unsafe)
            return nil
        }
        return text
    }

    mutating func choice<Code: ChineseLabelled>(
        _ column: LedgerColumn, _ type: Code.Type, required: Bool = false,
        aliases: [String: Code] = [:]
    ) -> Code? {
        guard let word = text(column, required: required) else { return nil }
        if let found = Code.allCases.first(where: { $0.chineseName == word || $0.rawValue == word }) ?? aliases[word] { return found }
        problem(column, "“\(word)”不是可选的取值；可选：\(Code.allCases.map(\.chineseName).joined(separator: "、"))")
        return nil
    }

    mutating func yesNo(_ column: LedgerColumn) -> Bool? {
        guard let word = text(column) else { return nil }
        switch word.lowercased() {
        case "是", "已告知", "true", "1", "y", "yes", "√": return true
        case "否", "未告知", "false", "0", "n", "no", "×": return false
        default:
            problem(column, "“\(word)”应为“是”或“否”")
            return nil
        }
    }

    /// Officers, decisions' penalties: separated by 、, commas, semicolons or spaces.
    mutating func list(_ column: LedgerColumn) -> [String] {
        guard let text = text(column) else { return [] }
        let items = text.split(whereSeparator: { "、,，;；/ \u{3000}\n\r\t".contains($0) }).map(String.init)
        if let unsafe = items.lazy.compactMap(TextSafety.identifierProblem).first {
            problem(column, unsafe)
            return []
        }
        return items
    }

    mutating func money(_ column: LedgerColumn) -> Money? {
        guard let value = value(column) else { return nil }
        var text: String
        switch value {
        case .number(let number):
            guard number >= 0, number < 1e12 else {
                problem(column, "金额 \(value.text) 超出范围")
                return nil
            }
            text = String(format: "%.2f", number)
        case .text(let raw):
            text = raw.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "，", with: "")
                .replacingOccurrences(of: "元", with: "").replacingOccurrences(of: "¥", with: "").trimmingCharacters(in: .whitespaces)
        }
        if text.hasSuffix(".00") { text.removeLast(3) } else if text.contains("."), text.hasSuffix("0") { text.removeLast() }
        guard let money = Money(yuanText: text), text.count <= 15 else {
            problem(column, "“\(value.text)”不是以元为单位、至多两位小数的金额")
            return nil
        }
        return money
    }

    mutating func date(_ column: LedgerColumn) -> CalendarDate? {
        guard let value = value(column) else { return nil }
        if let date = LedgerDates.parse(value) { return date }
        problem(column, "“\(value.text)”不是有效日期（可写作 2024-03-05、2024/3/5 或 2024年3月5日）")
        return nil
    }
}

/// The ways ledgers write a date.
enum LedgerDates {
    static func parse(_ value: SheetValue) -> CalendarDate? {
        switch value {
        case .number(let serial):
            return fromSerial(serial)
        case .text(let raw):
            let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.allSatisfy(\.isDigitASCII), text.count == 5, let serial = Double(text) { return fromSerial(serial) }
            // 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, with an optional time after it.
            let parts = text.split(whereSeparator: { "-/.年月日 ".contains($0) }).prefix(3)
            guard parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isDigitASCII) && $0.count <= 4 }),
                let year = Int(parts[parts.startIndex]), let month = Int(parts[parts.startIndex + 1]),
                let day = Int(parts[parts.startIndex + 2]), (1900...2200).contains(year)
            else { return nil }
            return CalendarDate(year: year, month: month, day: day)
        }
    }

    /// Serials from 1950 to 2100: a number outside is not a date a ledger means.
    static func fromSerial(_ serial: Double) -> CalendarDate? {
        guard serial == serial.rounded(.down), serial >= 18_264, serial <= 73_415 else { return nil }
        return CalendarDate(dayNumber: Int32(Int(serial) - CalendarDate.spreadsheetSerialOffset))
    }
}

extension Character {
    /// 0–9 only: full-width and other scripts' digits are not what a date or serial is written in.
    var isDigitASCII: Bool { isASCII && isNumber }
}
