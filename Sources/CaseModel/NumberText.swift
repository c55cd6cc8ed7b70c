import Foundation

extension Double {
    /// A number as people read it in a score or a deduction: `95`, `95.5`, `0.25`; never `95.0`, and
    /// at most two decimals (scores are kept to hundredths).
    public var readableText: String {
        guard isFinite else { return "—" }
        if self == rounded(), abs(self) < 1e15 { return String(Int64(self)) }
        var text = String(format: "%.2f", self)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// A number as JSON and spreadsheet XML write it: whole numbers without a fraction (as
    /// `JSONEncoder` does), others in Swift's shortest exact form.
    public var machineText: String {
        self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self)
    }
}
