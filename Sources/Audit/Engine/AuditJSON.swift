import CaseModel

/// Writes a `CaseAudit` as JSON by hand: the audit writes one per case, and Foundation's
/// `JSONEncoder` cost more than the rules themselves. Keys are sorted like `.sortedKeys`, and
/// `JSONDecoder` reads the result back into the same value (a test holds it to that).
public enum AuditJSON {
    public static func encode(_ audit: CaseAudit) -> String {
        var out = JSONBytes()
        encode(audit, into: &out, deductionsOnly: false, findings: audit.findings.count)
        return out.result
    }

    /// `audit`'s JSON; with `deductionsOnly`, each category as its deduction alone, and only the
    /// first `count` findings (the stored form, `StoredAuditJSON`).
    static func encode(_ audit: CaseAudit, into out: inout JSONBytes, deductionsOnly: Bool, findings count: Int) {
        out.raw("{\"agency\":")
        out.string(audit.agency)
        out.raw(",\"categories\":[")
        for (index, category) in audit.categories.enumerated() {
            if index > 0 { out.raw(",") }
            if deductionsOnly {
                out.number(category.deducted)
            } else {
                out.raw("{\"deducted\":")
                out.number(category.deducted)
                encodeTail(category, into: &out)
            }
        }
        out.raw("]")
        if let setAside = audit.eventsSetAside {
            out.raw(",\"eventsSetAside\":")
            out.text(String(setAside))
        }
        out.raw(",\"findings\":[")
        for (index, finding) in audit.findings.prefix(count).enumerated() {
            if index > 0 { out.raw(",") }
            encode(finding, into: &out)
        }
        out.raw("],\"grade\":")
        out.string(audit.grade)
        out.raw(",\"id\":")
        out.string(audit.id)
        if let inProgress = audit.inProgress {
            out.raw(",\"inProgress\":")
            out.bool(inProgress)
        }
        if let indicators = audit.indicators {
            out.raw(",\"indicators\":")
            encode(indicators, into: &out)
        }
        if let review = audit.review { encode(review, into: &out) }
        out.raw(",\"score\":")
        out.number(audit.score)
        out.raw(",\"type\":")
        out.string(audit.type)
        out.raw(",\"veto\":")
        out.bool(audit.veto)
        out.raw("}")
    }

    /// A category's text after its deduction: `,"name":…,"points":…}`.
    static func encodeTail(_ category: CategoryScore, into out: inout JSONBytes) {
        out.raw(",\"name\":")
        out.string(category.name)
        out.raw(",\"points\":")
        out.number(category.points)
        out.raw("}")
    }

    /// Keys in the order `JSONEncoder` sorts them.
    private static func encode(_ review: ManualReview, into out: inout JSONBytes) {
        out.raw(",\"review\":{")
        for (key, value) in [("\"checkedAt\":" as StaticString, review.checkedAt), ("\"checkedBy\":", review.checkedBy)] {
            guard let value else { continue }
            out.raw(key)
            out.string(value)
            out.raw(",")
        }
        out.raw("\"openItems\":")
        out.text(String(review.openItems))
        out.raw(",\"openPoints\":")
        out.number(review.openPoints)
        for (key, value) in [
            (",\"returned\":" as StaticString, review.returned), (",\"signedAt\":", review.signedAt), (",\"signedBy\":", review.signedBy)
        ] {
            guard let value else { continue }
            out.raw(key)
            out.string(value)
        }
        out.raw("}")
    }

