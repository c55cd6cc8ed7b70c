import CaseModel
import CaseStore
import Foundation
import MultipartKit
import WorkCalendar

/// The fields of the case forms and how each becomes part of a case. What the schema checks
/// (required attributes, enumerations, patterns) it checks again when the case is saved; these
/// conversions only turn text into typed values and say which field is wrong.
struct FieldProblems {
    private(set) var messages: [String] = []

    mutating func date(_ text: String?, _ label: String, required: Bool = false) -> CalendarDate? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            if required { messages.append("请填写\(label)。") }
            return nil
        }
        guard let date = CalendarDate(text) else {
            messages.append("\(label)“\(text)”不是 YYYY-MM-DD 形式的日期。")
            return nil
        }
        return date
    }

    mutating func money(_ text: String?, _ label: String) -> Money? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let money = Money(yuanText: text), money.fen >= 0 else {
            messages.append("\(label)“\(text)”不是以元为单位、至多两位小数的金额。")
            return nil
        }
        return money
    }

    mutating func required(_ text: String?, _ label: String) -> String {
        let value = text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if value.isEmpty { messages.append("请填写\(label)。") }
        return value
    }

    mutating func choice<Value: RawRepresentable>(_ text: String?, _ label: String, as type: Value.Type) -> Value? where Value.RawValue == String {
        guard let text, !text.isEmpty else { return nil }
        guard let value = Value(rawValue: text) else {
            messages.append("\(label)“\(text)”不是可选的值。")
            return nil
        }
        return value
    }

    mutating func add(_ message: String) { messages.append(message) }

    func check() throws {
        if !messages.isEmpty { throw WebError.invalid(messages) }
    }
}

/// How the values of a posted form read.
enum FormValue {
    /// A text field: trimmed, and nil when left empty.
    static func text(_ text: String?) -> String? {
        guard let value = text?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// A checkbox: present (any value) when ticked.
    static func ticked(_ value: String?) -> Bool { value != nil && value != "" && value != "false" }
}

extension String {
    /// Nil for empty text: an empty string still opens a Mustache section.
    var nonEmpty: String? { isEmpty ? nil : self }
}

struct NewCaseForm: Decodable, CSRFCarrying {
    var csrf: String?
    var id: String?
    var type: String?
    var procedure: String?
    var major: String?
    var power: String?
    var partyKind: String?
    var partyName: String?
    var creditCode: String?
    var idNumber: String?
    var firstOffence: String?
    var corrected: String?
    var harm: String?
    var item: String?
    var violationDate: String?
    var matter: String?

    func enforcementCase(agency: String) throws -> EnforcementCase {
        var problems = FieldProblems()
        let id = problems.required(self.id, "案件编号")
        if !id.isEmpty, let refusal = CaseStore.idPrefixRefusal(id: id, agency: agency) {
            problems.add(refusal + "。")
        }
        let type = problems.choice(self.type, "执法类别", as: CaseType.self) ?? .penalty
        let procedure = problems.choice(self.procedure, "程序", as: Procedure.self) ?? .general
        let kind = problems.choice(partyKind, "当事人类型", as: PartyKind.self) ?? .organisation
        let name = problems.required(partyName, "当事人名称")
        let violationDate = problems.date(self.violationDate, "违法行为发生日期")
        try problems.check()
        let matterText = FormValue.text(matter)
        let hasMatter = matterText != nil || FormValue.text(item) != nil || violationDate != nil
        return EnforcementCase(
            id: id, agency: agency, type: type, procedure: procedure, declaredMajor: FormValue.ticked(major),
            party: Party(
                kind: kind, name: name, creditCode: FormValue.text(creditCode), idNumber: FormValue.text(idNumber),
                firstOffence: FormValue.ticked(firstOffence), corrected: FormValue.ticked(corrected), harm: FormValue.ticked(harm)),
            matter: hasMatter ? Matter(item: FormValue.text(item), violationDate: violationDate, text: matterText ?? "") : nil,
            power: FormValue.text(power))
    }
}

struct EventForm: Decodable, CSRFCarrying {
    var csrf: String?
    var kind: String?
    var date: String?
    var officers: String?
    var number: String?
    var method: String?
    var reviewer: String?
    var result: String?
    var until: String?
    var days: String?
    var hearingRights: String?
    var by: String?
    var ruling: String?
    var recordTitle: String?

