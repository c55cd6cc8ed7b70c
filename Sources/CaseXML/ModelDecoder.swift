import CaseModel
import Foundation

/// Turns validated elements into model values. The schema has already checked types and
/// enumerations; what is left here is what XSD 1.0 cannot say (date order of a range, a band
/// given both as amount and multiple), each reported with its line.
struct ModelDecoder {
    let sink: DiagnosticSink

    func problem(_ element: Element, _ message: String) {
        sink.addDecoded(line: element.line, message)
    }

    func string(_ element: Element, _ name: String) -> String? {
        element.attribute(name)
    }

    /// A required attribute. Required attributes are ids, codes, names and enumerations: none may
    /// hold a control, zero-width or bidirectional character (`TextSafety`).
    func required(_ element: Element, _ name: String) -> String? {
        guard let value = element.attribute(name) else {
            problem(element, "\(SchemaMessages.element(element.localName))缺少必填的\(SchemaMessages.attribute(name, of: element.localName))（属性 \(name)）")
            return nil
        }
        return safe(element, name, value)
    }

    /// An optional identifier (a document number, a credit code), checked as required ones are.
    func identifier(_ element: Element, _ name: String) -> String? {
        element.attribute(name).flatMap { safe(element, name, $0) }
    }

    private func safe(_ element: Element, _ name: String, _ value: String) -> String? {
        if let unsafe = TextSafety.identifierProblem(value) {
            problem(element, "\(SchemaMessages.attribute(name, of: element.localName))（属性 \(name)）\(unsafe)")
            return nil
        }
        return value
    }

    func date(_ element: Element, _ name: String, required: Bool = false) -> CalendarDate? {
        guard let text = required ? self.required(element, name) : element.attribute(name) else { return nil }
        guard let date = CalendarDate(text) else {
            problem(element, "\(SchemaMessages.attribute(name, of: element.localName))“\(text)”不是有效日期（应写作 YYYY-MM-DD）")
            return nil
        }
        return date
    }

    func money(_ element: Element, _ name: String, required: Bool = false) -> Money? {
        guard let text = required ? self.required(element, name) : element.attribute(name) else { return nil }
        guard let money = Money(yuanText: text) else {
            problem(element, "\(SchemaMessages.attribute(name, of: element.localName))“\(text)”不是以元为单位、至多两位小数的金额")
            return nil
        }
        return money
    }

    func multiple(_ element: Element, _ name: String) -> Multiple? {
        guard let text = element.attribute(name) else { return nil }
        guard let value = Multiple(text: text) else {
            problem(element, "\(SchemaMessages.attribute(name, of: element.localName))“\(text)”不是倍数（至多四位小数）")
            return nil
        }
        return value
    }

    func bool(_ element: Element, _ name: String) -> Bool? {
        switch element.attribute(name) {
        case nil: return nil
        case "true", "1": return true
        case "false", "0": return false
        case let other?:
            problem(element, "\(SchemaMessages.attribute(name, of: element.localName))“\(other)”应为 true 或 false")
            return nil
        }
    }

    func enumeration<T: RawRepresentable>(_ element: Element, _ name: String, required: Bool = false) -> T? where T.RawValue == String {
        guard let text = required ? self.required(element, name) : element.attribute(name) else { return nil }
        // xs:token values may carry surrounding blanks that the schema collapsed but the tree keeps.
        let token = text.first == " " || text.last == " " ? text.trimmingCharacters(in: .whitespaces) : text
        guard let value = T(rawValue: token) else {
            problem(element, "\(SchemaMessages.attribute(name, of: element.localName))“\(text)”不是可用的取值")
            return nil
        }
        return value
    }
}

// MARK: - Registry

extension ModelDecoder {
    func agency(_ element: Element) -> Agency? {
        guard let code = required(element, "code"), let name = required(element, "name") else { return nil }
        var codes = Set<String>()
        let powers = element.children(named: "power").compactMap { child -> Power? in
            guard let code = required(child, "code"), let name = required(child, "name"),
                let category: PowerCategory = enumeration(child, "category", required: true)
            else { return nil }
            let from = date(child, "from")
            let to = date(child, "to")
            if let from, let to, to < from { problem(child, "权责事项 \(code) 的终止日期（\(to)）早于起始日期（\(from)）") }
            if !codes.insert(code).inserted { problem(child, "权责事项编码 \(code) 在执法主体 \(name) 中重复") }
            return Power(code: code, name: name, category: category, basis: string(child, "basis").flatMap { $0.isEmpty ? nil : $0 }, from: from, to: to)
        }
        return Agency(
            code: code, name: name, region: string(element, "region"), field: string(element, "field"),
            creditCode: string(element, "credit-code").flatMap { $0.isEmpty ? nil : $0 }, powers: powers)
    }

