import CaseModel

/// Writes a `CaseAudit` as JSON by hand: the audit writes one per case, and Foundation's
/// `JSONEncoder` cost more than the rules themselves. Keys are sorted like `.sortedKeys`, and
/// `JSONDecoder` reads the result back into the same value (a test holds it to that).
public enum AuditJSON {
    public static func encode(_ audit: CaseAudit) -> String {
        var out = ""
        // A case's JSON is 1–2 KB: room for it once, not by doubling from a few bytes.
        out.reserveCapacity(2048)
        out += "{\"agency\":"
        string(audit.agency, into: &out)
        out += ",\"categories\":["
        for (index, category) in audit.categories.enumerated() {
            if index > 0 { out += "," }
            out += "{\"deducted\":" + number(category.deducted) + ",\"name\":"
            string(category.name, into: &out)
            out += ",\"points\":" + number(category.points) + "}"
        }
        out += "]"
        if let setAside = audit.eventsSetAside { out += ",\"eventsSetAside\":" + String(setAside) }
        out += ",\"findings\":["
        for (index, finding) in audit.findings.enumerated() {
            if index > 0 { out += "," }
            encode(finding, into: &out)
        }
        out += "],\"grade\":"
        string(audit.grade, into: &out)
        out += ",\"id\":"
        string(audit.id, into: &out)
        if let inProgress = audit.inProgress { out += ",\"inProgress\":" + (inProgress ? "true" : "false") }
        if let indicators = audit.indicators { out += ",\"indicators\":"; encode(indicators, into: &out) }
        out += ",\"score\":" + number(audit.score) + ",\"type\":"
        string(audit.type, into: &out)
        out += ",\"veto\":" + (audit.veto ? "true" : "false") + "}"
        return out
    }

    private static func encode(_ f: Finding, into out: inout String) {
        out += "{"
        var first = true
        func key(_ name: String) {
            out += first ? "\"" : ",\""
            out += name
            out += "\":"
            first = false
        }
        func optional(_ name: String, _ value: String?) {
            guard let value else { return }
            key(name)
            string(value, into: &out)
        }
        optional("amount", f.amount)
        optional("basis", f.basis)
        optional("calendarRule", f.calendarRule)
        key("category"); string(f.category, into: &out)
        optional("date", f.date?.description)
        optional("deadline", f.deadline?.description)
        key("deduction"); out += number(f.deduction)
        if let event = f.event {
            key("event")
            out += "{\"date\":\"\(event.date)\",\"kind\":"
            string(event.kind, into: &out)
            if let line = event.line { out += ",\"line\":\(line)" }
            out += ",\"position\":\(event.position)}"
        }
        key("message"); string(f.message, into: &out)
        optional("officer", f.officer)
        optional("reviewer", f.reviewer)
        key("rule"); string(f.rule, into: &out)
        key("severity"); string(f.severity.rawValue, into: &out)
        key("status"); string(f.status.rawValue, into: &out)
        key("title"); string(f.title, into: &out)
        if let veto = f.veto { key("veto"); out += veto ? "true" : "false" }
        out += "}"
    }

    private static func encode(_ i: CaseIndicators, into out: inout String) {
        out += "{"
        if let date = i.countedOn { out += "\"countedOn\":\"\(date)\"," }
        out += "\"decided\":" + (i.decided ? "true" : "false")
        if let onTime = i.disclosedOnTime { out += ",\"disclosedOnTime\":" + (onTime ? "true" : "false") }
        if let approved = i.legalReviewApproved { out += ",\"legalReviewApproved\":" + (approved ? "true" : "false") }
        out += ",\"major\":" + (i.major ? "true" : "false")
        out += ",\"sensitiveActs\":\(i.sensitiveActs),\"sensitiveActsRecorded\":\(i.sensitiveActsRecorded)}"
    }

    /// Whole numbers without a fraction, as `JSONEncoder` writes them; others in Swift's shortest form.
    static func number(_ value: Double) -> String {
        value.machineText
    }

    static func string(_ text: String, into out: inout String) {
        out += "\""
        var plain = true
        for unit in text.utf8 where unit < 0x20 || unit == 0x22 || unit == 0x5C { plain = false; break }
        if plain {
            out += text
        } else {
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
        }
        out += "\""
    }
}