    func event() throws -> Event {
        var problems = FieldProblems()
        let kind = problems.choice(self.kind, "环节", as: EventKind.self)
        if kind == nil, FormValue.text(self.kind) == nil { problems.add("请选择环节。") }
        let date = problems.date(self.date, "日期", required: true)
        let until = problems.date(self.until, "期限")
        var days: Int?
        if let text = FormValue.text(self.days) {
            days = Int(text)
            if days == nil || days! <= 0 { problems.add("延长天数“\(text)”须为正整数。") }
        }
        let method = problems.choice(FormValue.text(self.method), "送达方式", as: DeliveryMethod.self)
        let result = problems.choice(FormValue.text(self.result), "审核结论", as: ReviewResult.self)
        let revokedBy = problems.choice(FormValue.text(by), "撤销机关", as: RevokedBy.self)
        let ruling = problems.choice(FormValue.text(self.ruling), "复议或判决结果", as: Ruling.self)
        if let kind, let message = Ruling.problem(ruling, on: kind) { problems.add(message + "。") }
        try problems.check()
        let officers = (officers ?? "").split(whereSeparator: { $0 == " " || $0 == "," || $0 == "，" || $0 == "、" }).map(String.init)
        var records: [Record] = []
        if let title = FormValue.text(recordTitle) { records.append(Record(kind: .text, title: title)) }
        return Event(
            kind: kind!, date: date!, officers: officers, until: until,
            hearingRights: FormValue.text(hearingRights).map { $0 == "true" }, reviewer: FormValue.text(reviewer), result: result,
            days: days, number: FormValue.text(number), method: method, revokedBy: revokedBy, ruling: ruling, records: records)
    }
}

struct RecordForm: Decodable, CSRFCarrying {
    var csrf: String?
    var event: String
    var kind: String?
    var title: String?
    var start: String?
    var end: String?
    var file: Upload?

    func record() throws -> Record {
        var problems = FieldProblems()
        let kind = problems.choice(self.kind, "记录类型", as: Record.Kind.self) ?? .text
        let title = problems.required(self.title, "记录名称")
        try problems.check()
        return Record(kind: kind, title: title, start: FormValue.text(start), end: FormValue.text(end))
    }
}

struct OutcomeForm: Decodable, CSRFCarrying {
    var csrf: String?
    var warning: String?
    var fine: String?
    var confiscateIncome: String?
    var confiscateProperty: String?
    var other: String?
    var baseName: String?
    var baseAmount: String?
    var level: String?
    var reason: String?
    var grant: String?

    func outcome() throws -> Outcome {
        var problems = FieldProblems()
        var penalties: [Penalty] = []
        if FormValue.ticked(warning) { penalties.append(Penalty(kind: .warning)) }
        if let amount = problems.money(fine, "罚款金额") { penalties.append(Penalty(kind: .fine, amount: amount)) }
        if let amount = problems.money(confiscateIncome, "没收违法所得") { penalties.append(Penalty(kind: .confiscateIncome, amount: amount)) }
        if let amount = problems.money(confiscateProperty, "没收非法财物价值") { penalties.append(Penalty(kind: .confiscateProperty, amount: amount)) }
        if let kind = problems.choice(FormValue.text(other), "其他处罚", as: PenaltyKind.self) { penalties.append(Penalty(kind: kind)) }
        var bases: [BaseAmount] = []
        if let name = FormValue.text(baseName) {
            if let amount = problems.money(baseAmount, "基数金额") {
                bases.append(BaseAmount(name: name, amount: amount))
            } else {
                problems.add("填写了基数“\(name)”，请同时填写其金额。")
            }
        }
        let grant = problems.choice(FormValue.text(grant), "许可结论", as: GrantResult.self)
        try problems.check()
        return Outcome(
            penalties: penalties, bases: bases,
            discretion: FormValue.text(level).map { Discretion(level: $0, reason: FormValue.text(reason)) }, grant: grant)
    }
}

struct DisclosureForm: Decodable, CSRFCarrying {
    var csrf: String?
    var date: String?
    var platform: String?
    var url: String?
    var exempt: String?
    var withdrawn: String?
    var text: String?

    func disclosure() throws -> Disclosure {
        var problems = FieldProblems()
        let exempt = FormValue.text(self.exempt)
        let date = problems.date(self.date, "公示日期", required: exempt == nil)
        let withdrawn = problems.date(self.withdrawn, "撤下日期")
        if exempt != nil, date != nil { problems.add("依法不予公示的案件不填公示日期。") }
        try problems.check()
        if let exempt { return Disclosure(exempt: exempt) }
        return Disclosure(date: date, platform: FormValue.text(platform), url: FormValue.text(url), withdrawn: withdrawn, text: FormValue.text(text))
    }
}
