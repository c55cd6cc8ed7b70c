import Audit
import CaseModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import TestSupport
import Testing

@testable import WebService

/// The real pages in headless Chromium: a clerk signs in, registers a case, adds two events and a
/// disclosure, and sees the audit's findings. Screenshots are kept in .build/test-artifacts/.
@Suite struct BrowserTests {
    static let artifacts = Repository.root.appendingPathComponent(".build/test-artifacts")

    /// CI installs chromedriver (scripts/install-prerequisites test); elsewhere the test runs when it is there.
    @Test(
        .enabled(if: WebDriver.chromedriver != nil || ProcessInfo.processInfo.environment["CI"] != nil),
        .timeLimit(.minutes(3)))
    func aClerkRegistersACaseAndSeesItsFindings() async throws {
        let chromedriver = try #require(WebDriver.chromedriver, "CI must install chromium-driver (see scripts/install-prerequisites)")
        try FileManager.default.createDirectory(at: Self.artifacts, withIntermediateDirectories: true)
        let fixture = try await WebFixture()
        var logger = Logger(label: "zhifa-browser-test")
        logger.logLevel = .warning
        let application = Application(router: fixture.web.buildRouter(), logger: logger)
        try await application.test(.live) { client in
            let site = "http://localhost:\(try #require(client.port))"
            let browser = try await WebDriver(executable: chromedriver, port: 9515 + Int.random(in: 0..<400))
            do {
                try await drive(browser, site: site)
                await browser.quit()
            } catch {
                try? await browser.screenshot(to: Self.artifacts.appendingPathComponent("web-failure.png"))
                await browser.quit()
                throw error
            }
        }
        let stored = try #require(try fixture.store.loadCase(id: "WH-SJJ-2026-0777"))
        #expect(stored.events.map(\.kind) == [.filed, .decision])
        #expect(stored.matter?.item == "SJ-SP-124-1")
        #expect(stored.disclosure?.date == CalendarDate("2026-03-20"))
        #expect(try fixture.store.journal().filter { $0.subject == "WH-SJJ-2026-0777" }.allSatisfy { $0.actor == Accounts.clerk })
    }

    private func drive(_ browser: WebDriver, site: String) async throws {
        try await browser.go(site + "/cases")
        #expect(try await browser.url.hasPrefix(site + "/login"))
        try await browser.type("#user", Accounts.clerk)
        try await browser.type("#password", Accounts.password)
        try await browser.clickAndWait("#login")
        #expect(try await browser.url == site + "/cases")
        #expect(try await browser.text("h1").hasPrefix("案件"))
        try await browser.screenshot(to: Self.artifacts.appendingPathComponent("web-1-cases.png"))
        // No column of the list narrower than four characters: a long veto reason once squeezed
        // 执法主体, 类别 and 当事人 to one character a line.
        let narrowest =
            try await browser.run(
                """
                return Math.min(...Array.from(document.querySelectorAll('#cases thead th')).map(th => {
                  const style = getComputedStyle(th);
                  const content = th.getBoundingClientRect().width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
                  return content / parseFloat(style.fontSize);
                }));
                """) as? Double
        #expect((narrowest ?? 0) >= 4, "the narrowest column holds \(narrowest ?? 0) characters")

        try await browser.clickAndWait("#nav-new-case")
        try await browser.type("#case-id", "WH-SJJ-2026-0777")
        try await browser.type("#party-name", "芜湖某浏览器测试有限公司")
        try await browser.set("#violation-date", "2026-03-01")
        try await browser.type("#matter-text", "经营超过保质期的食品")
        // The matter is chosen among the agency's benchmark items by name, not typed as a code.
        try await browser.set("#matter-item", "SJ-SP-124-1")
        try await browser.screenshot(to: Self.artifacts.appendingPathComponent("web-2-new-case.png"))
        try await browser.clickAndWait("#create-case")
        #expect(try await browser.url.hasPrefix(site + "/cases/WH-SJJ-2026-0777"))

        for (kind, date, extra) in [
            ("filed", "2026-03-03", ("#event-record", "立案审批表")),
            ("decision", "2026-03-10", ("#event-number", "芜市监处罚〔2026〕777号"))
        ] {
            try await browser.set("#event-kind", kind)
            try await browser.set("#event-date", date)
            try await browser.type("#event-officers", "O-1001 O-1002")
            try await browser.type(extra.0, extra.1)
            try await browser.clickAndWait("#add-event")
            #expect(try await browser.text("#saved").hasPrefix("已保存"))
        }
        try await browser.run("document.querySelectorAll('details').forEach(d => d.open = true)")
        // 2026-03-10 + 7 working days is 2026-03-19; published on the 20th, a day late.
        try await browser.set("#disclosure-date", "2026-03-20")
        try await browser.type("#disclosure-platform", "芜湖市人民政府网站")
        try await browser.clickAndWait("#save-disclosure")
        #expect(try await browser.text("#saved") == "已保存：公示信息")

        let timeline = try await browser.text("#timeline")
        #expect(timeline.contains("立案"))
        #expect(timeline.contains("决定"))
        // The finding reads by its Chinese title; the rule code is only in the markup, for machines.
        #expect(timeline.contains(RuleCatalogue.rule("DISCLOSE-LATE")!.title) && !timeline.contains("DISCLOSE-LATE"))
        #expect(try await browser.run("return document.querySelector('#timeline [data-rule=\"DISCLOSE-LATE\"]') !== null") as? Bool == true)
        #expect(try await browser.text("#disclosure").contains("2026-03-20"))
        #expect(try await browser.text("#audit-summary").contains("分"))
        try await browser.run("window.scrollTo(0, 0)")
        try await browser.screenshot(to: Self.artifacts.appendingPathComponent("web-3-case.png"))
        try await browser.run("document.getElementById('findings').scrollIntoView()")
        try await browser.screenshot(to: Self.artifacts.appendingPathComponent("web-4-findings.png"))

        // On paper the case page has no navigation, sign-out or entry forms: what prints is the case.
        let printed = Self.artifacts.appendingPathComponent("web-5-case-printed.pdf")
        try await browser.printPDF(to: printed)
        let pdf = String(decoding: try Data(contentsOf: printed), as: UTF8.self)
        #expect(pdf.hasPrefix("%PDF-") && pdf.contains("/MediaBox [0 0 595"))
        let onScreen = try await browser.run("return getComputedStyle(document.querySelector('header.top')).display") as? String
        #expect(onScreen != "none")
        // The print stylesheet hides them: checked through the same rules the browser applied to the PDF.
        let hidden =
            try await browser.run(
                """
                const rules = [...document.styleSheets].flatMap(s => [...s.cssRules]).filter(r => r.media && r.media.mediaText === 'print');
                return rules.some(r => [...r.cssRules].some(c => c.selectorText && c.selectorText.includes('header.top') && c.style.display === 'none'));
                """) as? Bool
        #expect(hidden == true)
    }
}
