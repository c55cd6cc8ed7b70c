import CaseModel
import Foundation

extension ModelDecoder {
    /// Decodes one `<case>`; records' files are checked as `evidence` allows.
    func enforcementCase(_ element: Element, evidence: EvidencePolicy) -> EnforcementCase? {
        guard let id = required(element, "id"), let agency = required(element, "agency"),
            let type: CaseType = enumeration(element, "type", required: true)
        else { return nil }
        guard let partyElement = element.child(named: "party") else {
            problem(element, "案件 \(id) 缺少当事人（<party>）")
            return nil
        }
        guard let party = party(partyElement) else { return nil }
        let matter = element.child(named: "matter").map { matter in
            Matter(item: string(matter, "item"), violationDate: date(matter, "violation-date"), text: matter.text)
        }
        let events =
            element.child(named: "events")?.children(named: "event")
            .compactMap { event($0, evidence: evidence) } ?? []
        return EnforcementCase(
            id: id, agency: agency, type: type,
            procedure: enumeration(element, "procedure") ?? .general,
            declaredMajor: bool(element, "major") ?? false,
            party: party, matter: matter, events: events,
            outcome: element.child(named: "outcome").map(outcome),
            disclosure: element.child(named: "disclosure").map(disclosure), power: identifier(element, "power"))
    }

    private func party(_ element: Element) -> Party? {
        guard let kind: PartyKind = enumeration(element, "kind", required: true),
            let name = required(element, "name")
        else { return nil }
        return Party(
            kind: kind, name: name, creditCode: identifier(element, "credit-code"),
            idNumber: identifier(element, "id-number"),
            firstOffence: bool(element, "first-offence") ?? false,
            corrected: bool(element, "corrected") ?? false,
            harm: bool(element, "harm") ?? false)
    }

    private func event(_ element: Element, evidence: EvidencePolicy) -> Event? {
        guard let kind: EventKind = enumeration(element, "kind", required: true),
            let date = date(element, "date", required: true)
        else { return nil }
        let officers = identifier(element, "officers").map { $0.split(separator: " ").map(String.init) } ?? []
        let days = string(element, "days").flatMap { text -> Int? in
            guard let value = Int(text), (1...Event.maxExtensionDays).contains(value) else {
                problem(element, "延期天数 days=\"\(text)\" 应为 1 到 \(Event.maxExtensionDays) 之间的整数")
                return nil
            }
            return value
        }
        let records = element.children(named: "record").compactMap { record($0, evidence: evidence) }
        return Event(
            kind: kind, date: date, officers: officers, until: self.date(element, "until"),
            hearingRights: bool(element, "hearing-rights"), reviewer: identifier(element, "reviewer"),
            result: enumeration(element, "result"), days: days, number: identifier(element, "number"),
            method: enumeration(element, "method"), revokedBy: enumeration(element, "by"),
            ruling: ruling(element, kind), records: records, line: element.line)
    }

    /// A 复议 decision's or judgment's ruling, held to what each kind can have (`Ruling.problem`).
    private func ruling(_ element: Element, _ kind: EventKind) -> Ruling? {
        let ruling: Ruling? = enumeration(element, "ruling")
        if element.attribute("ruling") == nil || ruling != nil, let message = Ruling.problem(ruling, on: kind) { problem(element, message) }
        return ruling
    }

    private func record(_ element: Element, evidence policy: EvidencePolicy) -> Record? {
        guard let kind: Record.Kind = enumeration(element, "kind", required: true),
            let title = required(element, "title")
        else { return nil }
        let file = string(element, "file")
        let sha256 = string(element, "sha256")?.lowercased()
        var evidence = Record.Evidence.none
        if let file {
            switch policy.check(file: file, expected: sha256) {
            case .success(let status): evidence = status
            case .failure(let refusal):
                problem(element, refusal.message)
                return nil
            }
        }
        return Record(
            kind: kind, title: title, file: file, sha256: sha256,
            start: string(element, "start"), end: string(element, "end"), evidence: evidence)
    }

    private func outcome(_ element: Element) -> Outcome {
        let penalties = element.children(named: "penalty").compactMap { penalty -> Penalty? in
            guard let kind: PenaltyKind = enumeration(penalty, "kind", required: true) else { return nil }
            let amount = money(penalty, "amount")
            if amount == nil, [.fine, .confiscateIncome, .confiscateProperty].contains(kind) {
                problem(penalty, "处罚“\(kind.chineseName)”须写明金额（amount）")
            }
            return Penalty(kind: kind, amount: amount)
        }
        let bases = element.children(named: "base").compactMap { base -> BaseAmount? in
            guard let name = required(base, "name"), let amount = money(base, "amount", required: true) else { return nil }
            return BaseAmount(name: name, amount: amount)
        }
        let discretion = element.child(named: "discretion").flatMap { discretion -> Discretion? in
            guard let level = required(discretion, "level") else { return nil }
            return Discretion(level: level, reason: string(discretion, "reason"))
        }
        return Outcome(
            penalties: penalties, bases: bases, discretion: discretion,
            grant: element.child(named: "grant").flatMap { enumeration($0, "result", required: true) })
    }

    private func disclosure(_ element: Element) -> Disclosure {
        Disclosure(
            date: date(element, "date"), platform: string(element, "platform"), url: string(element, "url"),
            withdrawn: date(element, "withdrawn"), exempt: string(element, "exempt"),
            text: element.child(named: "text")?.text)
    }
}
