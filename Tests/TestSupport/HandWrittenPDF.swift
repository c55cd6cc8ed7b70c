import Foundation

/// A PDF written by hand: objects numbered from 1 in order, the first the catalog, with a correct
/// cross-reference table, so that a reader takes it as it is.
public func handWrittenPDF(_ objects: [Data]) -> Data {
    var pdf = Data("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
    var offsets: [Int] = []
    for (index, object) in objects.enumerated() {
        offsets.append(pdf.count)
        pdf.append(Data("\(index + 1) 0 obj\n".utf8))
        pdf.append(object)
        pdf.append(Data("\nendobj\n".utf8))
    }
    let xref = pdf.count
    var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
    for offset in offsets { table += String(format: "%010d 00000 n \n", offset) }
    table += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
    pdf.append(Data(table.utf8))
    return pdf
}

/// A PDF of `count` empty A4 pages.
public func emptyPagesPDF(_ count: Int) -> Data {
    let kids = (0..<count).map { "\($0 + 3) 0 R" }.joined(separator: " ")
    var objects = [Data("<< /Type /Catalog /Pages 2 0 R >>".utf8), Data("<< /Type /Pages /Kids [\(kids)] /Count \(count) >>".utf8)]
    for _ in 0..<count { objects.append(Data("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".utf8)) }
    return handWrittenPDF(objects)
}

/// A one-page PDF whose page is only a JPEG image (a scan with no text layer).
public func scannedPDF(jpeg: Data, width: Int, height: Int) -> Data {
    var image = Data(
        "<< /Type /XObject /Subtype /Image /Width \(width) /Height \(height) /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length \(jpeg.count) >>\nstream\n"
            .utf8)
    image.append(jpeg)
    image.append(Data("\nendstream".utf8))
    let content = "q 595 0 0 842 0 0 cm /Im0 Do Q"
    return handWrittenPDF([
        Data("<< /Type /Catalog /Pages 2 0 R >>".utf8), Data("<< /Type /Pages /Kids [3 0 R] /Count 1 >>".utf8),
        Data("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>".utf8),
        image, Data("<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream".utf8)
    ])
}
