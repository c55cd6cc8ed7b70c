import Audit
import AuditRuns

/// RFC 4180 CSV in UTF-8 with a byte-order mark, so that Excel and WPS open Chinese text correctly,
/// and written so that a spreadsheet cannot corrupt or execute what it opens:
/// - a field beginning with `=`, `+`, `-`, `@` (or a tab or carriage return) would be taken for a
///   formula (CSV injection: `=1+2`, `=HYPERLINK(…)`); it is written with a leading apostrophe,
///   which spreadsheets show as text, as OWASP advises;
/// - a field of 12 or more digits (a case id, a credit code, an identity number) or with a leading
///   zero would become a number in scientific notation and lose digits; it is written behind a tab,
///   which makes Excel and WPS keep it as text and which a reader does not see.
public final class CSVWriter {
    private let sink: ReportSink

    public init(sink: ReportSink) {
        self.sink = sink
        sink.write("\u{FEFF}")
    }

    public func row(_ fields: [String]) {
        sink.write(fields.map { Self.quote(Self.neutralise($0)) }.joined(separator: ",") + "\r\n")
    }

    /// The field as a spreadsheet should show it: never a formula, never a mangled number.
    public static func neutralise(_ field: String) -> String {
        guard let first = field.unicodeScalars.first else { return field }
        if "=+-@\t\r".unicodeScalars.contains(first) { return "'" + field }
        let digits = field.unicodeScalars.allSatisfy { $0.value >= 48 && $0.value <= 57 }
        if digits, field.unicodeScalars.count >= 12 || (field.unicodeScalars.count > 1 && first == "0") { return "\t" + field }
        return field
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "'" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
