import Audit
import AuditRuns

/// RFC 4180 CSV in UTF-8 with a byte-order mark, so that Excel and WPS open Chinese text correctly.
public final class CSVWriter {
    private let sink: ReportSink

    public init(sink: ReportSink) {
        self.sink = sink
        sink.write("\u{FEFF}")
    }

    public func row(_ fields: [String]) {
        sink.write(fields.map(Self.quote).joined(separator: ",") + "\r\n")
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
