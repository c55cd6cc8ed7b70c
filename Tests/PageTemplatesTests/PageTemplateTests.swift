import Foundation
import PageTemplates
import Testing

@Suite("Page templates")
struct PageTemplateTests {
    struct Event: Encodable {
        var date: String
        var officers: String?
        var findings: [String]
    }
    struct Page: Encodable {
        var title: String
        var count: Int
        var runId: Int64 = 9_000_000_000
        var share: Double = 2.5
        var small: UInt8? = 7
        var major: Bool
        var saved: String?
        var events: [Event]
        var may: [String: Bool]
    }

    let page = Page(
        title: "案件 <A&B> \"引号\" '单'", count: 0, major: false, saved: nil,
        events: [Event(date: "2026-01-05", officers: "张三、李四", findings: ["逾期", "<b>"]), Event(date: "2026-01-09", officers: nil, findings: [])],
        may: ["export": true, "administer": false])

    func render(_ text: String, _ partials: [String: String] = [:]) throws -> String {
        let library = try TemplateLibrary(texts: partials.merging(["page": text]) { own, _ in own })
        return try #require(library.render("page", try TemplateEncoder.value(of: page)))
    }

    @Test("every value is escaped for HTML; numbers and flags print as text")
    func escaping() throws {
        #expect(try render("{{title}}|{{count}}|{{major}}") == "案件 &lt;A&amp;B&gt; &quot;引号&quot; &#39;单&#39;|0|false")
        #expect(try render("{{runId}} {{share}} {{small}}") == "9000000000 2.5 7")
    }

    @Test("sections: lists repeat, flags and missing values hide, text and zero show")
    func sections() throws {
        #expect(try render("{{#events}}[{{date}}{{#officers}}:{{.}}{{/officers}}]{{/events}}") == "[2026-01-05:张三、李四][2026-01-09]")
        #expect(try render("{{#major}}重大{{/major}}{{^major}}一般{{/major}}") == "一般")
        #expect(try render("{{#saved}}S{{/saved}}{{^saved}}none{{/saved}}") == "none")
        #expect(try render("{{#count}}={{.}}{{/count}}") == "=0")
        #expect(try render("{{#events}}{{#findings}}<{{.}}>{{/findings}}{{^findings}}无{{/findings}};{{/events}}") == "<逾期><&lt;b&gt;>;无;")
    }

    @Test("dotted names and names found further out")
    func names() throws {
        #expect(try render("{{#may.export}}导出{{/may.export}}{{#may.administer}}管理{{/may.administer}}{{#may.nothing}}?{{/may.nothing}}") == "导出")
        #expect(try render("{{#events}}{{title}}{{/events}}").contains("案件"))
        #expect(try render("{{missing}}{{events.date}}") == "")
    }

    @Test("partials and a parent page's blocks")
    func inheritance() throws {
        let partials = ["layout": "<main>{{$body}}默认{{/body}}</main><t>{{title}}</t>", "finding": "[{{.}}]"]
        #expect(
            try render("{{<layout}}{{$body}}{{#events}}{{#findings}}{{>finding}}{{/findings}}{{/events}}{{/body}}{{/layout}}", partials)
                .hasPrefix("<main>[逾期][&lt;b&gt;]</main><t>案件"))
        #expect(try render("{{<layout}}{{/layout}}", partials).hasPrefix("<main>默认</main>"))
        // A partial that includes itself stops instead of recursing for ever.
        #expect(try render("{{>loop}}", ["loop": "x{{>loop}}"]) == String(repeating: "x", count: 16))
    }

    @Test("a template that does not parse names itself and the place")
    func syntax() throws {
        for text in ["{{#events}}open", "{{/events}}", "{{#a}}{{/b}}", "{{title", "{{{title}}}", "{{}}"] {
            #expect(throws: TemplateSyntaxError.self, "\(text)") { try TemplateLibrary(texts: ["page": text]) }
        }
        do {
            _ = try TemplateLibrary(texts: ["page": "abc{{#a}}"])
            Issue.record("parsed")
        } catch let error as TemplateSyntaxError {
            #expect(error.template == "page")
            #expect(error.description.contains("{{a}}"))
        }
    }
}