    static func encode(_ f: Finding, into out: inout JSONBytes) {
        out.raw("{")
        var first = true
        func key(_ name: StaticString) {
            out.raw(first ? "\"" : ",\"")
            out.raw(name)
            out.raw("\":")
            first = false
        }
        func optional(_ name: StaticString, _ value: String?) {
            guard let value else { return }
            key(name)
            out.string(value)
        }
        optional("amount", f.amount)
        optional("basis", f.basis)
        optional("calendarRule", f.calendarRule)
        key("category")
        out.string(f.category)
        optional("correction", f.correction)
        optional("date", f.date?.description)
        optional("deadline", f.deadline?.description)
        key("deduction")
        out.number(f.deduction)
        if let event = f.event {
            key("event")
            out.raw("{\"date\":\"")
            out.text(event.date.description)
            out.raw("\",\"kind\":")
            out.string(event.kind)
            if let line = event.line {
                out.raw(",\"line\":")
                out.text(String(line))
            }
            out.raw(",\"position\":")
            out.text(String(event.position))
            out.raw("}")
        }
        key("message")
        out.string(f.message)
        optional("officer", f.officer)
        if let proposal = f.proposal {
            key("proposal")
            out.raw("{\"deduction\":")
            out.number(proposal.deduction)
            out.raw(",\"item\":")
            out.string(proposal.item)
            out.raw(",\"note\":")
            out.string(proposal.note)
            out.raw("}")
        }
        optional("reviewer", f.reviewer)
        key("rule")
        out.string(f.rule)
        key("severity")
        out.string(f.severity.rawValue)
        key("status")
        out.string(f.status.rawValue)
        key("title")
        out.string(f.title)
        if let veto = f.veto {
            key("veto")
            out.bool(veto)
        }
        out.raw("}")
    }

    private static func encode(_ i: CaseIndicators, into out: inout JSONBytes) {
        out.raw("{")
        if let date = i.countedOn {
            out.raw("\"countedOn\":\"")
            out.text(date.description)
            out.raw("\",")
        }
        out.raw("\"decided\":")
        out.bool(i.decided)
        if let onTime = i.disclosedOnTime {
            out.raw(",\"disclosedOnTime\":")
            out.bool(onTime)
        }
        if let ruling = i.judgment {
            out.raw(",\"judgment\":\"")
            out.text(ruling.rawValue)
            out.raw("\"")
        }
        if let approved = i.legalReviewApproved {
            out.raw(",\"legalReviewApproved\":")
            out.bool(approved)
        }
        out.raw(",\"major\":")
        out.bool(i.major)
        if let ruling = i.reconsideration {
            out.raw(",\"reconsideration\":\"")
            out.text(ruling.rawValue)
            out.raw("\"")
        }
        out.raw(",\"sensitiveActs\":")
        out.text(String(i.sensitiveActs))
        out.raw(",\"sensitiveActsRecorded\":")
        out.text(String(i.sensitiveActsRecorded))
        out.raw("}")
    }
}

/// JSON text gathered as UTF-8 bytes and made a `String` once. Appending to a `String` piece by
/// piece also checked and updated its count and flags on every append, which cost about a
/// twentieth of a fresh audit's CPU.
struct JSONBytes {
    // A case's JSON is 1–2 KB: room for it once, not by doubling from a few bytes.
    private var bytes: [UInt8] = {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(2048)
        return bytes
    }()

    var result: String { String(decoding: bytes, as: UTF8.self) }

    mutating func raw(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Text known to need no escaping: digits, dates.
    mutating func text(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Whole numbers without a fraction, as `JSONEncoder` writes them; others in Swift's shortest form.
    mutating func number(_ value: Double) {
        text(value.machineText)
    }

    mutating func bool(_ value: Bool) {
        raw(value ? "true" : "false")
    }

    /// A JSON string. Only ASCII bytes are escaped (quote, backslash, controls), and no byte of a
    /// multi-byte UTF-8 sequence is ASCII, so escaping byte by byte leaves every other character whole.
    mutating func string(_ value: String) {
        bytes.append(0x22)
        var value = value
        // Scanned and copied as one buffer: nearly every string needs no escaping.
        let appended = value.withUTF8 { utf8 in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if !appended {
            for unit in value.utf8 {
                switch unit {
                case 0x22: raw("\\\"")
                case 0x5C: raw("\\\\")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                case ..<0x20:
                    let hex = String(unit, radix: 16)
                    raw("\\u")
                    text(String(repeating: "0", count: 4 - hex.count) + hex)
                default: bytes.append(unit)
                }
            }
        }
        bytes.append(0x22)
    }
}
