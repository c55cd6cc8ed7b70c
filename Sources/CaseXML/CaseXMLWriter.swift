import CaseModel
import Crypto

/// Writes model values back to the interchange format.
///
/// The output is canonical: attributes in a fixed order, defaults (`procedure="general"`,
/// `false` flags) left out, two-space indent. Reading it back gives the same values, and its
/// SHA-256 is the case's content hash that the journal records.
public enum CaseXMLWriter {
    public static func document(_ enforcementCase: EnforcementCase) -> String {
        let output = XMLOutput()
        output.startDocument()
        write(enforcementCase, to: output, namespace: Namespace.cases)
        return output.finish()
    }

    public static func document(cases: [EnforcementCase]) -> String {
        let output = XMLOutput()
        output.startDocument()
        output.start("cases", namespace: Namespace.cases)
        for enforcementCase in cases { write(enforcementCase, to: output, namespace: nil) }
        output.end()
        return output.finish()
    }

    /// One `<case>` element without an XML declaration or namespace, for streaming a `<cases>` document.
    public static func element(_ enforcementCase: EnforcementCase) -> String {
        let output = XMLOutput()
        write(enforcementCase, to: output, namespace: nil)
        return output.finish()
    }

    /// Opens a `<cases>` document that `element(_:)` strings continue and `casesDocumentEnd` closes.
    public static let casesDocumentStart = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<cases xmlns=\"\(Namespace.cases)\">\n"
    public static let casesDocumentEnd = "</cases>\n"

    /// SHA-256 (hex) of the case's canonical document.
    public static func contentHash(_ enforcementCase: EnforcementCase) -> String {
        Hex.sha256(document(enforcementCase))
    }

    private static func flag(_ value: Bool) -> String? { value ? "true" : nil }

    static func write(_ c: EnforcementCase, to out: XMLOutput, namespace: String?) {
        out.start("case", namespace: namespace)
        out.attribute("id", c.id)
        out.attribute("agency", c.agency)
        out.attribute("type", c.type.rawValue)
        out.attribute("procedure", c.procedure == .general ? nil : c.procedure.rawValue)
        out.attribute("major", flag(c.declaredMajor))
        out.attribute("power", c.power)

        out.start("party")
        out.attribute("kind", c.party.kind.rawValue)
        out.attribute("name", c.party.name)
        out.attribute("credit-code", c.party.creditCode)
        out.attribute("id-number", c.party.idNumber)
        out.attribute("first-offence", flag(c.party.firstOffence))
        out.attribute("corrected", flag(c.party.corrected))
        out.attribute("harm", flag(c.party.harm))
        out.end()

        if let matter = c.matter {
            out.start("matter")
            out.attribute("item", matter.item)
            out.attribute("violation-date", matter.violationDate)
            out.text(matter.text)
            out.end()
        }
        if !c.events.isEmpty {
            out.start("events")
            for event in c.events { write(event, to: out) }
            out.end()
        }
        if let outcome = c.outcome { write(outcome, to: out) }
        if let disclosure = c.disclosure {
            out.start("disclosure")
            out.attribute("date", disclosure.date)
            out.attribute("platform", disclosure.platform)
            out.attribute("url", disclosure.url)
            out.attribute("withdrawn", disclosure.withdrawn)
            out.attribute("exempt", disclosure.exempt)
            if let text = disclosure.text { out.element("text", text: text) }
            out.end()
        }
        out.end()
    }

    private static func write(_ event: Event, to out: XMLOutput) {
        out.start("event")
        out.attribute("kind", event.kind.rawValue)
        out.attribute("date", event.date)
        out.attribute("officers", event.officers.isEmpty ? nil : event.officers.joined(separator: " "))
        out.attribute("until", event.until)
        out.attribute("hearing-rights", event.hearingRights.map { $0 ? "true" : "false" })
        out.attribute("reviewer", event.reviewer)
        out.attribute("result", event.result?.rawValue)
        out.attribute("days", event.days)
        out.attribute("number", event.number)
        out.attribute("method", event.method?.rawValue)
        out.attribute("by", event.revokedBy?.rawValue)
        out.attribute("ruling", event.ruling?.rawValue)
        for record in event.records {
            out.start("record")
            out.attribute("kind", record.kind.rawValue)
            out.attribute("title", record.title)
            out.attribute("file", record.file)
            out.attribute("sha256", record.sha256)
            out.attribute("start", record.start)
            out.attribute("end", record.end)
            out.end()
        }
        out.end()
    }

    private static func write(_ outcome: Outcome, to out: XMLOutput) {
        out.start("outcome")
        for penalty in outcome.penalties {
            out.start("penalty")
            out.attribute("kind", penalty.kind.rawValue)
            out.attribute("amount", penalty.amount?.yuanText)
            out.end()
        }
        for base in outcome.bases {
            out.start("base")
            out.attribute("name", base.name)
            out.attribute("amount", base.amount.yuanText)
            out.end()
        }
        if let discretion = outcome.discretion {
            out.start("discretion")
            out.attribute("level", discretion.level)
            out.attribute("reason", discretion.reason)
            out.end()
        }
        if let grant = outcome.grant {
            out.start("grant")
            out.attribute("result", grant.rawValue)
            out.end()
        }
        out.end()
    }
}