    func officer(_ element: Element) -> Officer? {
        guard let id = required(element, "id"), let name = required(element, "name"),
            let agency = required(element, "agency"), let roleText = required(element, "role")
        else { return nil }
        var roles: [PersonRole] = []
        for word in roleText.split(separator: " ") {
            guard let role = PersonRole(rawValue: String(word)) else {
                problem(element, "身份“\(word)”应为 officer（持证执法人员）、auxiliary（执法辅助人员）或 reviewer（法制审核人员）")
                return nil
            }
            if !roles.contains(role) { roles.append(role) }
        }
        var certificates: [Certificate] = []
        for child in element.children(named: "certificate") {
            guard let number = required(child, "number"), let issued = date(child, "issued", required: true),
                let expires = date(child, "expires", required: true),
                let status: Certificate.Status = enumeration(child, "status", required: true)
            else { continue }
            if expires < issued { problem(child, "执法证 \(number) 的有效期至（\(expires)）早于发证日期（\(issued)）") }
            let since = date(child, "since")
            if status != .valid, since == nil {
                problem(child, "状态为“\(status.chineseName)”的执法证须写明起始日期（since=\"YYYY-MM-DD\"）")
            }
            certificates.append(
                Certificate(
                    number: number, field: string(child, "field"), issued: issued,
                    expires: expires, status: status, since: since))
        }
        let trainings = element.children(named: "training").compactMap { child -> Training? in
            guard let year = required(child, "year").flatMap({ Int($0) }),
                let hours = required(child, "hours").flatMap({ Double($0) })
            else { return nil }
            return Training(year: year, hours: hours)
        }
        return Officer(
            id: id, name: name, agency: agency, roles: roles,
            legalQualification: string(element, "legal-qualification").flatMap { $0.isEmpty ? nil : $0 },
            reviewerSince: date(element, "reviewer-since"),
            certificates: certificates, trainings: trainings)
    }
}

// MARK: - Benchmarks

extension ModelDecoder {
    func band(_ element: Element?) -> Band? {
        guard let element else { return nil }
        func bound(_ amount: String, _ multiple: String) -> Bound? {
            let money = self.money(element, amount)
            let times = self.multiple(element, multiple)
            if money != nil, times != nil { problem(element, "\(amount) 与 \(multiple) 只能给出其一") }
            return money.map(Bound.amount) ?? times.map(Bound.multiple)
        }
        return Band(min: bound("min", "min-multiple"), max: bound("max", "max-multiple"))
    }

    func tier(_ element: Element, explicit: Bool) -> Tier {
        let levels = element.children(named: "level").compactMap { level -> Level? in
            guard let name = required(level, "name") else { return nil }
            return Level(name: name, band: band(level) ?? Band())
        }
        let tier = Tier(
            base: explicit ? string(element, "base") : nil,
            atLeast: explicit ? money(element, "when-base-at-least") : nil,
            below: explicit ? money(element, "when-base-below") : nil,
            party: explicit ? enumeration(element, "party") : nil,
            statutory: band(element.child(named: "statutory")), levels: levels)
        if let low = tier.atLeast, let high = tier.below, high <= low {
            problem(element, "基数上限 when-base-below（\(high.yuanText)）须大于基数下限 when-base-at-least（\(low.yuanText)）")
        }
        return tier
    }

    func benchmarkItem(_ element: Element) -> BenchmarkItem? {
        guard let code = required(element, "code"), let name = required(element, "name") else { return nil }
        let tierElements = element.children(named: "tier")
        let tiers = tierElements.isEmpty ? [tier(element, explicit: false)] : tierElements.map { tier($0, explicit: true) }
        return BenchmarkItem(
            code: code, name: name, basis: string(element, "basis"),
            noPenaltyIfFirstMinor: bool(element, "no-penalty-if-first-minor") ?? false,
            lifeHealthFinance: bool(element, "life-health-finance") ?? false,
            tiers: tiers, implicitTier: tierElements.isEmpty)
    }
}
