import CaseModel
import Foundation

/// A scanned page (PNG or JPEG): its size read from its header and bounded before anything decodes
/// it, then recognised when recognition is installed; `未识别` when it is not.
struct ImageText {
    let limits: DocumentLimits
    let recognizer: TextRecognizer?
    let deadline: ContinuousClock.Instant

    func read(_ data: Data, at url: URL) throws -> DocumentText {
        guard let (width, height) = Self.dimensions(data) else { throw DocumentRefusal("图像文件头无法读取（文件可能已损坏）") }
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow, pixels <= limits.maxPixels else {
            throw DocumentRefusal("图像为 \(width)×\(height) 像素，超过 \(limits.maxPixels / 1_000_000) 百万像素的上限")
        }
        guard let recognizer else { return Self.unrecognized(.image, pages: 1) }
        let text = try recognizer.recognize(url, deadline: deadline)
        return DocumentText(format: .image, status: .read, text: text, pages: 1, recognized: true)
    }

    /// Scanned pages that no recognition on this machine can read.
    static func unrecognized(_ format: DocumentText.Format, pages: Int) -> DocumentText {
        DocumentText(
            format: format, status: .unrecognized,
            reason: "扫描件（共\(pages)页无文字层），本机未安装文字识别（tesseract-ocr 及 tesseract-ocr-chi-sim），未识别", pages: pages)
    }

    /// Width and height from a PNG's IHDR or a JPEG's start-of-frame segment; nil when neither is there.
    static func dimensions(_ data: Data) -> (Int, Int)? {
        let bytes = [UInt8](data.prefix(1 << 20))
        func big(_ at: Int, _ count: Int) -> Int? {
            guard at >= 0, at + count <= bytes.count else { return nil }
            return bytes[at..<(at + count)].reduce(0) { $0 << 8 | Int($1) }
        }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            guard let width = big(16, 4), let height = big(20, 4) else { return nil }
            return (width, height)
        }
        guard bytes.starts(with: [0xFF, 0xD8]) else { return nil }
        var at = 2
        while at + 4 <= bytes.count {
            guard bytes[at] == 0xFF else { return nil }
            let marker = bytes[at + 1]
            if marker == 0xFF {
                at += 1
                continue
            }
            guard let length = big(at + 2, 2), length >= 2 else { return nil }
            // SOF0…SOF15 but DHT (C4), JPG (C8) and DAC (CC): height then width after the precision.
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard let height = big(at + 5, 2), let width = big(at + 7, 2) else { return nil }
                return (width, height)
            }
            at += 2 + length
        }
        return nil
    }
}
