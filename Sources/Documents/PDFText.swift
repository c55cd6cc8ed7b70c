import CPoppler
import CaseModel
import Foundation

/// A PDF through poppler's GLib interface: each page's text layer; a page without one (a scan) is
/// rendered through cairo and recognised when recognition is installed. The page count is bounded
/// before any page is read, the time between pages.
struct PDFText {
    let limits: DocumentLimits
    let recognizer: TextRecognizer?
    let deadline: ContinuousClock.Instant
    /// Rendering resolution for recognition: Tesseract reads body text best at about 300 dpi.
    static let renderDPI = 300.0

    func read(_ data: Data) throws -> DocumentText {
        // poppler reads the bytes where they are (no copy of a 50 MB file); the document and its
        // pages are released before `withUnsafeBytes` returns.
        try data.withUnsafeBytes { raw in
            let bytes = g_bytes_new_static(raw.baseAddress, gsize(raw.count))
            defer { g_bytes_unref(bytes) }
            return try read(bytes)
        }
    }

    private func read(_ bytes: OpaquePointer?) throws -> DocumentText {
        var error: UnsafeMutablePointer<GError>?
        guard let document = poppler_document_new_from_bytes(bytes, nil, &error) else {
            let detail = error.map { String(cString: $0.pointee.message) } ?? ""
            if let error { g_error_free(error) }
            throw DocumentRefusal("PDF 无法打开（已加密或已损坏）\(detail.isEmpty ? "" : "：\(detail.prefix(200))")")
        }
        defer { g_object_unref(UnsafeMutableRawPointer(document)) }
        let count = Int(poppler_document_get_n_pages(document))
        guard count <= limits.maxPages else { throw DocumentRefusal("PDF 共 \(count) 页，超过 \(limits.maxPages) 页的上限") }
        var pages: [String] = []
        var scanned = 0
        var recognized = false
        for index in 0..<count {
            try Deadline(instant: deadline).check()
            guard let page = poppler_document_get_page(document, Int32(index)) else { continue }
            defer { g_object_unref(UnsafeMutableRawPointer(page)) }
            var text = ""
            if let raw = poppler_page_get_text(page) {
                text = String(cString: raw)
                g_free(raw)
            }
            if text.allSatisfy(\.isWhitespace) {
                scanned += 1
                if let recognizer {
                    text = try recognize(page, with: recognizer)
                    recognized = true
                }
            }
            pages.append(text)
        }
        if scanned > 0, scanned == count, recognizer == nil { return ImageText.unrecognized(.pdf, pages: count) }
        return DocumentText(format: .pdf, status: .read, text: pages.joined(separator: "\n"), pages: count, recognized: recognized)
    }

    /// Renders the page white-backed at `renderDPI` (less when that would pass the pixel bound)
    /// into a PNG beside the temporary files, and recognises it.
    private func recognize(_ page: OpaquePointer, with recognizer: TextRecognizer) throws -> String {
        var width = 0.0
        var height = 0.0
        poppler_page_get_size(page, &width, &height)
        guard width > 0, height > 0, width.isFinite, height.isFinite else { throw DocumentRefusal("PDF 页面尺寸无效") }
        var scale = Self.renderDPI / 72
        let pixels = width * height * scale * scale
        if pixels > Double(limits.maxPixels) { scale *= (Double(limits.maxPixels) / pixels).squareRoot() }
        let pixelWidth = Int32(max(1, (width * scale).rounded(.down)))
        let pixelHeight = Int32(max(1, (height * scale).rounded(.down)))
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pixelWidth, pixelHeight) else {
            throw DocumentRefusal("PDF 页面无法渲染")
        }
        defer { cairo_surface_destroy(surface) }
        guard let cairo = cairo_create(surface) else { throw DocumentRefusal("PDF 页面无法渲染") }
        cairo_set_source_rgb(cairo, 1, 1, 1)
        cairo_paint(cairo)
        cairo_scale(cairo, scale, scale)
        poppler_page_render(page, cairo)
        cairo_destroy(cairo)
        let image = FileManager.default.temporaryDirectory.appendingPathComponent("zhifa-page-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: image) }
        guard cairo_surface_write_to_png(surface, image.path) == CAIRO_STATUS_SUCCESS else { throw DocumentRefusal("PDF 页面无法渲染") }
        return try recognizer.recognize(image, deadline: deadline)
    }
}
