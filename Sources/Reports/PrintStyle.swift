/// What every printable page shares: A4, margins, page numbers at the foot of each page, a font
/// that has the Chinese glyphs, tables that repeat their header on each page, and the block where
/// reviewers sign. Chromium (131 and later) honours the `@page` margin boxes; `--no-pdf-header-footer`
/// keeps its own header and footer off the paper.
enum PrintStyle {
    static let css = """
        @page { size: A4 portrait; margin: 16mm 14mm 18mm 14mm;
                @bottom-center { content: "第 " counter(page) " 页，共 " counter(pages) " 页"; font-size: 9pt; color: #555; } }
        body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "WenQuanYi Zen Hei", sans-serif; color: #222; font-size: 10.5pt; }
        h1 { font-size: 17pt; text-align: center; margin: 0 0 0.3em; }
        .meta { color: #555; margin-bottom: 1em; }
        table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; }
        thead { display: table-header-group; }
        tr { page-break-inside: avoid; break-inside: avoid; }
        th, td { border: 1px solid #999; padding: 3px 5px; text-align: left; vertical-align: top; }
        th { background: #ddebf7; }
        td.number, th.number { text-align: right; white-space: nowrap; }
        .signatures { margin-top: 2em; display: grid; grid-template-columns: 1fr 1fr; gap: 1.6em 2em; break-inside: avoid; page-break-inside: avoid; }
        .signatures div { border-bottom: 1px solid #222; padding-top: 1.8em; }
        @media screen { body { max-width: 190mm; margin: 2em auto; } }
        @media print { body { margin: 0; } }
        """

    /// Lines where the reviewer and the one who checks the review sign and date the paper, with
    /// their names printed when a campaign gave the case to them.
    static func signatures(reviewer: String?, checker: String?) -> String {
        guard reviewer != nil || checker != nil else { return signatures }
        return """
            <div class="signatures" id="signatures">
            <div>评查人（签名）：\(Markup.escape(reviewer ?? ""))</div><div>日期：　　　　年　　月　　日</div>
            <div>复核人（签名）：\(Markup.escape(checker ?? ""))</div><div>日期：　　　　年　　月　　日</div>
            </div>
            """
    }

    /// Lines where the reviewer and the one who checks the review sign and date the paper.
    static let signatures = """
        <div class="signatures" id="signatures">
        <div>评查人（签名）：</div><div>日期：　　　　年　　月　　日</div>
        <div>复核人（签名）：</div><div>日期：　　　　年　　月　　日</div>
        </div>
        """
}
